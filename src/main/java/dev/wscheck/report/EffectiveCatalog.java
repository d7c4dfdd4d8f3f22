package dev.wscheck.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.PlannedRequirement;
import dev.wscheck.catalog.ProtocolSpec;
import dev.wscheck.catalog.RegionDef;
import dev.wscheck.catalog.RequirementDef;
import dev.wscheck.catalog.Skip;
import dev.wscheck.catalog.Source;
import dev.wscheck.net.TrustSettings.PublicRoot;
import dev.wscheck.probe.ProbeKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog as it applies to one region, every template filled in: what
 * {@code wscheck requirements --format json} prints. Requirement ids are stable identifiers.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EffectiveCatalog(
        int schemaVersion,
        String catalogVersion,
        String catalogSource,
        Region region,
        List<String> protocols,
        Map<String, Protocol> latency,
        List<PublicRoot> publicRoots,
        List<Requirement> requirements,
        IpRangesPart ipRanges,
        List<FindingPart> findings) {

    /**
     * Additions when ip-ranges.json is available: its dates, the port-443 range groups (merged),
     * and the WORKSPACES_GATEWAYS prefixes of the region that AWS's page does not list.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record IpRangesPart(String createDate, String syncToken, String source, List<Group443> port443,
                               List<String> undocumentedGateways) {}

    public record Group443(String region, String service, String powershell, int ipv4Published, int ipv6Published,
                           List<String> ipv4, List<String> ipv6) {}

    /** One cross-check finding; {@code code}, {@code severity} and {@code documentedAs} are stable ids. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record FindingPart(String code, String severity, String subject, String documentedAs, String publishedAs, String text) {}

    public record Region(String code, String name, String airport, Object healthCheck, RegionDef.Gateways gateways,
                         List<RegionDef.Erratum> errata, String source) {}

    public record Protocol(String title, long highMs, long criticalMs, String source, String note) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Requirement(String id, String category, String title, String description, String protocol, String importance,
                              String proxy, List<String> probes, List<String> endpoints, List<String> ipv6Endpoints,
                              List<String> allowlistOnly, Map<String, Object> expect, String udpFallback, SourceRef source,
                              List<String> notes, String skipReason, String variant) {}

    public record SourceRef(String key, String title, String url, String date) {}

    public static EffectiveCatalog of(Plan plan) {
        return of(new RequirementsView(plan, java.util.Optional.empty(), false));
    }

    /** The effective catalog, with the ip-ranges additions when the view has data. */
    public static EffectiveCatalog of(RequirementsView view) {
        Plan plan = view.plan();
        RegionDef r = plan.region();
        Map<String, Protocol> latency = new LinkedHashMap<>();
        for (String p : plan.protocols()) {
            ProtocolSpec s = plan.catalog().protocols().get(p);
            latency.put(p, new Protocol(s.title(), s.latencyHigh().toMillis(), s.latencyCritical().toMillis(), s.source(), s.note()));
        }
        List<Requirement> reqs = plan.requirements().stream().map(q -> requirement(plan, q)).toList();
        return new EffectiveCatalog(1, plan.catalog().version(), plan.catalog().origin(),
                new Region(r.code(), r.name(), r.airport(), r.healthCheck().orElse(null), r.gateways(), r.errata(), r.source()),
                plan.protocols(), latency, plan.catalog().publicRoots(), reqs,
                view.ranges().map(x -> new IpRangesPart(x.createDate(), x.syncToken(), x.source(),
                        x.port443().stream().map(g -> new Group443(g.region(), g.service(), g.powershell(), g.ipv4Published(), g.ipv6Published(),
                                strings(g.ipv4()), strings(g.ipv6()))).toList(),
                        strings(x.undocumentedGateways()))).orElse(null),
                view.ranges().map(x -> x.findings().stream().map(f -> new FindingPart(f.code(), f.severity().id(), f.subject(), f.documentedAs(),
                        f.publishedAs(), RequirementsView.text(f, r.code(), java.util.Locale.ENGLISH))).toList()).orElse(List.of()));
    }

    private static List<String> strings(List<dev.wscheck.catalog.ipranges.IpPrefix> prefixes) {
        return prefixes.stream().map(Object::toString).toList();
    }

    private static Requirement requirement(Plan plan, PlannedRequirement q) {
        RequirementDef d = q.def();
        Source s = plan.catalog().sources().get(d.source());
        Map<String, Object> expect = new LinkedHashMap<>();
        d.expect().status().ifPresent(v -> expect.put("status", v));
        d.expect().bodyContains().ifPresent(v -> expect.put("bodyContains", v));
        return new Requirement(d.id(), d.category(), d.title(), d.description(), d.protocol(), d.importance().id(), d.proxy().id(),
                d.probes().stream().map(ProbeKind::id).toList(), q.endpoints(), q.ipv6Endpoints(), q.allowlistOnly(), expect,
                d.rule().udpFallback().orElse(null), new SourceRef(d.source(), s.title(), s.url(), s.date()), d.notes(),
                q.skipReason().map(Skip::text).orElse(null), d.variant());
    }
}
