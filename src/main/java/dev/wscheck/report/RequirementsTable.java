package dev.wscheck.report;

import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.PlannedRequirement;
import dev.wscheck.catalog.ProtocolSpec;
import dev.wscheck.catalog.ProxyPolicy;
import dev.wscheck.catalog.RegionDef;
import dev.wscheck.catalog.Source;
import dev.wscheck.catalog.ipranges.Finding;
import dev.wscheck.catalog.ipranges.IpPrefix;
import dev.wscheck.catalog.ipranges.Port443Ranges;
import dev.wscheck.probe.Target;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A readable table of one region's requirements, grouped by purpose as the AWS pages group them:
 * HTTPS destinations (proxy allowed), the port-443 address ranges from ip-ranges.json, streaming
 * (never through a proxy), round-trip bounds, the cross-checks of documented addresses, errata.
 * Labels come from the {@code requirements} bundle (English, Japanese).
 */
public final class RequirementsTable {
    private static final int WRAP = 4;

    private RequirementsTable() {}

    /** The English table without ip-ranges data (as before ip-ranges support). */
    public static void write(Plan plan, Writer w) {
        write(new RequirementsView(plan, java.util.Optional.empty(), false), Locale.ENGLISH, false, w);
    }

    /** {@code verbose} lists every merged port-443 prefix instead of the counts alone. */
    public static void write(RequirementsView view, Locale locale, boolean verbose, Writer w) {
        Labels l = new Labels("dev.wscheck.report.requirements", locale);
        PrintWriter out = new PrintWriter(w);
        Plan plan = view.plan();
        RegionDef r = plan.region();
        out.println(l.get("title", Map.of("region", r.code(), "regionName", CatalogTexts.regionName(r.code(), r.name(), locale))));
        out.println(l.get("catalog", Map.of("version", plan.catalog().version(), "origin", plan.catalog().origin(),
                "protocols", String.join(", ", plan.protocols()))));
        out.println();
        out.println(l.get("https.heading"));
        int w1 = Math.max(plan.requirements().stream().mapToInt(q -> q.id().length()).max().orElse(10), width(l.get("col.requirement"))) + 2;
        int w2 = Math.max(11, width(l.get("col.importance")) + 1);
        out.println("  " + pad(l.get("col.requirement"), w1) + pad(l.get("col.importance"), w2) + l.get("col.destination"));
        for (PlannedRequirement q : plan.requirements()) {
            if (q.def().category().equals("streaming") || q.def().proxy() != ProxyPolicy.ALLOWED) {
                continue;
            }
            List<String> dests = new ArrayList<>(q.endpoints());
            dests.addAll(q.allowlistOnly());
            if (dests.isEmpty() && q.skipReason().isPresent()) {
                dests.add("(" + CatalogTexts.text(q.skipReason().get().text(), locale) + ")");
            }
            derived(r, q, l, locale).ifPresent(d -> dests.add("(" + d + ")"));
            for (String v6 : q.ipv6Endpoints()) {
                dests.add(l.get("ipv6") + " " + v6);
            }
            for (int i = 0; i < dests.size(); i++) {
                out.println("  " + pad(i == 0 ? q.id() : "", w1) + pad(i == 0 ? l.get("importance." + q.def().importance().id()) : "", w2) + dests.get(i));
            }
        }
        out.println();
        ranges(out, view, l, verbose);
        out.println();
        out.println(l.get("streaming.heading"));
        for (String p : plan.protocols()) {
            boolean dcv = p.equals("dcv");
            RegionDef.GatewaySet g = dcv ? r.gateways().dcv() : r.gateways().pcoip();
            out.println("  " + l.get(dcv ? "streaming.dcv" : "streaming.pcoip"));
            String hcLabel = l.get("streaming.healthCheck");
            r.healthCheck().ifPresentOrElse(
                    h -> out.println("         " + pad(hcLabel, 14) + h.host()
                            + (h.addresses().isEmpty() ? " " + l.get("streaming.healthCheck.resolve") : " (" + String.join(", ", h.addresses()) + ")")
                            + (h.ipv6Host().isEmpty() ? "" : "; IPv6 " + h.ipv6Host() + " " + h.ipv6Prefix())),
                    () -> out.println("         " + pad(hcLabel, 14) + l.get("streaming.healthCheck.none")));
            line(out, l.get("streaming.gatewaysV4"), g.ipv4());
            line(out, l.get("streaming.gatewaysV6"), g.ipv6());
            line(out, l.get("streaming.aga"), g.aga());
            line(out, l.get("streaming.names"), g.domains());
            line(out, l.get("streaming.unassigned"), concat(r.gateways().unassigned().ipv4(), r.gateways().unassigned().ipv6()));
            line(out, l.get("streaming.allowlist"), streamingNames(plan, p, g));
            view.ranges().ifPresent(x -> line(out, l.get("streaming.undocumented"), x.undocumentedGateways().stream().map(IpPrefix::toString).toList()));
        }
        List<PlannedRequirement> other = other(plan);
        if (!other.isEmpty()) {
            out.println();
            out.println(l.get("other.heading"));
            for (PlannedRequirement q : other) {
                List<String> dests = new ArrayList<>(q.endpoints());
                if (dests.isEmpty() && q.skipReason().isPresent()) {
                    dests.add("(" + CatalogTexts.text(q.skipReason().get().text(), locale) + ")");
                }
                derived(r, q, l, locale).ifPresent(d -> dests.add("(" + d + ")"));
                for (int i = 0; i < dests.size(); i++) {
                    out.println("  " + pad(i == 0 ? q.id() : "", w1) + pad(i == 0 ? l.get("importance." + q.def().importance().id()) : "", w2) + dests.get(i));
                }
            }
        }
        out.println();
        out.println(l.get("rtt.heading"));
        for (String p : plan.protocols()) {
            ProtocolSpec s = plan.catalog().protocols().get(p);
            out.println("  " + pad(CatalogTexts.text(s.title(), locale), 28) + l.get("rtt.line", Map.of("high", s.latencyHigh().toMillis(), "critical", s.latencyCritical().toMillis())));
        }
        view.ranges().ifPresent(x -> {
            out.println();
            out.println(l.get("findings.heading"));
            if (x.findings().isEmpty()) {
                out.println("  " + l.get("findings.none"));
            }
            for (Finding f : x.findings()) {
                out.println("  - " + l.get("severity." + f.severity().id()) + ": " + RequirementsView.text(f, r.code(), l) + " [" + f.code() + "]");
            }
        });
        if (!r.errata().isEmpty()) {
            out.println();
            out.println(l.get("errata.heading"));
            for (RegionDef.Erratum e : r.errata()) {
                out.println("  - " + CatalogTexts.text(e.text(), locale) + " [" + e.source() + "]");
            }
        }
        out.println();
        out.println(l.get("sources.heading"));
        for (String k : sourceKeys(plan)) {
            Source s = plan.catalog().sources().get(k);
            out.println("  " + pad(k, 5) + l.get("source.line", Map.of("title", CatalogTexts.text(s.title(), locale), "url", s.url(),
                    "date", CatalogTexts.text(s.date(), locale))));
        }
        out.flush();
    }

