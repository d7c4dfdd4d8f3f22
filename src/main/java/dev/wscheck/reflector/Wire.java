package dev.wscheck.reflector;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The reflector's wire format, version 1: the same bytes on UDP (one message per datagram) and on
 * TCP (each message preceded by its length as a 2-byte big-endian integer). All integers are
 * big-endian.
 *
 * <pre>
 * offset  size  field
 *  0      4     magic "WSR1"
 *  4      1     kind: 1 = probe (client to reflector), 2 = echo (reflector to client)
 *  5      3     zero
 *  8      8     session: random, one per measured flow (a port and transport)
 * 16      4     sequence number, unsigned, counting from 0 within the session
 * 20      8     timestamp: the sender's clock, milliseconds since 1970-01-01 UTC
 * 28      n     padding, any bytes (lets the client try datagram sizes for the path MTU)
 * 28+n   16     HMAC-SHA256 over bytes 0 .. 28+n-1 with the shared key, first 16 bytes
 * </pre>
 *
 * A message is {@value #MIN_SIZE} to {@value #MAX_SIZE} bytes. The echo is the probe with the kind
 * changed to 2 and the tag recomputed: the same length, so a reply is never larger than its
 * request, and authenticated, so the client knows the reflector (and not some middlebox) answered.
 * 128 bits of HMAC tag is what RFC 2104 §5 allows for truncation with ample margin; the key is at
 * least {@value #MIN_KEY_BYTES} bytes.
 */
public final class Wire {
    public static final byte[] MAGIC = "WSR1".getBytes(StandardCharsets.US_ASCII);
    public static final byte PROBE = 1;
    public static final byte ECHO = 2;
    public static final int HEADER = 28;
    public static final int TAG = 16;
    public static final int MIN_SIZE = HEADER + TAG;
    /** The largest message: a UDP payload that fits an Ethernet MTU of 1500 over IPv4. */
    public static final int MAX_SIZE = 1472;
    public static final int MIN_KEY_BYTES = 16;

    private Wire() {}

    /** A parsed, authenticated message. */
    public record Message(byte kind, long session, long sequence, long timestampMs, int size) {}

    /** Returns the key as bytes, or throws IllegalArgumentException when it is too short to be a key. */
    public static byte[] key(String text) {
        byte[] k = text.getBytes(StandardCharsets.UTF_8);
        if (k.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the key must be at least " + MIN_KEY_BYTES + " bytes (make one with: openssl rand -base64 32)");
        }
        return k;
    }

    /** Builds a message of {@code size} bytes (padding filled with zeros). */
    public static byte[] encode(byte[] key, byte kind, long session, long sequence, long timestampMs, int size) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("message size " + size + " outside " + MIN_SIZE + ".." + MAX_SIZE);
        }
        byte[] m = new byte[size];
        ByteBuffer b = ByteBuffer.wrap(m);
        b.put(MAGIC).put(kind).put(new byte[3]).putLong(session).putInt((int) sequence).putLong(timestampMs);
        sign(key, m);
        return m;
    }

    /**
     * Parses and authenticates {@code length} bytes of {@code data}; empty when the size, magic,
     * kind field or tag is wrong. Constant-time tag comparison.
     */
    public static Optional<Message> parse(byte[] key, byte[] data, int length) {
        if (length < MIN_SIZE || length > MAX_SIZE || data.length < length) {
            return Optional.empty();
        }
        if (!Arrays.equals(data, 0, 4, MAGIC, 0, 4) || (data[4] != PROBE && data[4] != ECHO) || data[5] != 0 || data[6] != 0 || data[7] != 0) {
            return Optional.empty();
        }
        byte[] expected = tag(key, data, length - TAG);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(data, length - TAG, length))) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(data, 8, 20);
        long session = b.getLong();
        long seq = Integer.toUnsignedLong(b.getInt());
        long ts = b.getLong();
        return Optional.of(new Message(data[4], session, seq, ts, length));
    }

    /** Turns an authenticated probe of {@code length} bytes into its echo, in place: kind 2, new tag. */
    public static void toEcho(byte[] key, byte[] data, int length) {
        data[4] = ECHO;
        byte[] t = tag(key, data, length - TAG);
        System.arraycopy(t, 0, data, length - TAG, TAG);
    }

    private static void sign(byte[] key, byte[] m) {
        byte[] t = tag(key, m, m.length - TAG);
        System.arraycopy(t, 0, m, m.length - TAG, TAG);
    }

    private static byte[] tag(byte[] key, byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(data, 0, length);
            return Arrays.copyOf(mac.doFinal(), TAG);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
