package dev.wscheck.catalog;

import dev.wscheck.WscheckException;
import dev.wscheck.net.Ipv6Status;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.reflector.ReflectorSettings;
import dev.wscheck.probe.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the catalog to one region, a set of protocols, an optional directory id and the
 * --only/--skip filters, giving the {@link Plan} the engine runs and the requirements command prints.
 */
public final class Planner {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    /** The order checks of one endpoint run in; each depends on the one before it. */
    private static final List<ProbeKind> CHAIN = List.of(ProbeKind.DNS, ProbeKind.TCP, ProbeKind.TLS, ProbeKind.HTTPS, ProbeKind.UDP, ProbeKind.LATENCY);
    /** The probes of an IPv6 path: reachability only; round-trip time and the reflector are measured over the IPv4 path. */
    private static final Set<ProbeKind> IPV6_CHAIN = Set.of(ProbeKind.DNS, ProbeKind.TCP, ProbeKind.TLS, ProbeKind.HTTPS, ProbeKind.UDP);

    private Planner() {}

    /**
     * Builds the plan. {@code only} and {@code skip} hold requirement ids or categories; a value
     * that names neither is bad input (WscheckException).
     */
    public static Plan plan(Catalog catalog, String region, List<String> protocols, Optional<String> directoryId,
                            List<String> only, List<String> skip) {
        return plan(catalog, region, protocols, directoryId, only, skip, Set.of(), Optional.empty());
    }

    /** As above, with the variants the user selected and no reflector. */
    public static Plan plan(Catalog catalog, String region, List<String> protocols, Optional<String> directoryId,
                            List<String> only, List<String> skip, Set<String> variants) {
        return plan(catalog, region, protocols, directoryId, only, skip, variants, Optional.empty());
    }

    /** As above, with a reflector and the standard endpoints. */
    public static Plan plan(Catalog catalog, String region, List<String> protocols, Optional<String> directoryId,
                            List<String> only, List<String> skip, Optional<ReflectorSettings> reflector) {
        return plan(catalog, region, protocols, directoryId, only, skip, Set.of(), reflector);
    }

    /**
     * Builds the plan with the variants the user selected ({@code fips}, {@code vpc-endpoint}):
     * a requirement that names a variant applies only when that variant is selected. A region's
     * {@code derived} requirements are checked with the template's names, reported as optional
     * with the region's reason. With a reflector, a requirement whose probes include
     * {@code reflector} also gets a reflector check on UDP and one on TCP for each of its
     * endpoints' ports (the reflector's port when one was given); without one, {@code reflector}
     * in a probe list adds nothing.
     */
    public static Plan plan(Catalog catalog, String region, List<String> protocols, Optional<String> directoryId,
                            List<String> only, List<String> skip, Set<String> variants, Optional<ReflectorSettings> reflector) {
        return plan(catalog, region, protocols, directoryId, only, skip, variants, reflector, Optional.empty());
    }

