package dev.wscheck.probe;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wscheck.engine.SharedResources;
import dev.wscheck.fixtures.TestCertificates;
import dev.wscheck.fixtures.TlsFixture;
import dev.wscheck.net.DirectTransport;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.probe.https.HttpsProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 16, honest timings: wall time split into CPU, waiting for a CPU, and (the rest) the wire. */
class ThreadClockTest {
    private static final String HOST = "ws-broker-service.wscheck.test";

    record Case(String name, ThreadClock.Reading start, ThreadClock.Reading end, ThreadClock.Span expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static ThreadClock.Span span(long wallMs, Optional<Long> cpuMs, Optional<Long> waitMs) {
        return new ThreadClock.Span(Duration.ofMillis(wallMs), new ThreadClock.Use(cpuMs.map(Duration::ofMillis), waitMs.map(Duration::ofMillis)));
    }

    private static ThreadClock.Reading at(long wallMs, long cpuMs, long waitMs) {
        return new ThreadClock.Reading(wallMs * 1_000_000, cpuMs < 0 ? -1 : cpuMs * 1_000_000, waitMs < 0 ? -1 : waitMs * 1_000_000);
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("both clocks known: CPU and CPU wait are the differences", at(100, 5, 7), at(400, 25, 207),
                        span(300, Optional.of(20L), Optional.of(200L))),
                new Case("no /proc (Windows, macOS): the CPU wait is absent, not zero", at(100, 5, -1), at(400, 25, -1),
                        span(300, Optional.of(20L), Optional.empty())),
                new Case("no thread CPU clock: the CPU time is absent, not zero", at(100, -1, 7), at(400, -1, 207),
                        span(300, Optional.empty(), Optional.of(200L))),
                new Case("a counter that went backwards (another thread's reading) is clamped at zero, never negative",
                        at(100, 30, 300), at(400, 25, 207), span(300, Optional.of(0L), Optional.of(0L))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aSpanIsTheDifferenceOfTwoReadings(Case c) {
        assertEquals(c.expected(), c.start().until(c.end()));
    }

    /**
     * A busy PC: a few spinning threads per core keep the probe's thread waiting for a CPU. The
     * HTTPS check against a server that answers after 400 ms must report that wait (> 0), and its
     * request phase minus CPU and CPU wait (the wire) must stay near those 400 ms (above: the
     * fixture's own thread also waits for a CPU before it answers, which the client rightly sees
     * as the far end being slow).
     */
    @Test
    void underACpuHogTheWaitIsReportedApartFromTheWire() throws Exception {
        assumeTrue(ThreadClock.measuresCpuWait(), "this OS does not report the run-queue wait (no /proc/thread-self/schedstat)");
        Duration delay = Duration.ofMillis(400);
        TrustSettings trust = TestCertificates.settings(TestCertificates.GENUINE_ROOT);
        List<Thread> hogs = new ArrayList<>();
        try (TlsFixture server = TlsFixture.answering(TestCertificates.serving(TestCertificates.leaf(HOST, TestCertificates.GENUINE_INTERMEDIATE),
                TestCertificates.GENUINE_INTERMEDIATE)).delayReplies(delay);
             SharedResources res = new SharedResources(new DnsServers(List.of(), "explicit"), trust, 1, Duration.ZERO, false)) {
            int n = 3 * Runtime.getRuntime().availableProcessors();
            for (int i = 0; i < n; i++) {
                Thread t = new Thread(ThreadClockTest::spin, "cpu-hog-" + i);
                t.setDaemon(true);
                t.start();
                hogs.add(t);
            }
            ProbeResult r = new HttpsProbe(TestCertificates.testTrustOnly(), "test").run(
                    new CheckSpec(ProbeKind.HTTPS, new Target("https", HOST, server.port(), "/")),
                    new ProbeContext(Duration.ofSeconds(20), Optional.of(server.address()), DirectTransport.INSTANCE, res));
            for (Thread t : hogs) {
                t.interrupt();
            }
            long waitMs = r.phaseUse().values().stream().mapToLong(u -> u.cpuWait().orElseThrow().toMillis()).sum();
            ThreadClock.Use request = r.phaseUse().get(Phase.REQUEST);
            long requestWall = r.phases().get(Phase.REQUEST).toMillis();
            long wire = requestWall - request.cpu().orElseThrow().toMillis() - request.cpuWait().orElseThrow().toMillis();
            assertAll(
                    () -> assertEquals(Outcome.OK, r.outcome(), r.detail()),
                    () -> assertEquals(java.util.EnumSet.of(Phase.CONNECT, Phase.TLS, Phase.REQUEST), java.util.EnumSet.copyOf(r.phaseUse().keySet())),
                    () -> assertTrue(waitMs > 0, "CPU wait reported: " + r.phaseUse()),
                    // The kernel's run-queue clock is updated lazily (about a scheduler tick): allow that much.
                    () -> assertTrue(wire >= delay.toMillis() - 50, "the wire holds the server's delay: " + wire + " ms of " + requestWall + " ms"),
                    () -> assertTrue(wire < delay.toMillis() + 600, "the wire stays near the server's delay: " + wire + " ms of " + requestWall
                            + " ms, " + r.phaseUse()));
        } finally {
            for (Thread t : hogs) {
                t.interrupt();
            }
        }
    }

    private static void spin() {
        long x = 0;
        while (!Thread.currentThread().isInterrupted()) {
            x += System.nanoTime() % 7;
        }
        if (x == 42) {
            System.out.print("");
        }
    }
}
