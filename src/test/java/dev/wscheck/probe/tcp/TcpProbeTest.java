package dev.wscheck.probe.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TcpProbeTest {
    private static final Duration TIMEOUT = Duration.ofMillis(1000);
    /** Generous: the machine is small and shared. */
    private static final Duration SLACK = Duration.ofSeconds(4);
    private static final SharedResources RESOURCES =
            new SharedResources(new DnsServers(List.of(), "explicit"), new TrustSettings(List.of(), List.of(), "test"), 3, Duration.ZERO, false);

    /** {@code expected} lists every outcome the case allows: one, except for a genuine race. */
    record Case(String name, Supplier<TcpFixture> fixture, boolean withAddress, Set<Outcome> expected, BiConsumer<TcpFixture, ProbeResult> more) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a listening server: ok, with the connect time and local address recorded", TcpFixture::accepting, true, Set.of(Outcome.OK),
                        (f, r) -> {
                            assertFalse(r.phases().get(Phase.CONNECT).isNegative());
                            TcpEvidence e = (TcpEvidence) r.evidence().orElseThrow();
                            assertTrue(e.localAddress().startsWith("127.0.0.1:"), e.localAddress());
                            assertEquals("direct", e.transport());
                            assertTrue(r.detail().contains("connected in"), r.detail());
                        }),
                new Case("nothing listening: tcp-refused", TcpFixture::refusing, true, Set.of(Outcome.TCP_REFUSED),
                        (f, r) -> assertTrue(r.detail().endsWith("connection refused"), r.detail())),
                new Case("a server that resets when the client first sends: a connect-only probe sends nothing, so it sees ok",
                        TcpFixture::resettingOnData, true, Set.of(Outcome.OK),
                        (f, r) -> assertTrue(r.evidence().isPresent())),
                new Case("a server that resets right after accepting: ok or tcp-reset, whichever wins the race with the JDK's connect check",
                        TcpFixture::resetting, true, Set.of(Outcome.OK, Outcome.TCP_RESET),
                        (f, r) -> assertEquals(r.outcome() == Outcome.TCP_RESET, r.detail().endsWith("connection reset"), r.detail())),
                new Case("a black-holed port: tcp-timeout, within a generous bound of the timeout", TcpFixture::blackHoled, true, Set.of(Outcome.TCP_TIMEOUT),
                        (f, r) -> {
                            assertTrue(r.detail().endsWith("no answer within " + TIMEOUT.toMillis() + " ms"), r.detail());
                            assertTrue(r.evidence().isEmpty());
                        }),
                new Case("no resolved address: error (a wiring bug), and nothing is sent", TcpFixture::accepting, false, Set.of(Outcome.ERROR),
                        (f, r) -> assertTrue(r.detail().contains("no resolved address"), r.detail())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsWhatHappenedOnTheWire(Case c) {
        try (TcpFixture f = c.fixture().get()) {
            CheckSpec spec = new CheckSpec(ProbeKind.TCP, new Target("tcp", "127.0.0.1", f.port(), ""));
            ProbeContext ctx = new ProbeContext(TIMEOUT, c.withAddress() ? Optional.of(f.address()) : Optional.empty(), DirectTransport.INSTANCE, RESOURCES);

            ProbeResult r = new TcpProbe().run(spec, ctx);

            assertTrue(c.expected().contains(r.outcome()), r.outcome() + ": " + r.detail());
            assertTrue(r.detail().startsWith("direct => 127.0.0.1:" + f.port()), r.detail());
            assertTrue(r.duration().compareTo(TIMEOUT.plus(SLACK)) < 0, "took " + r.duration());
            c.more().accept(f, r);
        }
    }

    @AfterAll
    static void release() {
        RESOURCES.close();
    }
}
