package dev.wscheck.probe.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Addresses that a public name such as a WorkSpaces endpoint never has, so that an answer holding
 * one is a DNS sinkhole (a filtering resolver, a hosts-style block list, a captive portal) or a
 * leaked internal record. 198.18.0.0/15 (benchmarking) is deliberately absent: wscheck's test lab
 * uses it for its fake internet.
 */
final class Sinkholes {
    private Sinkholes() {}

    /**
     * Returns why {@code a} cannot be a public endpoint's address, or empty when it can be. An
     * IPv4-mapped AAAA answer ({@code ::ffff:a.b.c.d}) arrives here as the IPv4 address it carries:
     * {@code InetAddress.getByAddress} converts it.
     */
    static Optional<String> reason(InetAddress a) {
        return reason(a, false);
    }

    /**
     * As {@link #reason(InetAddress)}, but when {@code privateExpected} (a catalog describing lab,
     * test or PrivateLink endpoints) only the unspecified range stays a sinkhole: 0.0.0.0 is never a
     * destination, whereas a private or loopback address is what such a catalog's names have.
     */
    static Optional<String> reason(InetAddress a, boolean privateExpected) {
        byte[] b = a.getAddress();
        if (privateExpected) {
            boolean unspecified = a.isAnyLocalAddress() || (a instanceof Inet4Address && (b[0] & 0xff) == 0);
            return unspecified ? reason(a, false) : Optional.empty();
        }
        if (a instanceof Inet4Address) {
            return reason4(b[0] & 0xff, b[1] & 0xff, a.isAnyLocalAddress());
        }
        if (a.isAnyLocalAddress()) {
            return Optional.of("the unspecified address");
        }
        if (a.isLoopbackAddress()) {
            return Optional.of("loopback (::1)");
        }
        int b0 = b[0] & 0xff;
        if ((b0 & 0xfe) == 0xfc) {
            return Optional.of("unique local (fc00::/7)");
        }
        if (b0 == 0xfe && (b[1] & 0xc0) == 0x80) {
            return Optional.of("link-local (fe80::/10)");
        }
        return Optional.empty();
    }

    private static Optional<String> reason4(int b0, int b1, boolean unspecified) {
        if (unspecified) {
            return Optional.of("the unspecified address");
        }
        if (b0 == 0) {
            return Optional.of("in 0.0.0.0/8 (\"this network\", never a destination)");
        }
        if (b0 == 127) {
            return Optional.of("loopback (127.0.0.0/8)");
        }
        if (b0 == 10) {
            return Optional.of("private (RFC 1918, 10.0.0.0/8)");
        }
        if (b0 == 172 && b1 >= 16 && b1 <= 31) {
            return Optional.of("private (RFC 1918, 172.16.0.0/12)");
        }
        if (b0 == 192 && b1 == 168) {
            return Optional.of("private (RFC 1918, 192.168.0.0/16)");
        }
        if (b0 == 169 && b1 == 254) {
            return Optional.of("link-local (169.254.0.0/16)");
        }
        if (b0 == 100 && b1 >= 64 && b1 <= 127) {
            return Optional.of("shared carrier-grade NAT space (100.64.0.0/10)");
        }
        return Optional.empty();
    }
}
