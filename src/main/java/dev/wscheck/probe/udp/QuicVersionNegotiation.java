package dev.wscheck.probe.udp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Builds a QUIC packet that a QUIC server answers with Version Negotiation, and reads that answer.
 *
 * <p>The packet (RFC 9000 §17.2, invariants in RFC 8999 §5.1): a long header (first byte
 * {@code 0b11xxxxxx}), a reserved version of the form {@code 0x?a?a?a?a} (RFC 9000 §15; no
 * server implements one, so every compliant server treats it as unsupported), an 8-byte random
 * Destination Connection ID, an 8-byte random Source Connection ID, and zero padding up to
 * 1200 bytes: a server discards smaller client datagrams (§14.1), and SHOULD answer a large
 * enough packet of an unsupported version with Version Negotiation (§5.2.2, §6.1).
 *
 * <p>The Version Negotiation packet (§17.2.1): long header, version 0, the client's Source
 * Connection ID as its Destination Connection ID and the client's Destination Connection ID as
 * its Source Connection ID, then a list of 32-bit versions. A reply that does not echo this
 * probe's connection IDs is not an answer to it, and is not read as one.
 */
final class QuicVersionNegotiation {
    /** The smallest datagram that carries a client's first packet (RFC 9000 §14.1). */
    static final int DATAGRAM_SIZE = 1200;
    static final int CID_LENGTH = 8;

    private final int version;
    private final byte[] dcid;
    private final byte[] scid;
    private final byte[] datagram;

    private QuicVersionNegotiation(int version, byte[] dcid, byte[] scid, byte[] datagram) {
        this.version = version;
        this.dcid = dcid;
        this.scid = scid;
        this.datagram = datagram;
    }

    /** Returns a fresh probe packet with a random reserved version and random connection IDs. */
    static QuicVersionNegotiation newProbe(Random random) {
        int version = (random.nextInt() & 0xf0f0f0f0) | 0x0a0a0a0a;
        byte[] dcid = new byte[CID_LENGTH];
        byte[] scid = new byte[CID_LENGTH];
        random.nextBytes(dcid);
        random.nextBytes(scid);
        byte[] d = new byte[DATAGRAM_SIZE];
        int i = 0;
        // Header Form 1, Fixed Bit 1, packet type and the rest random: version-specific bits
        // mean nothing in a version the server does not know.
        d[i++] = (byte) (0xc0 | (random.nextInt() & 0x3f));
        d[i++] = (byte) (version >>> 24);
        d[i++] = (byte) (version >>> 16);
        d[i++] = (byte) (version >>> 8);
        d[i++] = (byte) version;
        d[i++] = (byte) CID_LENGTH;
        System.arraycopy(dcid, 0, d, i, CID_LENGTH);
        i += CID_LENGTH;
        d[i++] = (byte) CID_LENGTH;
        System.arraycopy(scid, 0, d, i, CID_LENGTH);
        // The rest stays zero: padding.
        return new QuicVersionNegotiation(version, dcid, scid, d);
    }

    /** Returns the datagram to send (a copy). */
    byte[] datagram() {
        return datagram.clone();
    }

    /** Returns the reserved version this probe claims. */
    int version() {
        return version;
    }

    /**
     * Reads {@code reply} as a Version Negotiation packet answering this probe. Returns the
     * offered versions (possibly an empty list, which a server may legally send), or empty when
     * the reply is not such a packet: too short, short header, version not 0, connection IDs
     * not echoed, or a version list whose length is not a multiple of 4.
     */
    Optional<List<Integer>> parseReply(byte[] reply) {
        int i = 0;
        if (reply.length < 7 || (reply[i++] & 0x80) == 0) {
            return Optional.empty();
        }
        int v = readInt(reply, i);
        i += 4;
        if (v != 0) {
            return Optional.empty();
        }
        int dcidLen = reply[i++] & 0xff;
        if (i + dcidLen + 1 > reply.length || !Arrays.equals(reply, i, i + dcidLen, scid, 0, scid.length)) {
            return Optional.empty();
        }
        i += dcidLen;
        int scidLen = reply[i++] & 0xff;
        if (i + scidLen > reply.length || !Arrays.equals(reply, i, i + scidLen, dcid, 0, dcid.length)) {
            return Optional.empty();
        }
        i += scidLen;
        if ((reply.length - i) % 4 != 0) {
            return Optional.empty();
        }
        List<Integer> versions = new ArrayList<>();
        for (; i < reply.length; i += 4) {
            versions.add(readInt(reply, i));
        }
        return Optional.of(versions);
    }

    /** Returns true for the reserved versions {@code 0x?a?a?a?a} (RFC 9000 §15). */
    static boolean isReserved(int version) {
        return (version & 0x0f0f0f0f) == 0x0a0a0a0a;
    }

    /** Formats a version the way RFCs write them: {@code 0x00000001}. */
    static String hex(int version) {
        return String.format(Locale.ROOT, "0x%08x", version);
    }

    private static int readInt(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }
}
