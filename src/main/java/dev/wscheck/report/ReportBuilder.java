package dev.wscheck.report;

import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.PlannedRequirement;
import dev.wscheck.catalog.Skip;
import dev.wscheck.engine.RunResult;
import dev.wscheck.probe.Phase;
import dev.wscheck.probe.ThreadClock;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.remediation.Remediation;
import dev.wscheck.remediation.RemediationItem;
import dev.wscheck.verdict.CheckVerdict;
import dev.wscheck.verdict.Evaluator;
import dev.wscheck.verdict.Findings;
import dev.wscheck.verdict.RequirementVerdict;
import dev.wscheck.verdict.Status;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Assembles the {@link Report} from the plan, the raw run, the verdicts and the remediation texts. */
public final class ReportBuilder {
    private ReportBuilder() {}

    public static Report build(Plan plan, RunResult run, List<RequirementVerdict> verdicts, Remediation remediation,
                               boolean strict, Report.Tool tool, Report.Host host, Report.Proxy proxy, Report.CatalogRef catalog) {
        int pass = 0;
        int warn = 0;
        int fail = 0;
        int inconclusive = 0;
        int skip = 0;
        List<Report.Requirement> reqs = new ArrayList<>();
        for (RequirementVerdict v : verdicts) {
            switch (v.status()) {
                case PASS:
                    pass++;
                    break;
                case WARN:
                    warn++;
                    break;
                case FAIL:
                    fail++;
                    break;
                case INCONCLUSIVE:
                    inconclusive++;
                    break;
                default:
                    skip++;
                    break;
            }
            reqs.add(requirement(v, remediation.title(v.requirement().def()), remediation.note(v.note()), remediation.forRequirement(v, plan.region())));
        }
        Status overall = Evaluator.overall(verdicts, strict);
        Findings f = Findings.of(verdicts);
        Report.Findings findings = null;
        if (f.tlsInspection().isPresent() || !f.revocationUnreachable().isEmpty() || !f.proxyDenied().isEmpty()) {
            Report.TlsInspection tls = f.tlsInspection().map(t -> new Report.TlsInspection(t.issuers(), t.domains(),
                    RequirementsTable.domains(plan))).orElse(null);
            findings = new Report.Findings(tls, f.revocationUnreachable(), f.proxyDenied());
        }
        Instant started = run.startedAt().truncatedTo(ChronoUnit.MILLIS);
        return new Report(Report.SCHEMA_VERSION, tool, started.toString(), run.duration().toMillis(), plan.region().code(),
                plan.protocols(), host, proxy, catalog, overall.id(), new Report.Counts(pass, warn, fail, inconclusive, skip), findings, reqs)
                .withContext(thresholds(plan), null);
    }

    /** Each planned protocol's round-trip bounds, so that every renderer (and a re-render of the JSON) draws the same bands. */
    static Map<String, Report.Thresholds> thresholds(Plan plan) {
        Map<String, Report.Thresholds> out = new LinkedHashMap<>();
        for (String p : plan.protocols()) {
            var spec = plan.catalog().protocols().get(p);
            if (spec != null) {
                out.put(p, new Report.Thresholds(spec.latencyHigh().toMillis(), spec.latencyCritical().toMillis()));
            }
        }
        return out;
    }

    private static Report.Requirement requirement(RequirementVerdict v, String title, String note, List<RemediationItem> items) {
        PlannedRequirement req = v.requirement();
        List<Report.Check> checks = new ArrayList<>();
        for (CheckVerdict c : v.checks()) {
            checks.add(check(c));
        }
        List<Report.Remedy> remedies = items.stream().map(i -> new Report.Remedy(i.code(), i.text())).toList();
        Report.Route route = v.route().map(r -> new Report.Route(r.clientUses(), r.proxy(), r.direct(), r.proxyOutcome().orElse(null),
                r.directOutcome().orElse(null), r.summary())).orElse(null);
        return new Report.Requirement(req.id(), req.def().category(), title, req.def().protocol(),
                req.def().importance().id(), v.status().id(), note, route, checks, remedies,
                req.skipReason().map(k -> k.kind() == Skip.Kind.NOT_SELECTED || k.kind() == Skip.Kind.SKIPPED).orElse(false));
    }

    /** A skipped step never ran; it is reported on the route it would have taken. */
    private static String via(CheckVerdict c) {
        if (c.role() == dev.wscheck.engine.RunResult.Role.DIRECT_COMPARISON || c.role() == dev.wscheck.engine.RunResult.Role.LOCAL_DNS) {
            return "direct";
        }
        return c.result().via().id();
    }

    private static Report.Check check(CheckVerdict c) {
        ProbeResult r = c.result();
        Map<String, Long> phases = new LinkedHashMap<>();
        for (Phase p : Phase.values()) {
            phases.put(p.id(), r.phases().get(p).toMillis());
        }
        Map<String, Long> cpu = new LinkedHashMap<>();
        Map<String, Long> cpuWait = new LinkedHashMap<>();
        for (Phase p : Phase.values()) {
            ThreadClock.Use u = r.phaseUse().get(p);
            if (u != null) {
                u.cpu().ifPresent(d -> cpu.put(p.id(), d.toMillis()));
                u.cpuWait().ifPresent(d -> cpuWait.put(p.id(), d.toMillis()));
            }
        }
        return new Report.Check(c.check().spec().probe().id(), c.check().spec().targetDisplay(),
                r.address().map(a -> a.getHostAddress()).orElse(null), via(c), c.onPath() ? null : c.role().id(), c.outcome().code(), c.status().id(),
                r.duration().toMillis(), phases, cpu.isEmpty() ? null : cpu, cpuWait.isEmpty() ? null : cpuWait, c.detail(), evidence(r));
    }

    /** The probe's evidence, with the engine's confirmation merged in when there is one. */
    private static Object evidence(ProbeResult r) {
        Object probe = r.evidence().orElse(null);
        if (r.confirmation().isEmpty()) {
            return probe;
        }
        return new Report.Confirmed(probe, r.confirmation().get());
    }
}
