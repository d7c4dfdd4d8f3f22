package dev.wscheck.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.PlannedRequirement;
import dev.wscheck.catalog.Planner;
import dev.wscheck.engine.RunResult;
import dev.wscheck.testing.ScriptedRun;
import dev.wscheck.probe.Evidence;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.https.HttpsEvidence;
import dev.wscheck.probe.latency.LatencyEvidence;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Verdict rules as tables: what each outcome means at check level, and each requirement rule. */
class EvaluatorTest {
    private static final Catalog CATALOG = CatalogLoader.builtin();
    private static final Plan PLAN = Planner.plan(CATALOG, "ap-northeast-1", List.of("pcoip", "dcv"), Optional.empty(), List.of(), List.of());

    /** One scripted wire result for the check of {@code probe} in requirement {@code requirement}. */
    record Wire(String requirement, ProbeKind probe, Outcome outcome, Evidence evidence) {
        static Wire of(String requirement, ProbeKind probe, Outcome outcome) {
            return new Wire(requirement, probe, outcome, null);
        }
    }

    record Case(String name, List<Wire> wires, String requirement, Status expected, Outcome expectedOutcome) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("every check ok: pass", List.of(), "session-broker", Status.PASS, Outcome.OK),
                new Case("DNS NXDOMAIN fails the requirement", List.of(Wire.of("session-broker", ProbeKind.DNS, Outcome.DNS_NXDOMAIN)),
                        "session-broker", Status.FAIL, Outcome.DNS_NXDOMAIN),
                new Case("TLS interception fails the requirement", List.of(Wire.of("workspaces-api", ProbeKind.TLS, Outcome.TLS_INTERCEPTED)),
                        "workspaces-api", Status.FAIL, Outcome.TLS_INTERCEPTED),
                new Case("an optional requirement that fails only warns", List.of(Wire.of("client-metrics", ProbeKind.TCP, Outcome.TCP_TIMEOUT)),
                        "client-metrics", Status.WARN, Outcome.TCP_TIMEOUT),
                new Case("UDP silent while TCP 4172 works: PCoIP warns (client falls back)",
                        List.of(Wire.of("pcoip-streaming-udp", ProbeKind.UDP, Outcome.UDP_NO_REPLY)), "pcoip-streaming-udp", Status.WARN, Outcome.UDP_NO_REPLY),
                new Case("UDP rejected while TCP 4172 works: warns",
                        List.of(Wire.of("pcoip-streaming-udp", ProbeKind.UDP, Outcome.UDP_PORT_UNREACHABLE)), "pcoip-streaming-udp", Status.WARN, Outcome.UDP_PORT_UNREACHABLE),
                new Case("UDP silent and TCP 4172 refused: UDP stays inconclusive",
                        List.of(Wire.of("pcoip-streaming-udp", ProbeKind.UDP, Outcome.UDP_NO_REPLY), Wire.of("pcoip-streaming-tcp", ProbeKind.TCP, Outcome.TCP_REFUSED)),
                        "pcoip-streaming-udp", Status.INCONCLUSIVE, Outcome.UDP_NO_REPLY),
                new Case("UDP rejected and TCP 4195 dropped: DCV UDP fails",
                        List.of(Wire.of("dcv-streaming-udp", ProbeKind.UDP, Outcome.UDP_PORT_UNREACHABLE), Wire.of("dcv-streaming-tcp", ProbeKind.TCP, Outcome.TCP_TIMEOUT)),
                        "dcv-streaming-udp", Status.FAIL, Outcome.UDP_PORT_UNREACHABLE),
                new Case("UDP reply passes", List.of(Wire.of("dcv-streaming-udp", ProbeKind.UDP, Outcome.UDP_REPLY)), "dcv-streaming-udp", Status.PASS, Outcome.UDP_REPLY),
                new Case("ws-broker /ping answering 200 healthy passes",
                        List.of(new Wire("ws-broker", ProbeKind.HTTPS, Outcome.OK, new HttpsEvidence(200, "healthy"))), "ws-broker", Status.PASS, Outcome.OK),
                new Case("ws-broker /ping answering 403 is an unexpected status",
                        List.of(new Wire("ws-broker", ProbeKind.HTTPS, Outcome.OK, new HttpsEvidence(403, "<Error/>"))), "ws-broker", Status.FAIL, Outcome.HTTP_UNEXPECTED_STATUS),
                new Case("ws-broker 200 without 'healthy' is an unexpected status",
                        List.of(new Wire("ws-broker", ProbeKind.HTTPS, Outcome.OK, new HttpsEvidence(200, "welcome"))), "ws-broker", Status.FAIL, Outcome.HTTP_UNEXPECTED_STATUS),
                new Case("a bucket root answering 403 is normal where the catalog demands nothing",
                        List.of(new Wire("registration-dependency", ProbeKind.HTTPS, Outcome.OK, new HttpsEvidence(403, "AccessDenied"))), "registration-dependency", Status.PASS, Outcome.OK),
                new Case("PCoIP RTT 150 ms is above 100 ms: latency-high warns",
                        List.of(new Wire("pcoip-latency", ProbeKind.LATENCY, Outcome.OK, latency(150))), "pcoip-latency", Status.WARN, Outcome.LATENCY_HIGH),
                new Case("PCoIP RTT 400 ms is above 375 ms: latency-critical fails",
                        List.of(new Wire("pcoip-latency", ProbeKind.LATENCY, Outcome.OK, latency(400))), "pcoip-latency", Status.FAIL, Outcome.LATENCY_CRITICAL),
                new Case("DCV RTT 150 ms is within 250 ms: pass",
                        List.of(new Wire("dcv-latency", ProbeKind.LATENCY, Outcome.OK, latency(150))), "dcv-latency", Status.PASS, Outcome.OK),
                new Case("PCoIP with 3 % of the samples lost (bound 1 %): loss-high warns",
                        List.of(new Wire("pcoip-latency", ProbeKind.LATENCY, Outcome.OK, latency(40, 3, 2))), "pcoip-latency", Status.WARN, Outcome.LOSS_HIGH),
                new Case("DCV with 1.5 % lost (bound 2 %): pass",
                        List.of(new Wire("dcv-latency", ProbeKind.LATENCY, Outcome.OK, latency(40, 1.5, 2))), "dcv-latency", Status.PASS, Outcome.OK),
                new Case("PCoIP jitter 45 ms (bound 30 ms): jitter-high warns",
                        List.of(new Wire("pcoip-latency", ProbeKind.LATENCY, Outcome.OK, latency(40, 0, 45))), "pcoip-latency", Status.WARN, Outcome.JITTER_HIGH),
                new Case("PCoIP 150 ms with 5 % loss: loss-high is named first, both in the detail",
                        List.of(new Wire("pcoip-latency", ProbeKind.LATENCY, Outcome.OK, latency(150, 5, 1))), "pcoip-latency", Status.WARN, Outcome.LOSS_HIGH),
                new Case("PCoIP 400 ms with 5 % loss: latency-critical wins and fails",
                        List.of(new Wire("pcoip-latency", ProbeKind.LATENCY, Outcome.OK, latency(400, 5, 1))), "pcoip-latency", Status.FAIL, Outcome.LATENCY_CRITICAL),
                new Case("DCV RTT 300 ms warns", List.of(new Wire("dcv-latency", ProbeKind.LATENCY, Outcome.OK, latency(300))), "dcv-latency", Status.WARN, Outcome.LATENCY_HIGH),
                new Case("a check cut by the deadline is inconclusive",
                        List.of(Wire.of("dcv-streaming-tcp", ProbeKind.TCP, Outcome.DEADLINE_EXCEEDED)), "dcv-streaming-tcp", Status.INCONCLUSIVE, Outcome.DEADLINE_EXCEEDED),
                new Case("a requirement with nothing to probe is skipped", List.of(), "web-access-turn", Status.SKIP, null));
    }

    private static LatencyEvidence latency(double median) {
        return latency(median, 0, 0);
    }

    private static LatencyEvidence latency(double median, double lossPct, double jitterMs) {
        return new LatencyEvidence(100, 100, List.of(median), median, median, median, jitterMs, 100, median, lossPct, median);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges(Case c) {
        RunResult run = scripted(c.wires());
        RequirementVerdict v = Evaluator.evaluate(PLAN, run).stream().filter(x -> x.requirement().id().equals(c.requirement())).findFirst().orElseThrow();
        assertEquals(c.expected(), v.status(), v.note().english());
        if (c.expectedOutcome() != null) {
            Outcome worst = v.checks().stream().map(CheckVerdict::outcome).filter(o -> o != Outcome.OK && o != Outcome.SKIPPED)
                    .findFirst().orElse(Outcome.OK);
            assertEquals(c.expectedOutcome(), worst);
        }
    }

    record OverallCase(String name, List<Status> statuses, boolean strict, Status expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<OverallCase> overall() {
        return Stream.of(
                new OverallCase("all pass: pass", List.of(Status.PASS, Status.SKIP), false, Status.PASS),
                new OverallCase("inconclusive is allowed without --strict", List.of(Status.PASS, Status.INCONCLUSIVE), false, Status.PASS),
                new OverallCase("inconclusive counts as warn with --strict", List.of(Status.PASS, Status.INCONCLUSIVE), true, Status.WARN),
                new OverallCase("any fail: fail", List.of(Status.WARN, Status.FAIL, Status.PASS), false, Status.FAIL),
                new OverallCase("warn and pass: warn", List.of(Status.WARN, Status.PASS), false, Status.WARN),
                new OverallCase("nothing but inconclusive: nothing was judged, inconclusive (exit 3)", List.of(Status.INCONCLUSIVE, Status.INCONCLUSIVE), false,
                        Status.INCONCLUSIVE),
                new OverallCase("nothing but skipped: inconclusive", List.of(Status.SKIP), false, Status.INCONCLUSIVE),
                new OverallCase("no pass, one fail: fail", List.of(Status.INCONCLUSIVE, Status.FAIL), false, Status.FAIL),
                new OverallCase("warn alone still counts as judged: warn", List.of(Status.WARN, Status.INCONCLUSIVE), false, Status.WARN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overall")
    void overallStatus(OverallCase c) {
        PlannedRequirement any = PLAN.requirements().get(0);
        List<RequirementVerdict> vs = c.statuses().stream().map(s -> new RequirementVerdict(any, List.of(), s, Note.NONE, Optional.empty())).toList();
        assertEquals(c.expected(), Evaluator.overall(vs, c.strict()));
    }

    record UnfinishedCase(String name, Outcome outcome, Status expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<UnfinishedCase> unfinished() {
        return Stream.of(
                new UnfinishedCase("a check cut by the deadline beside passing requirements: at least warn", Outcome.DEADLINE_EXCEEDED, Status.WARN),
                new UnfinishedCase("a check that ended in a wscheck error beside passing requirements: at least warn", Outcome.ERROR, Status.WARN),
                new UnfinishedCase("the same check finished and passed: pass", Outcome.OK, Status.PASS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unfinished")
    void aCheckThatDidNotFinishIsNeverOk(UnfinishedCase c) {
        RunResult run = scripted(List.of(Wire.of("session-broker", ProbeKind.TCP, c.outcome())));
        List<RequirementVerdict> vs = Evaluator.evaluate(PLAN, run);
        assertEquals(c.expected(), Evaluator.overall(vs, false));
    }

    static RunResult scripted(List<Wire> wires) {
        return ScriptedRun.of(PLAN, wires.stream().map(w -> new ScriptedRun.Wire(w.requirement(), w.probe(), w.outcome(), "scripted", w.evidence())).toList());
    }
}