    private static void ranges(PrintWriter out, RequirementsView view, Labels l, boolean verbose) {
        if (view.ranges().isEmpty()) {
            out.println(l.get("ranges.none"));
            return;
        }
        RequirementsView.Ranges x = view.ranges().get();
        out.println(l.get("ranges.heading", Map.of("createDate", x.createDate(), "source", l.get("source." + x.source()))));
        for (Port443Ranges.Group g : x.port443()) {
            out.println("  " + pad(g.service() + " " + g.region(), 24) + l.get("ranges.group", Map.of("published4", g.ipv4Published(),
                    "merged4", g.ipv4().size(), "published6", g.ipv6Published(), "merged6", g.ipv6().size())));
            out.println("  " + pad("", 24) + l.get("ranges.powershell") + ": " + g.powershell());
            if (verbose) {
                wrapped(out, g.ipv4());
                wrapped(out, g.ipv6());
            }
        }
        out.println("  " + l.get("ranges.total", Map.of("count4", Port443Ranges.union(x.port443(), false).size(),
                "count6", Port443Ranges.union(x.port443(), true).size())));
        if (!verbose) {
            out.println("  " + l.get("ranges.where"));
        }
    }

    private static void wrapped(PrintWriter out, List<IpPrefix> prefixes) {
        for (int i = 0; i < prefixes.size(); i += WRAP) {
            List<String> chunk = prefixes.subList(i, Math.min(prefixes.size(), i + WRAP)).stream().map(IpPrefix::toString).toList();
            out.println("  " + pad("", 24) + String.join(", ", chunk));
        }
    }

