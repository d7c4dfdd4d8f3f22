package dev.wscheck.catalog.ipranges;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Comparator;

/**
 * An IPv4 or IPv6 prefix held as a 128-bit number in two longs ({@code hi}, {@code lo}); an IPv4
 * address sits in the low 32 bits of {@code lo} with {@code hi} zero. Host bits are always zero.
 * Parsing is done by hand on characters (no regex, no InetAddress, never a DNS lookup) because
 * ip-ranges.json holds 17,000 of them and parsing them is most of the load time.
 *
 * @param v6 IPv6 (128 bits) rather than IPv4 (32 bits)
 * @param length the prefix length, 0 to 32 or 0 to 128
 */
public record IpPrefix(boolean v6, long hi, long lo, int length) implements Comparable<IpPrefix> {
    /** Family first (IPv4 before IPv6), then address, then shorter (larger) prefix first. */
    public static final Comparator<IpPrefix> ORDER = Comparator.comparing(IpPrefix::v6)
            .thenComparing((a, b) -> compare(a.hi, a.lo, b.hi, b.lo))
            .thenComparingInt(IpPrefix::length);

    public IpPrefix {
        int bits = v6 ? 128 : 32;
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length " + length + " out of range");
        }
        if (!v6 && (hi != 0 || (lo >>> 32) != 0)) {
            throw new IllegalArgumentException("IPv4 value out of range");
        }
    }

    /** Returns the number of address bits of this prefix's family: 32 or 128. */
    public int bits() {
        return v6 ? 128 : 32;
    }

    /** Parses {@code a.b.c.d/n} or an IPv6 {@code x::/n}; throws IllegalArgumentException naming the text. */
    public static IpPrefix parse(CharSequence text) {
        return parse(text, 0, text.length());
    }

    /** Parses the prefix in {@code text[start, end)}. */
    public static IpPrefix parse(CharSequence text, int start, int end) {
        int slash = -1;
        boolean colon = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '/') {
                slash = i;
                break;
            }
            if (c == ':') {
                colon = true;
            }
        }
        if (slash < 0) {
            throw bad(text, start, end, "missing /length");
        }
        int len = 0;
        if (slash + 1 == end || end - slash - 1 > 3) {
            throw bad(text, start, end, "bad length");
        }
        for (int i = slash + 1; i < end; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw bad(text, start, end, "bad length");
            }
            len = len * 10 + d;
        }
        long[] v = new long[2];
        if (colon) {
            if (!parseV6(text, start, slash, v)) {
                throw bad(text, start, end, "bad address");
            }
        } else {
            long a = parseV4(text, start, slash);
            if (a < 0) {
                throw bad(text, start, end, "bad address");
            }
            v[1] = a;
        }
        int bits = colon ? 128 : 32;
        if (len > bits) {
            throw bad(text, start, end, "length out of range");
        }
        if ((v[0] & hostHi(len, bits)) != 0 || (v[1] & hostLo(len, bits)) != 0) {
            throw new IllegalArgumentException("'" + text.subSequence(start, end) + "' has host bits set");
        }
        return new IpPrefix(colon, v[0], v[1], len);
    }

    /** Returns the prefix of {@code length} bits that contains the address (host bits cleared). */
    public static IpPrefix containing(byte[] address, int length) {
        long[] v = value(address);
        boolean v6 = address.length == 16;
        int bits = v6 ? 128 : 32;
        return new IpPrefix(v6, v[0] & ~hostHi(length, bits), v[1] & ~hostLo(length, bits), length);
    }

    /** Returns the single-address prefix (/32 or /128) of an address. */
    public static IpPrefix of(InetAddress address) {
        byte[] b = address.getAddress();
        return containing(b, b.length * 8);
    }

    /** Returns the address's 128-bit value as {hi, lo}; IPv4 in the low 32 bits. */
    public static long[] value(byte[] address) {
        if (address.length == 4) {
            return new long[] {0, ((address[0] & 0xffL) << 24) | ((address[1] & 0xffL) << 16) | ((address[2] & 0xffL) << 8) | (address[3] & 0xffL)};
        }
        if (address.length != 16) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: " + address.length + " bytes");
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (address[i] & 0xffL);
            lo = (lo << 8) | (address[i + 8] & 0xffL);
        }
        return new long[] {hi, lo};
    }

    /** Returns the high word of the last address in the prefix. */
    public long lastHi() {
        return hi | hostHi(length, bits());
    }

    /** Returns the low word of the last address in the prefix. */
    public long lastLo() {
        return lo | hostLo(length, bits());
    }

    /** Returns true when {@code other} (same family) lies entirely inside this prefix. */
    public boolean contains(IpPrefix other) {
        return other.v6 == v6 && other.length >= length
                && (other.hi & ~hostHi(length, bits())) == hi && (other.lo & ~hostLo(length, bits())) == lo;
    }

    /** Returns true when the address lies in this prefix. */
    public boolean contains(InetAddress address) {
        byte[] b = address.getAddress();
        return (b.length == 16) == v6 && contains(containing(b, b.length * 8));
    }

    /** The host-bit mask of the high word for a prefix of {@code len} out of {@code bits}. */
    static long hostHi(int len, int bits) {
        if (bits == 32) {
            return 0;
        }
        return len >= 64 ? 0 : (len == 0 ? -1L : -1L >>> len);
    }

    /** The host-bit mask of the low word. */
    static long hostLo(int len, int bits) {
        if (bits == 32) {
            return len == 0 ? 0xffffffffL : (0xffffffffL >>> len);
        }
        if (len <= 64) {
            return -1L;
        }
        return len == 128 ? 0 : -1L >>> (len - 64);
    }

    /** Unsigned 128-bit comparison. */
    static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    @Override
    public int compareTo(IpPrefix o) {
        return ORDER.compare(this, o);
    }

    /** Dotted quad for IPv4 (18.180.178.0/24); RFC 5952 compressed form for IPv6 (2406:da32:4000::/40). */
    @Override
    public String toString() {
        return address() + "/" + length;
    }

    /** The network address without the length. */
    public String address() {
        if (!v6) {
            return ((lo >>> 24) & 0xff) + "." + ((lo >>> 16) & 0xff) + "." + ((lo >>> 8) & 0xff) + "." + (lo & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xffff);
            g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xffff);
        }
        // The longest run of two or more zero groups becomes "::" (RFC 5952: the first one on a tie).
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** The dotted netmask of an IPv4 prefix (255.255.255.0 for /24). */
    public String netmask() {
        if (v6) {
            throw new IllegalStateException("IPv6 prefixes have no dotted netmask");
        }
        long m = ~hostLo(length, 32) & 0xffffffffL;
        return ((m >>> 24) & 0xff) + "." + ((m >>> 16) & 0xff) + "." + ((m >>> 8) & 0xff) + "." + (m & 0xff);
    }

    /** Returns the network address as an InetAddress (built from bytes: no lookup). */
    public InetAddress inetAddress() {
        byte[] b = new byte[v6 ? 16 : 4];
        if (v6) {
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (hi >>> (56 - 8 * i));
                b[i + 8] = (byte) (lo >>> (56 - 8 * i));
            }
        } else {
            for (int i = 0; i < 4; i++) {
                b[i] = (byte) (lo >>> (24 - 8 * i));
            }
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IllegalArgumentException bad(CharSequence text, int start, int end, String why) {
        return new IllegalArgumentException("'" + text.subSequence(start, end) + "' is not a CIDR prefix (" + why + ")");
    }

    /** Returns the IPv4 value of text[start, end), or -1 when it is not a dotted quad. */
    private static long parseV4(CharSequence text, int start, int end) {
        long value = 0;
        int parts = 0;
        int i = start;
        while (parts < 4) {
            int n = 0;
            int digits = 0;
            while (i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                n = n * 10 + (text.charAt(i) - '0');
                i++;
                if (++digits > 3) {
                    return -1;
                }
            }
            if (digits == 0 || n > 255) {
                return -1;
            }
            value = (value << 8) | n;
            parts++;
            if (parts < 4) {
                if (i >= end || text.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == end ? value : -1;
    }

    /** Parses an IPv6 address (with at most one "::"; no embedded IPv4) into out[0], out[1]. */
    private static boolean parseV6(CharSequence text, int start, int end, long[] out) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = start;
        if (end - start >= 2 && text.charAt(i) == ':' && text.charAt(i + 1) == ':') {
            gap = 0;
            i += 2;
        } else if (i < end && text.charAt(i) == ':') {
            return false;
        }
        while (i < end) {
            int n = 0;
            int digits = 0;
            while (i < end && Character.digit(text.charAt(i), 16) >= 0) {
                n = (n << 4) | Character.digit(text.charAt(i), 16);
                i++;
                if (++digits > 4) {
                    return false;
                }
            }
            if (digits == 0 || count == 8) {
                return false;
            }
            groups[count++] = n;
            if (i == end) {
                break;
            }
            if (text.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < end && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = count;
                i++;
            } else if (i == end) {
                return false;
            }
        }
        int[] full = new int[8];
        if (gap < 0) {
            if (count != 8) {
                return false;
            }
            full = groups;
        } else {
            if (count > 7) {
                return false;
            }
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - (count - gap), count - gap);
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = (hi << 16) | full[k];
            lo = (lo << 16) | full[k + 4];
        }
        out[0] = hi;
        out[1] = lo;
        return true;
    }
}
