package dev.wscheck.probe.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.engine.SharedResources;
import dev.wscheck.fixtures.UdpFixture;
import dev.wscheck.net.DirectTransport;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.Route;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Phase;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.Target;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UdpProbeTest {
    private static final Duration TIMEOUT = Duration.ofMillis(1200);
    /** Generous: the machine is small and shared. */
    private static final Duration SLACK = Duration.ofSeconds(4);
    private static final int PLAIN_SIZE = UdpPayload.PLAIN_TEXT.length();
    private static final SharedResources RESOURCES =
            new SharedResources(new DnsServers(List.of(), "explicit"), new TrustSettings(List.of(), List.of(), "test"), 3, Duration.ZERO, false);

    record Case(String name, Supplier<UdpFixture> fixture, boolean quic, boolean withAddress, Outcome expected,
            BiConsumer<UdpFixture, ProbeResult> more) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("an echo server: udp-reply, with the exchange in the evidence", UdpFixture::echo, false, true, Outcome.UDP_REPLY,
                        (f, r) -> {
                            UdpEvidence e = evidence(r);
                            assertEquals("plain", e.payload());
                            assertTrue(e.datagramsSent() >= 1, e.toString());
                            assertEquals(e.datagramsSent() * PLAIN_SIZE, e.bytesSent());
                            assertEquals(PLAIN_SIZE, e.replyBytes());
                            assertEquals("127.0.0.1:" + f.port(), e.replyFrom());
                            assertEquals(List.of(), e.quicVersions());
                            assertTrue(e.firstReplyMs() >= 0, e.toString());
                            assertEquals(UdpPayload.PLAIN_TEXT, new String(f.received().get(0), java.nio.charset.StandardCharsets.US_ASCII));
                        }),
                new Case("a silent server: udp-no-reply after all three datagrams, within the budget", UdpFixture::silent, false, true, Outcome.UDP_NO_REPLY,
                        (f, r) -> {
                            UdpEvidence e = evidence(r);
                            assertEquals(UdpProbe.MAX_DATAGRAMS, e.datagramsSent());
                            assertEquals(0, e.replyBytes());
                            assertEquals("", e.replyFrom());
                            assertTrue(r.detail().contains("inconclusive"), r.detail());
                        }),
                new Case("a closed port: udp-port-unreachable (ICMP port unreachable on loopback)", UdpFixture::closed, false, true,
                        Outcome.UDP_PORT_UNREACHABLE,
                        (f, r) -> {
                            assertTrue(evidence(r).datagramsSent() >= 1, r.toString());
                            assertTrue(r.detail().contains("ICMP port unreachable"), r.detail());
                        }),
                new Case("a QUIC server answering Version Negotiation: udp-reply with the offered versions parsed",
                        () -> UdpFixture.responding(UdpProbeTest::versionNegotiation), true, true, Outcome.UDP_REPLY,
                        (f, r) -> {
                            UdpEvidence e = evidence(r);
                            assertEquals("quic-vn", e.payload());
                            assertEquals(List.of("0x00000001", "0x6b3343cf"), e.quicVersions());
                            assertEquals(e.datagramsSent() * QuicVersionNegotiation.DATAGRAM_SIZE, e.bytesSent());
                            byte[] sent = f.received().get(0);
                            assertEquals(QuicVersionNegotiation.DATAGRAM_SIZE, sent.length);
                            assertTrue(QuicVersionNegotiation.isReserved(ByteBuffer.wrap(sent, 1, 4).getInt()));
                            assertTrue(r.detail().contains("QUIC Version Negotiation offering 0x00000001, 0x6b3343cf"), r.detail());
                        }),
                new Case("a QUIC probe echoed back: udp-reply, but not a Version Negotiation, so no versions", UdpFixture::echo, true, true,
                        Outcome.UDP_REPLY,
                        (f, r) -> {
                            UdpEvidence e = evidence(r);
                            assertEquals(QuicVersionNegotiation.DATAGRAM_SIZE, e.replyBytes());
                            assertEquals(List.of(), e.quicVersions());
                        }),
                new Case("no resolved address: error (a wiring bug), and nothing is sent", UdpFixture::echo, false, false, Outcome.ERROR,
                        (f, r) -> {
                            assertTrue(r.detail().contains("no resolved address"), r.detail());
                            assertEquals(List.of(), f.received());
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsWhatCameBack(Case c) {
        try (UdpFixture f = c.fixture().get()) {
            CheckSpec spec = new CheckSpec(ProbeKind.UDP, new Target("udp", "127.0.0.1", f.port(), ""));
            ProbeContext ctx = new ProbeContext(TIMEOUT, c.withAddress() ? Optional.of(f.address()) : Optional.empty(), DirectTransport.INSTANCE, RESOURCES);
            UdpProbe probe = c.quic() ? new UdpProbe(port -> UdpPayload.quicVersionNegotiation()) : new UdpProbe(port -> UdpPayload.plain());

            ProbeResult r = probe.run(spec, ctx);

            assertEquals(c.expected(), r.outcome(), r.detail());
            assertEquals(Route.DIRECT, r.via());
            assertTrue(r.detail().startsWith("direct => 127.0.0.1:" + f.port()), r.detail());
            assertTrue(r.duration().compareTo(TIMEOUT.plus(SLACK)) < 0, "took " + r.duration());
            assertTrue(r.phases().get(Phase.REQUEST).compareTo(r.duration()) <= 0, r.phases().toString());
            c.more().accept(f, r);
        }
    }

    record Failure(String name, Throwable error, Outcome expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Failures loopback cannot produce (ICMP host unreachable, a local firewall), mapped by exception. */
    static Stream<Failure> failures() {
        return Stream.of(
                new Failure("ICMP port unreachable: udp-port-unreachable", new PortUnreachableException("ICMP Port Unreachable"), Outcome.UDP_PORT_UNREACHABLE),
                new Failure("ICMP host unreachable: udp-unreachable", new NoRouteToHostException("No route to host"), Outcome.UDP_UNREACHABLE),
                new Failure("no route on connect: udp-unreachable", new SocketException("Network is unreachable"), Outcome.UDP_UNREACHABLE),
                new Failure("a firewall on this PC refuses the send (EPERM): udp-unreachable", new SocketException("Operation not permitted"),
                        Outcome.UDP_UNREACHABLE),
                new Failure("'Connection refused' on a datagram socket is ICMP port unreachable, never a TCP outcome",
                        new ConnectException("Connection refused"), Outcome.UDP_PORT_UNREACHABLE),
                new Failure("a programming error: error", new IllegalStateException("bug"), Outcome.ERROR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void mapsFailuresToUdpOutcomes(Failure c) {
        assertEquals(c.expected(), UdpProbe.classify(c.error()));
    }

    private static UdpEvidence evidence(ProbeResult r) {
        return (UdpEvidence) r.evidence().orElseThrow(() -> new AssertionError("no evidence: " + r));
    }

    /**
     * A hand-built QUIC Version Negotiation (RFC 9000 §17.2.1) answering {@code request}: long
     * header, version 0, the request's connection IDs swapped, then QUIC v1 and v2 (RFC 9369).
     */
    static Optional<byte[]> versionNegotiation(byte[] request) {
        int dcidLen = request[5] & 0xff;
        int scidLen = request[6 + dcidLen] & 0xff;
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + 1 + scidLen + 1 + dcidLen + 8);
        b.put((byte) 0x80);
        b.putInt(0);
        b.put((byte) scidLen).put(request, 7 + dcidLen, scidLen);
        b.put((byte) dcidLen).put(request, 6, dcidLen);
        b.putInt(0x00000001).putInt(0x6b3343cf);
        return Optional.of(b.array());
    }

    @AfterAll
    static void release() {
        RESOURCES.close();
    }
}
