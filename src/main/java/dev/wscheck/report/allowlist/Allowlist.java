package dev.wscheck.report.allowlist;

import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.PlannedRequirement;
import dev.wscheck.catalog.ProxyPolicy;
import dev.wscheck.catalog.RegionDef;
import dev.wscheck.catalog.ipranges.Cidrs;
import dev.wscheck.catalog.ipranges.IpPrefix;
import dev.wscheck.catalog.ipranges.Port443Ranges;
import dev.wscheck.probe.Target;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a firewall or proxy must let through for one region, in three rules, whatever the output
 * format: {@code https} (TCP/UDP 443 to the HTTPS names and AWS's port-443 ranges; a proxy may
 * carry it), {@code pcoip} (TCP+UDP 4172 to the PCoIP gateways and health-check servers, never
 * through a proxy) and {@code dcv} (TCP+UDP 4195, and 443 as its fallback, to the DCV gateways,
 * Global Accelerator endpoints and health-check servers; TCP only may use a proxy); and where the
 * plan has Web Access, {@code web-access} (TCP+UDP 80 and 443 to the Web Access page and the
 * region's EC2 ranges, as AWS's page says). Every range list is aggregated. IPv6 names and ranges
 * only when asked for.
 *
 * @param ipRangesCreateDate the createDate of the ip-ranges.json the 443 ranges come from; empty
 *     when no data was available (then the https rule has names only)
 */