    /**
     * As above, for a run on a PC whose IPv6 status is {@code ipv6} (empty: a plan that is only
     * listed, without IPv6 checks). A requirement's IPv6 path is its {@code ipv6Endpoints} and, for
     * an endpoint on the region's health-check host, the same endpoint on the region's
     * {@code healthCheck.ipv6Host}. Where the run checks IPv6, each IPv6 endpoint gets the
     * requirement's DNS, TCP, TLS, HTTPS and UDP steps, marked {@link PlannedCheck#ipv6Path()};
     * where it does not, the first step of each is planned as not run, with the reason.
     */
    public static Plan plan(Catalog catalog, String region, List<String> protocols, Optional<String> directoryId,
                            List<String> only, List<String> skip, Set<String> variants, Optional<ReflectorSettings> reflector,
                            Optional<Ipv6Status> ipv6) {
        RegionDef r = catalog.region(region).orElseThrow(() -> new WscheckException(
                "unknown region '" + region + "' (known: " + String.join(", ", catalog.regions().keySet()) + ")"));
        checkFilters(catalog, "--only", only);
        checkFilters(catalog, "--skip", skip);
        Map<String, String> vars = variables(r, directoryId);
        List<PlannedRequirement> out = new ArrayList<>();
        for (RequirementDef d : catalog.requirements()) {
            if (!d.appliesTo(region) || !(d.protocol().equals("any") || protocols.contains(d.protocol()))
                    || (!d.variant().isEmpty() && !variants.contains(d.variant()))) {
                continue;
            }
            RequirementDef def = r.derived().containsKey(d.id())
                    ? d.derived("not published for " + region + ": " + r.derived().get(d.id())
                            + "; checked with the names AWS uses in every published region, as optional")
                    : d;
            Optional<Skip> skipReason = Optional.empty();
            if (r.notPublished().containsKey(def.id())) {
                skipReason = Optional.of(new Skip(Skip.Kind.NOT_PUBLISHED, region + ": " + r.notPublished().get(def.id())));
            } else if (!only.isEmpty() && !matches(def, only)) {
                skipReason = Optional.of(Skip.of(Skip.Kind.NOT_SELECTED));
            } else if (matches(def, skip)) {
                skipReason = Optional.of(Skip.of(Skip.Kind.SKIPPED));
            }
            if (r.notPublished().containsKey(def.id())) {
                out.add(new PlannedRequirement(def, List.of(), List.of(), List.of(), List.of(), skipReason));
                continue;
            }
            List<String> templates = r.endpoints().getOrDefault(def.id(), def.endpoints());
            List<String> endpoints = expandAll(templates, vars);
            List<String> v6 = expandAll(r.ipv6Endpoints().getOrDefault(def.id(), def.ipv6Endpoints()), vars);
            List<String> allow = expandAll(def.allowlistOnly(), vars);
            if (skipReason.isEmpty() && endpoints.isEmpty() && !templates.isEmpty()) {
                // Every endpoint is a name built from the directory id (an awsapps.com login page).
                skipReason = Optional.of(Skip.of(Skip.Kind.NEEDS_DIRECTORY_ID));
            }
            List<PlannedCheck> checks = skipReason.isPresent() ? List.of() : checks(def, endpoints, reflector);
            if (skipReason.isEmpty() && ipv6.isPresent()) {
                List<String> paths = new ArrayList<>(v6);
                paths.addAll(healthCheckIpv6(templates, r, vars));
                List<PlannedCheck> all = new ArrayList<>(checks);
                all.addAll(ipv6Checks(def, List.copyOf(new LinkedHashSet<>(paths)), ipv6.get()));
                checks = List.copyOf(all);
            }
            out.add(new PlannedRequirement(def, endpoints, v6, allow, checks, skipReason));
        }
        return new Plan(catalog, r, List.copyOf(protocols), directoryId, List.copyOf(out), ipv6);
    }

    /** The requirement's endpoints on the health-check host, moved to the region's IPv6 health-check host (none without one). */
    private static List<String> healthCheckIpv6(List<String> templates, RegionDef region, Map<String, String> vars) {
        Optional<String> host = region.healthCheck().map(RegionDef.HealthCheck::ipv6Host).filter(h -> !h.isEmpty());
        if (host.isEmpty()) {
            return List.of();
        }
        Map<String, String> v6vars = new HashMap<>(vars);
        v6vars.put("healthCheckHost", host.get());
        return expandAll(templates.stream().filter(t -> hostPart(t).contains("{healthCheckHost}")).toList(), v6vars);
    }

    /**
     * The IPv6 path's checks: the requirement's chain (without latency and reflector) per IPv6
     * endpoint, or, when this run does not check IPv6, its first step only, planned as not run.
     */
    private static List<PlannedCheck> ipv6Checks(RequirementDef def, List<String> endpoints, Ipv6Status ipv6) {
        List<PlannedCheck> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Optional<String> notRun = ipv6.checked() ? Optional.empty() : Optional.of(ipv6.reason());
        if (def.probes().stream().noneMatch(k -> k != ProbeKind.DNS && IPV6_CHAIN.contains(k))) {
            return List.of(); // latency or the reflector only: nothing to check on the IPv6 path
        }
        for (String endpoint : endpoints) {
            Target target = Target.parse(endpoint);
            CheckSpec previous = null;
            for (ProbeKind kind : CHAIN) {
                if (!IPV6_CHAIN.contains(kind) || !def.probes().contains(kind) || (kind == ProbeKind.DNS && target.isIpLiteral())) {
                    continue;
                }
                CheckSpec spec = new CheckSpec(kind, kind == ProbeKind.HTTPS ? target : target.withScheme(kind == ProbeKind.UDP ? "udp" : "tcp"));
                if (seen.add(spec.key())) {
                    out.add(new PlannedCheck(spec, Optional.ofNullable(previous), true, notRun));
                }
                if (notRun.isPresent()) {
                    break; // one line per IPv6 endpoint says why it is not checked
                }
                if (kind != ProbeKind.UDP) {
                    previous = spec;
                }
            }
        }
        return List.copyOf(out);
    }

