package dev.wscheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.Planner;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The engine's contract, with probes that send nothing: dependencies, sharing, concurrency, deadline. */
class EngineTest {
    private static final Catalog CATALOG = CatalogLoader.builtin();

    private final ScriptedProbe dns = new ScriptedProbe(ProbeKind.DNS);
    private final ScriptedProbe tcp = new ScriptedProbe(ProbeKind.TCP);
    private final ScriptedProbe tls = new ScriptedProbe(ProbeKind.TLS);
    private final ScriptedProbe https = new ScriptedProbe(ProbeKind.HTTPS);
    private final ScriptedProbe udp = new ScriptedProbe(ProbeKind.UDP);
    private final ScriptedProbe latency = new ScriptedProbe(ProbeKind.LATENCY);

    private RunResult run(Plan plan, Duration timeout, Duration deadline) {
        Engine engine = new Engine(ProbeRegistry.of(dns, tcp, tls, https, udp, latency));
        try (SharedResources res = new SharedResources(new DnsServers(List.of(), "explicit"),
                new TrustSettings(List.of(), CATALOG.publicRoots(), "catalog"), 3, Duration.ZERO, false)) {
            return engine.run(plan, new RunSettings(timeout, deadline, RunSettings.DEFAULT_PARALLELISM, Routing.direct()), res, ProgressListener.NONE);
        }
    }

    private static Plan tokyo(List<String> only) {
        return Planner.plan(CATALOG, "ap-northeast-1", List.of("pcoip", "dcv"), Optional.empty(), only, List.of());
    }

    private static Map<String, Outcome> outcomes(RunResult r, String requirement) {
        return r.requirements().stream().filter(q -> q.requirement().id().equals(requirement)).findFirst().orElseThrow()
                .checks().stream().collect(Collectors.toMap(c -> c.check().spec().key(), c -> c.result().outcome()));
    }

    @Test
    void aFailedDnsStepSkipsTheStepsThatDependOnIt() {
        dns.answer("skylight-cm.ap-northeast-1.amazonaws.com", Outcome.DNS_NXDOMAIN);
        RunResult r = run(tokyo(List.of("session-broker")), Duration.ofSeconds(2), Duration.ofSeconds(10));
        Map<String, Outcome> o = outcomes(r, "session-broker");
        assertEquals(Outcome.DNS_NXDOMAIN, o.get("dns skylight-cm.ap-northeast-1.amazonaws.com"));
        assertEquals(Outcome.SKIPPED, o.get("tcp skylight-cm.ap-northeast-1.amazonaws.com:443"));
        assertEquals(Outcome.SKIPPED, o.get("tls skylight-cm.ap-northeast-1.amazonaws.com:443"));
        assertEquals(Outcome.SKIPPED, o.get("https https://skylight-cm.ap-northeast-1.amazonaws.com/"));
        assertEquals(0, tcp.runsOf("skylight-cm.ap-northeast-1.amazonaws.com:443"), "TCP must not run after DNS failed");
    }

    @Test
    void aCheckSharedByRequirementsRunsOnce() {
        run(tokyo(List.of("streaming")), Duration.ofSeconds(2), Duration.ofSeconds(10));
        assertEquals(1, dns.runsOf("drp-nrt.amazonworkspaces.com"), "six streaming requirements share one DNS check");
        assertEquals(1, tcp.runsOf("drp-nrt.amazonworkspaces.com:4172"));
    }

    @Test
    void theDnsAddressIsHandedToTheNextStep() {
        RunResult r = run(tokyo(List.of("pcoip-streaming-tcp")), Duration.ofSeconds(2), Duration.ofSeconds(10));
        var tcpRun = r.requirements().stream().filter(q -> q.requirement().id().equals("pcoip-streaming-tcp")).findFirst().orElseThrow()
                .checks().get(1);
        assertEquals(ProbeKind.TCP, tcpRun.check().spec().probe());
        assertEquals("127.0.0.1", tcpRun.result().address().orElseThrow().getHostAddress());
    }

    @Test
    void aBlackHoledNetworkCostsAboutOneTimeoutNotOnePerEndpoint() {
        Duration timeout = Duration.ofMillis(800);
        tcp.delayAll(Duration.ofMinutes(1));
        udp.delayAll(Duration.ofMinutes(1));
        latency.delayAll(Duration.ofMinutes(1));
        RunResult r = run(tokyo(List.of()), timeout, Duration.ofSeconds(30));
        int tcpChecks = (int) r.requirements().stream().flatMap(q -> q.checks().stream())
                .filter(c -> c.check().spec().probe() == ProbeKind.TCP).map(c -> c.check().spec().key()).distinct().count();
        assertTrue(tcpChecks > 20, "the Tokyo plan has many TCP checks: " + tcpChecks);
        assertTrue(r.duration().toMillis() < timeout.toMillis() * 3,
                "took " + r.duration().toMillis() + " ms for " + tcpChecks + " silent TCP checks");
    }

    @Test
    void checksStillRunningAtTheDeadlineAreMarkedNotFinished() {
        tcp.delay("drp-nrt.amazonworkspaces.com:4195", Duration.ofSeconds(5));
        RunResult r = run(tokyo(List.of("dcv-streaming-tcp", "pcoip-streaming-tcp")), Duration.ofSeconds(5), Duration.ofMillis(600));
        assertEquals(Outcome.DEADLINE_EXCEEDED, outcomes(r, "dcv-streaming-tcp").get("tcp drp-nrt.amazonworkspaces.com:4195"));
        assertEquals(Outcome.OK, outcomes(r, "pcoip-streaming-tcp").get("tcp drp-nrt.amazonworkspaces.com:4172"));
        assertTrue(r.duration().toMillis() < 3000, "the deadline bounds the run: " + r.duration().toMillis() + " ms");
    }

    @Test
    void aProbeThatThrowsIsReportedAsAnErrorNotACrash() {
        Engine engine = new Engine(ProbeRegistry.of(dns)); // no TCP probe registered: wiring bug
        try (SharedResources res = new SharedResources(new DnsServers(List.of(), "explicit"),
                new TrustSettings(List.of(), CATALOG.publicRoots(), "catalog"), 3, Duration.ZERO, false)) {
            RunResult r = engine.run(tokyo(List.of("pcoip-streaming-tcp")),
                    new RunSettings(Duration.ofSeconds(1), Duration.ofSeconds(5), 4, Routing.direct()), res, ProgressListener.NONE);
            Map<String, Outcome> o = outcomes(r, "pcoip-streaming-tcp");
            assertEquals(Outcome.OK, o.get("dns drp-nrt.amazonworkspaces.com"));
            assertEquals(Outcome.ERROR, o.get("tcp drp-nrt.amazonworkspaces.com:4172"));
        }
    }
}