public record Allowlist(String region, String regionName, String catalogVersion, List<String> protocols,
                        Optional<String> ipRangesCreateDate, boolean ipv6, List<Rule> rules) {

    public enum Transport { TCP, UDP;
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Port(Transport transport, int number) {
        @Override
        public String toString() {
            return transport.id() + "/" + number;
        }
    }

    /**
     * @param id {@code https}, {@code web-access}, {@code pcoip} or {@code dcv}
     * @param proxy {@code allowed}, {@code never} or {@code tcp-optional}
     * @param domains exact names, and wildcards as {@code *.suffix}
     */
    public record Rule(String id, String title, String proxy, List<Port> ports, List<String> domains,
                       List<IpPrefix> ipv4, List<IpPrefix> ipv6, List<String> requirements) {
        /** Every prefix, IPv4 first. */
        public List<IpPrefix> prefixes() {
            List<IpPrefix> all = new ArrayList<>(ipv4);
            all.addAll(ipv6);
            return all;
        }

        /** The distinct port numbers, in order. */
        public List<Integer> portNumbers() {
            return ports.stream().map(Port::number).distinct().toList();
        }
    }

    /**
     * Builds the allowlist. {@code groups} are the port-443 range groups (empty without
     * ip-ranges data); {@code undocumentedGateways} are WORKSPACES_GATEWAYS prefixes of the region
     * that AWS's page does not list: they go into both streaming rules, since ip-ranges.json does
     * not say which protocol they serve.
     */
    public static Allowlist of(Plan plan, Optional<String> createDate, List<Port443Ranges.Group> groups,
                               List<IpPrefix> undocumentedGateways, boolean ipv6) {
        return of(plan, createDate, groups, undocumentedGateways, List.of(), ipv6);
    }

    /**
     * As above; {@code webAccessEc2} are the region's EC2 ranges (empty without ip-ranges data),
     * which the web-access rule opens on TCP/UDP 80 and 443.
     */
    public static Allowlist of(Plan plan, Optional<String> createDate, List<Port443Ranges.Group> groups,
                               List<IpPrefix> undocumentedGateways, List<IpPrefix> webAccessEc2, boolean ipv6) {
        RegionDef r = plan.region();
        List<Rule> rules = new ArrayList<>();
        Set<String> httpsNames = new LinkedHashSet<>();
        List<String> httpsReqs = new ArrayList<>();
        for (PlannedRequirement q : plan.requirements()) {
            if (q.def().category().equals("streaming") || q.def().proxy() != ProxyPolicy.ALLOWED) {
                continue;
            }
            int before = httpsNames.size();
            names(q, ipv6, httpsNames);
            if (httpsNames.size() > before) {
                httpsReqs.add(q.id());
            }
        }
        rules.add(new Rule("https", "HTTPS: registration, authentication, brokers, directory settings, updates", "allowed",
                List.of(new Port(Transport.TCP, 443), new Port(Transport.UDP, 443)), withoutCovered(httpsNames),
                Port443Ranges.union(groups, false), ipv6 ? Port443Ranges.union(groups, true) : List.of(), httpsReqs));
        plan.requirement("web-access").filter(q -> q.skipReason().isEmpty()).ifPresent(q -> {
            Set<String> names = new LinkedHashSet<>();
            names(q, ipv6, names);
            List<IpPrefix> v4 = webAccessEc2.stream().filter(p -> !p.v6()).toList();
            List<IpPrefix> v6 = webAccessEc2.stream().filter(IpPrefix::v6).toList();
            rules.add(new Rule("web-access", "Web Access in a browser: the page on HTTP 80, then HTTPS, to the region's EC2 ranges", "allowed",
                    List.of(new Port(Transport.TCP, 80), new Port(Transport.UDP, 80), new Port(Transport.TCP, 443), new Port(Transport.UDP, 443)),
                    withoutCovered(names), v4, ipv6 ? v6 : List.of(), List.of(q.id())));
        });
        Optional<RegionDef.HealthCheck> hc = r.healthCheck();
        for (String p : plan.protocols()) {
            boolean dcv = p.equals("dcv");
            RegionDef.GatewaySet g = dcv ? r.gateways().dcv() : r.gateways().pcoip();
            Set<String> names = new LinkedHashSet<>();
            List<IpPrefix> v4 = new ArrayList<>();
            List<IpPrefix> v6 = new ArrayList<>();
            hc.ifPresent(h -> {
                names.add(h.host());
                h.addresses().forEach(a -> dev.wscheck.catalog.Cidr.literal(a).ifPresent(b -> v4.add(IpPrefix.containing(b, b.length * 8))));
                if (ipv6 && !h.ipv6Host().isEmpty()) {
                    names.add(h.ipv6Host());
                }
                if (!h.ipv6Prefix().isEmpty()) {
                    v6.add(IpPrefix.parse(h.ipv6Prefix()));
                }
            });
            names.addAll(g.domains());
            // Names of this protocol's streaming requirements that are allowlist entries: a
            // derived gateway domain, the PrivateLink names of --vpc-endpoint.
            plan.requirements().stream().filter(q -> q.def().protocol().equals(p) && q.def().category().equals("streaming") && q.skipReason().isEmpty())
                    .forEach(q -> q.allowlistOnly().forEach(a -> names.add(a.toLowerCase(Locale.ROOT))));
            for (RegionDef.GatewaySet set : List.of(g, r.gateways().unassigned())) {
                set.ipv4().forEach(s -> v4.add(IpPrefix.parse(s)));
                set.aga().forEach(s -> v4.add(IpPrefix.parse(s)));
                set.ipv6().forEach(s -> v6.add(IpPrefix.parse(s)));
            }
            for (IpPrefix u : undocumentedGateways) {
                (u.v6() ? v6 : v4).add(u);
            }
            List<String> reqs = plan.requirements().stream().filter(q -> q.def().protocol().equals(p) && q.def().category().equals("streaming"))
                    .map(PlannedRequirement::id).toList();
            if (dcv) {
                rules.add(new Rule("dcv", "DCV streaming and health checks (443 when 4195 is blocked)", "tcp-optional",
                        List.of(new Port(Transport.TCP, 4195), new Port(Transport.UDP, 4195), new Port(Transport.TCP, 443), new Port(Transport.UDP, 443)),
                        withoutCovered(names), Cidrs.aggregate(v4), ipv6 ? Cidrs.aggregate(v6) : List.of(), reqs));
            } else {
                rules.add(new Rule("pcoip", "PCoIP streaming and health checks", "never",
                        List.of(new Port(Transport.TCP, 4172), new Port(Transport.UDP, 4172)),
                        withoutCovered(names), Cidrs.aggregate(v4), ipv6 ? Cidrs.aggregate(v6) : List.of(), reqs));
            }
        }
        return new Allowlist(r.code(), r.name(), plan.catalog().version(), plan.protocols(), createDate, ipv6, List.copyOf(rules));
    }

    /** The rule with this id, if the protocols asked for have it. */
    public Optional<Rule> rule(String id) {
        return rules.stream().filter(x -> x.id().equals(id)).findFirst();
    }

    /** Every name of every rule, once, in rule order. */
    public List<String> allDomains() {
        Set<String> out = new LinkedHashSet<>();
        rules.forEach(x -> out.addAll(x.domains()));
        return withoutCovered(out);
    }

    private static void names(PlannedRequirement q, boolean ipv6, Set<String> out) {
        for (String e : q.endpoints()) {
            out.add(Target.parse(e).host().toLowerCase(Locale.ROOT));
        }
        if (ipv6) {
            for (String e : q.ipv6Endpoints()) {
                out.add(Target.parse(e).host().toLowerCase(Locale.ROOT));
            }
        }
        for (String a : q.allowlistOnly()) {
            // "turn:*.ap-northeast-1.rdn.amazonaws.com" names a host; the scheme says how it is used.
            out.add(a.replaceFirst("^[a-z]+:", "").toLowerCase(Locale.ROOT));
        }
    }

    /** Drops names a wildcard of the same list already covers, keeping the order. */
    static List<String> withoutCovered(Set<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            boolean covered = false;
            for (String w : names) {
                if (w.startsWith("*.") && !w.equals(n) && n.endsWith(w.substring(1))) {
                    covered = true;
                }
            }
            if (!covered) {
                out.add(n);
            }
        }
        return List.copyOf(out);
    }
}
