package dev.wscheck.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.PlannedRequirement;
import dev.wscheck.catalog.ProtocolSpec;
import dev.wscheck.catalog.RegionDef;
import dev.wscheck.catalog.RequirementDef;
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
        List<Requirement> requirements) {

    public record Region(String code, String name, String airport, Object healthCheck, RegionDef.Gateways gateways,
                         List<RegionDef.Erratum> errata, String source) {}

    public record Protocol(String title, long highMs, long criticalMs, String source, String note) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Requirement(String id, String category, String title, String description, String protocol, String importance,
                              String proxy, List<String> probes, List<String> endpoints, List<String> ipv6Endpoints,
                              List<String> allowlistOnly, Map<String, Object> expect, String udpFallback, SourceRef source,
                              List<String> notes, String skipReason) {}

    public record SourceRef(String key, String title, String url, String date) {}

    public static EffectiveCatalog of(Plan plan) {
        RegionDef r = plan.region();
        Map<String, Protocol> latency = new LinkedHashMap<>();
        for (String p : plan.protocols()) {
            ProtocolSpec s = plan.catalog().protocols().get(p);
            latency.put(p, new Protocol(s.title(), s.latencyHigh().toMillis(), s.latencyCritical().toMillis(), s.source(), s.note()));
        }
        List<Requirement> reqs = plan.requirements().stream().map(q -> requirement(plan, q)).toList();
        return new EffectiveCatalog(1, plan.catalog().version(), plan.catalog().origin(),
                new Region(r.code(), r.name(), r.airport(), r.healthCheck().orElse(null), r.gateways(), r.errata(), r.source()),
                plan.protocols(), latency, plan.catalog().publicRoots(), reqs);
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
                q.skipReason().orElse(null));
    }
}
