package dev.wscheck.probe.udp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The datagram a UDP probe sends and how it reads the first reply. Two kinds:
 *
 * <ul>
 *   <li>{@code quic-vn} for UDP 4195, where DCV streams over QUIC, and for UDP 443, where AWS lists
 *       registration and authentication as "UDP and TCP" (anything on UDP 443 is QUIC): a QUIC
 *       packet with a reserved version ({@link QuicVersionNegotiation}); a QUIC server should
 *       answer it.</li>
 *   <li>{@code plain} for every other port: the ASCII text {@value #PLAIN_TEXT}, so that anyone
 *       reading a packet capture knows what it is. The health-check servers' real UDP protocol
 *       (4172 PCoIP, and 4195 beyond QUIC) is not public, so they may well stay silent: silence
 *       is inconclusive, never a pass or a fail.</li>
 * </ul>
 */
final class UdpPayload {
    static final String PLAIN = "plain";
    static final String QUIC_VN = "quic-vn";
    static final String PLAIN_TEXT = "wscheck udp probe";
    /** DCV's streaming port: the client tries QUIC here first. */
    static final int DCV_PORT = 4195;
    /** HTTPS's port: over UDP it can only be QUIC (HTTP/3). */
    static final int HTTPS_PORT = 443;

    private final String kind;
    private final byte[] datagram;
    private final Optional<QuicVersionNegotiation> quic;

    private UdpPayload(String kind, byte[] datagram, Optional<QuicVersionNegotiation> quic) {
        this.kind = kind;
        this.datagram = datagram;
        this.quic = quic;
    }

    /** Returns the payload for a target port: QUIC for 4195 and 443, plain otherwise. */
    static UdpPayload forPort(int port) {
        return port == DCV_PORT || port == HTTPS_PORT ? quicVersionNegotiation() : plain();
    }

    static UdpPayload plain() {
        return new UdpPayload(PLAIN, PLAIN_TEXT.getBytes(StandardCharsets.US_ASCII), Optional.empty());
    }

    /** Returns a QUIC Version Negotiation probe with fresh random connection IDs. */
    static UdpPayload quicVersionNegotiation() {
        QuicVersionNegotiation q = QuicVersionNegotiation.newProbe(ThreadLocalRandom.current());
        return new UdpPayload(QUIC_VN, q.datagram(), Optional.of(q));
    }

    String kind() {
        return kind;
    }

    /** Returns the bytes of every datagram this probe sends (repeats are identical: retransmissions). */
    byte[] datagram() {
        return datagram.clone();
    }

    int size() {
        return datagram.length;
    }

    /** Returns the QUIC versions offered by {@code reply} if it is a Version Negotiation answering this payload. */
    List<String> quicVersionsIn(byte[] reply) {
        return quic.flatMap(q -> q.parseReply(reply))
                .map(vs -> vs.stream().map(QuicVersionNegotiation::hex).toList())
                .orElse(List.of());
    }

    /** Returns true when {@code reply} is a Version Negotiation answering this payload (even one offering no version). */
    boolean isVersionNegotiation(byte[] reply) {
        return quic.flatMap(q -> q.parseReply(reply)).isPresent();
    }
}
