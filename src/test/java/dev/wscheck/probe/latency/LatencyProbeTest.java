package dev.wscheck.probe.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.engine.SharedResources;
import dev.wscheck.fixtures.TcpFixture;
import dev.wscheck.net.DirectTransport;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Phase;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.Target;
import dev.wscheck.probe.ThreadClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LatencyProbeTest {
    private static final Duration TIMEOUT = Duration.ofMillis(800);
    private static final int SAMPLES = 8;
    private static final Duration SPACING = Duration.ofMillis(50);
    /**
     * Far below samples × timeout (6.4 s), which is what a probe without the first-sample rule or
     * the time budget would take; far above one timeout plus the spacing, which it should take.
     */
    private static final Duration BOUND = TIMEOUT.multipliedBy(4);

    record Case(String name, Supplier<TcpFixture> fixture, Outcome expected, Consumer<ProbeResult> more) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("an accepting server: ok, every sample connected, with a median between min and max", TcpFixture::accepting, Outcome.OK,
                        r -> {
                            LatencyEvidence e = evidence(r);
                            assertEquals(SAMPLES, e.planned());
                            assertEquals(SAMPLES, e.sent());
                            assertEquals(SAMPLES, e.received());
                            assertEquals(SAMPLES, e.samplesMs().size());
                            assertTrue(e.warmupMs() > 0, "the warm-up connect is reported apart: " + e);
                            assertEquals(0.0, e.lossPct());
                            assertTrue(e.busyRetakes() >= 0 && e.busyRetakes() <= 2 * SAMPLES, "retakes are bounded: " + e);
                            assertTrue(e.medianMs() <= e.p95Ms() && e.p95Ms() <= e.maxMs(), e.toString());
                            assertTrue(e.minMs() > 0 && e.minMs() <= e.medianMs() && e.medianMs() <= e.maxMs(), e.toString());
                            assertTrue(e.jitterMs() >= 0 && e.jitterMs() <= e.maxMs() - e.minMs() + 0.001, e.toString());
                            assertEquals(Math.round(e.medianMs() * 1000), r.phases().get(Phase.CONNECT).toNanos() / 1000, 1);
                            // On loopback a connect takes well under the spacing: the clock, not the round trips, sets the
                            // pace, so the last sample starts SAMPLES spacings after the warm-up started.
                            assertTrue(r.duration().compareTo(SPACING.multipliedBy(SAMPLES)) >= 0, "samples kept the clock: took " + r.duration());
                        }),
                new Case("a black-holed port: tcp-timeout after about one timeout, not samples × timeout", TcpFixture::blackHoled, Outcome.TCP_TIMEOUT,
                        r -> {
                            assertEquals(1, evidence(r).sent());
                            assertEquals(0, evidence(r).received());
                            assertTrue(r.detail().contains("first sample failed, no answer within"), r.detail());
                        }),
                new Case("nothing listening: tcp-refused from the first sample", TcpFixture::refusing, Outcome.TCP_REFUSED,
                        r -> assertEquals(1, evidence(r).sent())),
                new Case("a server that takes two connections, then drops SYNs: later failures are lost samples, and the time budget ends the sampling",
                        TcpFixture::neverAccepting, Outcome.OK,
                        r -> {
                            LatencyEvidence e = evidence(r);
                            assertTrue(e.received() >= 1 && e.received() < SAMPLES, e.toString());
                            assertTrue(e.sent() > e.received(), "at least one sample lost: " + e);
                            assertTrue(e.sent() < SAMPLES, "the budget stopped the sampling: " + e);
                            assertTrue(r.detail().contains("lost") && r.detail().contains("time budget"), r.detail());
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void samplesConnectTimes(Case c) {
        try (TcpFixture f = c.fixture().get();
                SharedResources resources = new SharedResources(new DnsServers(List.of(), "explicit"),
                        new TrustSettings(List.of(), List.of(), "test"), SAMPLES, SPACING, false)) {
            CheckSpec spec = new CheckSpec(ProbeKind.LATENCY, new Target("tcp", "127.0.0.1", f.port(), ""));
            ProbeContext ctx = new ProbeContext(TIMEOUT, Optional.of(f.address()), DirectTransport.INSTANCE, resources);

            ProbeResult r = new LatencyProbe().run(spec, ctx);

            assertEquals(c.expected(), r.outcome(), r.detail());
            assertTrue(r.detail().startsWith("direct => 127.0.0.1:" + f.port()), r.detail());
            assertTrue(r.duration().compareTo(BOUND) < 0, "took " + r.duration() + ": " + r.detail());
            c.more().accept(r);
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "a 261 ms sample that waited 250 ms for a CPU is this PC's doing: retaken|261|250|true",
        "a 185 ms sample of a 150 ms path that waited 35 ms, under half of it: retaken|185|35|true",
        "at the bound: 10 ms of wait|160|10|true",
        "a slow sample that barely waited for a CPU is the path's: kept|261|9|false",
        "a short wait that is most of a short sample is still short: kept|12|8|false",
        "no figure from the OS (not Linux): kept|261|-1|false"})
    void aSampleIsRetakenOnlyWhenThePcKeptItWaitingForACpu(String name, long wallMs, long waitMs, boolean retaken) {
        ThreadClock.Span span = new ThreadClock.Span(Duration.ofMillis(wallMs), new ThreadClock.Use(Optional.empty(),
                waitMs < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(waitMs))));
        assertEquals(retaken, LatencyProbe.busy(span), name);
    }

    private static LatencyEvidence evidence(ProbeResult r) {
        return (LatencyEvidence) r.evidence().orElseThrow(() -> new AssertionError("no evidence: " + r));
    }
}