    /** The catalog sources the region's data, requirements and protocols cite, sorted. */
    static Set<String> sourceKeys(Plan plan) {
        Set<String> keys = new TreeSet<>();
        keys.add(plan.region().source());
        plan.requirements().forEach(q -> keys.add(q.def().source()));
        plan.protocols().forEach(p -> keys.add(plan.catalog().protocols().get(p).source()));
        return keys;
    }

    /** Every host name the region's requirements name, once each, wildcards as {@code *.domain}. */
    public static List<String> domains(Plan plan) {
        return domains(plan, false);
    }

    /** As {@link #domains(Plan)}, with the IPv6 names AWS publishes when {@code ipv6}. */
    public static List<String> domains(Plan plan, boolean ipv6) {
        Set<String> out = new LinkedHashSet<>();
        for (PlannedRequirement q : plan.requirements()) {
            for (String e : q.endpoints()) {
                out.add(Target.parse(e).host());
            }
            for (String a : q.allowlistOnly()) {
                out.add(a.replaceFirst("^[a-z]+:", ""));
            }
            if (ipv6) {
                for (String e : q.ipv6Endpoints()) {
                    out.add(Target.parse(e).host());
                }
            }
        }
        if (ipv6) {
            plan.region().healthCheck().filter(h -> !h.ipv6Host().isEmpty()).ifPresent(h -> out.add(h.ipv6Host()));
        }
        return List.copyOf(out);
    }

    private static void line(PrintWriter out, String label, List<String> values) {
        if (!values.isEmpty()) {
            out.println("         " + pad(label, 14) + String.join(", ", values));
        }
    }

    /** Display width: East Asian wide characters take two columns. */
    static int width(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += (c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3)
                    || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60)
                    || (c >= 0xffe0 && c <= 0xffe6))) ? 2 : 1;
        }
        return n;
    }

    static String pad(String s, int width) {
        int w = width(s);
        return w >= width ? s + " " : s + " ".repeat(width - w);
    }

    /** The region's reason for a derived requirement, in the table's language. */
    static java.util.Optional<String> derived(RegionDef r, PlannedRequirement q, Labels l, Locale locale) {
        return java.util.Optional.ofNullable(r.derived().get(q.id()))
                .map(reason -> l.get("derived", Map.of("region", r.code(), "reason", CatalogTexts.text(reason, locale))));
    }

    /** Requirements that are neither HTTPS through the proxy nor streaming: UDP 443 registration. */
    static List<PlannedRequirement> other(Plan plan) {
        return plan.requirements().stream()
                .filter(q -> !q.def().category().equals("streaming") && q.def().proxy() != ProxyPolicy.ALLOWED).toList();
    }

    /** Allowlist names of a protocol's streaming requirements not already among the gateway domains. */
    static List<String> streamingNames(Plan plan, String protocol, RegionDef.GatewaySet g) {
        List<String> out = new ArrayList<>();
        for (PlannedRequirement q : plan.requirements()) {
            if (q.def().protocol().equals(protocol) && q.def().category().equals("streaming") && q.skipReason().isEmpty()) {
                q.allowlistOnly().stream().filter(a -> !g.domains().contains(a) && !out.contains(a)).forEach(out::add);
            }
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
