package dev.wscheck.catalog;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 prefix such as {@code 54.250.251.0/24}; host bits must be zero. */
public record Cidr(byte[] network, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    /** Parses {@code a.b.c.d/n} or {@code v6::/n}; throws IllegalArgumentException naming the text. */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR prefix (missing /length)");
        }
        String addr = text.substring(0, slash);
        byte[] bytes = literal(addr).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a CIDR prefix (bad address)"));
        int len;
        try {
            len = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR prefix (bad length)");
        }
        if (len < 0 || len > bytes.length * 8) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR prefix (length out of range)");
        }
        BigInteger value = new BigInteger(1, bytes);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bytes.length * 8 - len).subtract(BigInteger.ONE);
        if (!value.and(hostMask).equals(BigInteger.ZERO)) {
            throw new IllegalArgumentException("'" + text + "' has host bits set");
        }
        return new Cidr(bytes, len);
    }

    /** Returns the bytes of an IPv4/IPv6 literal without ever doing a DNS lookup. */
    public static java.util.Optional<byte[]> literal(String addr) {
        if (!(IPV4.matcher(addr).matches() || (addr.contains(":") && IPV6.matcher(addr).matches()))) {
            return java.util.Optional.empty();
        }
        try {
            // getByName on a literal never touches DNS; the patterns above guarantee a literal.
            return java.util.Optional.of(InetAddress.getByName(addr).getAddress());
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    /** Returns true when {@code address} lies in this prefix. */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
