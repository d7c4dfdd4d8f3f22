package dev.wscheck.probe.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QuicVersionNegotiationTest {
    private static final QuicVersionNegotiation PROBE = QuicVersionNegotiation.newProbe(new Random(42));

    @Test
    void theProbeIsA1200ByteLongHeaderPacketWithAReservedVersionAndEightByteConnectionIds() {
        byte[] d = PROBE.datagram();
        assertEquals(1200, d.length);
        assertEquals(0xc0, d[0] & 0xc0);
        int version = ByteBuffer.wrap(d, 1, 4).getInt();
        assertEquals(PROBE.version(), version);
        assertTrue(QuicVersionNegotiation.isReserved(version), QuicVersionNegotiation.hex(version));
        assertEquals(8, d[5]);
        assertEquals(8, d[14]);
    }

    record Reply(String name, UnaryOperator<byte[]> mangle, Optional<List<Integer>> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Reply> replies() {
        return Stream.of(
                new Reply("a well-formed answer: its versions", b -> b, Optional.of(List.of(1, 0x6b3343cf))),
                new Reply("an answer offering no version: an empty list, still a Version Negotiation", b -> Arrays.copyOf(b, b.length - 8),
                        Optional.of(List.of())),
                new Reply("a short header (first bit 0): not a Version Negotiation", b -> set(b, 0, 0x40), Optional.empty()),
                new Reply("a version other than 0: not a Version Negotiation", b -> set(b, 4, 1), Optional.empty()),
                new Reply("connection IDs not echoed: not an answer to this probe", b -> set(b, 6, b[6] ^ 0xff), Optional.empty()),
                new Reply("a version list cut mid-version: malformed", b -> Arrays.copyOf(b, b.length - 2), Optional.empty()),
                new Reply("a connection ID length past the end: malformed", b -> set(b, 5, 200), Optional.empty()),
                new Reply("too short for a long header: malformed", b -> Arrays.copyOf(b, 6), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void readsOnlyVersionNegotiationsThatAnswerThisProbe(Reply c) {
        byte[] reply = UdpProbeTest.versionNegotiation(PROBE.datagram()).orElseThrow();
        assertEquals(c.expected(), PROBE.parseReply(c.mangle().apply(reply)));
    }

    record PortCase(String name, int port, String kind) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<PortCase> ports() {
        return Stream.of(
                new PortCase("UDP 4195 (DCV, QUIC first): the QUIC Version Negotiation probe", 4195, "quic-vn"),
                new PortCase("UDP 443 (registration and authentication; only QUIC runs there): the QUIC Version Negotiation probe", 443, "quic-vn"),
                new PortCase("UDP 4172 (PCoIP, protocol not public): the plain labelled probe", 4172, "plain"),
                new PortCase("any other port: the plain labelled probe", 53, "plain"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ports")
    void choosesThePayloadByPort(PortCase c) {
        assertEquals(c.kind(), UdpPayload.forPort(c.port()).kind());
    }

    private static byte[] set(byte[] b, int i, int value) {
        byte[] c = b.clone();
        c[i] = (byte) value;
        return c;
    }
}
