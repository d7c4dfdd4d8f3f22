package dev.wscheck.probe.udp;

import dev.wscheck.probe.Evidence;
import java.util.List;

/**
 * What one UDP exchange put on the wire and got back.
 *
 * @param payload which probe datagram was sent: {@code quic-vn} (a QUIC long-header packet with a
 *                reserved version, which a QUIC server answers with Version Negotiation) or
 *                {@code plain} (the ASCII text "wscheck udp probe")
 * @param datagramsSent how many datagrams left this PC (at most 3)
 * @param bytesSent the UDP payload bytes of all datagrams sent
 * @param replyBytes the size of the first reply's UDP payload; 0 when nothing came back
 * @param replyFrom the address and port the first reply came from; empty when nothing came back
 * @param quicVersions the versions a QUIC Version Negotiation reply offered, as {@code 0x%08x}
 *                     strings; empty when the reply was not a Version Negotiation for our packet
 * @param firstReplyMs milliseconds from the first datagram to the first reply; 0 when nothing came back
 */
public record UdpEvidence(
        String payload,
        int datagramsSent,
        int bytesSent,
        int replyBytes,
        String replyFrom,
        List<String> quicVersions,
        double firstReplyMs) implements Evidence {

    public UdpEvidence {
        quicVersions = List.copyOf(quicVersions);
    }
}