    /** Returns the variables templates of {@code region} may use. */
    static Map<String, String> variables(RegionDef region, Optional<String> directoryId) {
        Map<String, String> vars = new HashMap<>(region.vars());
        vars.put("region", region.code());
        if (!region.airport().isEmpty()) {
            vars.put("airport", region.airport());
        }
        region.healthCheck().ifPresent(h -> vars.put("healthCheckHost", h.host()));
        directoryId.ifPresent(d -> vars.put("directoryId", d));
        return vars;
    }

    private static List<String> expandAll(List<String> templates, Map<String, String> vars) {
        List<String> out = new ArrayList<>();
        for (String t : templates) {
            // A name that is built from the directory id cannot be formed without one.
            if (!vars.containsKey("directoryId") && hostPart(t).contains("{directoryId}")) {
                continue;
            }
            out.add(expand(t, vars));
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }

    private static String hostPart(String template) {
        int scheme = template.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int slash = template.indexOf('/', start);
        return slash < 0 ? template.substring(start) : template.substring(start, slash);
    }

    /**
     * Fills a template. Without a directory id, a URL whose path needs {@code {directoryId}} is
     * checked at its host only, so its path is cut to "/".
     */
    static String expand(String template, Map<String, String> vars) {
        String t = template;
        if (t.contains("{directoryId}") && !vars.containsKey("directoryId")) {
            int scheme = t.indexOf("://");
            int slash = t.indexOf('/', scheme + 3);
            if (slash > 0 && t.indexOf("{directoryId}") > slash) {
                t = t.substring(0, slash + 1);
            }
        }
        Matcher m = PLACEHOLDER.matcher(t);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1));
            if (value == null) {
                throw new WscheckException("catalog template '" + template + "' needs {" + m.group(1) + "}");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static List<PlannedCheck> checks(RequirementDef def, List<String> endpoints, Optional<ReflectorSettings> reflector) {
        List<PlannedCheck> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String endpoint : endpoints) {
            Target target = Target.parse(endpoint);
            CheckSpec previous = null;
            for (ProbeKind kind : CHAIN) {
                if (kind == ProbeKind.REFLECTOR || !def.probes().contains(kind) || (kind == ProbeKind.DNS && target.isIpLiteral())) {
                    continue;
                }
                CheckSpec spec = new CheckSpec(kind, kind == ProbeKind.HTTPS ? target : target.withScheme(kind == ProbeKind.UDP ? "udp" : "tcp"));
                if (seen.add(spec.key())) {
                    out.add(new PlannedCheck(spec, Optional.ofNullable(previous)));
                }
                // UDP and latency depend only on DNS, not on each other.
                if (kind != ProbeKind.UDP && kind != ProbeKind.LATENCY) {
                    previous = spec;
                }
            }
            if (def.probes().contains(ProbeKind.REFLECTOR) && reflector.isPresent()) {
                // The reflector is not the endpoint: it stands in for it, on the same port. Its name is
                // resolved by the probe (through the run's DNS servers), so no DNS step of its own.
                int port = reflector.get().portFor(target.port());
                for (String transport : List.of("udp", "tcp")) {
                    CheckSpec spec = new CheckSpec(ProbeKind.REFLECTOR, new Target(transport, reflector.get().host(), port, "/"));
                    if (seen.add(spec.key())) {
                        out.add(new PlannedCheck(spec, Optional.empty()));
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static boolean matches(RequirementDef def, List<String> filters) {
        return filters.contains(def.id()) || filters.contains(def.category());
    }

    private static void checkFilters(Catalog catalog, String option, List<String> values) {
        for (String v : values) {
            boolean known = catalog.requirements().stream().anyMatch(r -> r.id().equals(v) || r.category().equals(v));
            if (!known) {
                throw new WscheckException(option + " " + v + ": no requirement id or category of that name (see wscheck requirements)");
            }
        }
    }
}
