package dev.wscheck.net;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Facts about this PC for the report: operating system, host name, local addresses. Never does
 * a DNS lookup (InetAddress.getLocalHost would resolve the host name through the resolver).
 */
public final class HostFacts {
    private HostFacts() {}

    public static String os() {
        return System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "") + " (" + System.getProperty("os.arch", "") + ")";
    }

    /** Returns the host name from the environment or the kernel, without resolving it. */
    public static String hostname(Map<String, String> env) {
        for (String var : List.of("COMPUTERNAME", "HOSTNAME")) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        for (String file : List.of("/proc/sys/kernel/hostname", "/etc/hostname")) {
            try {
                String v = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
                if (!v.isEmpty()) {
                    return v;
                }
            } catch (IOException | RuntimeException e) {
                // not on this platform; try the next source
            }
        }
        return "unknown";
    }

    /** Returns the addresses of the interfaces that are up, loopback excluded, IPv6 without scope. */
    public static List<String> localAddresses() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    String s = a.getHostAddress();
                    if (a instanceof Inet6Address) {
                        int pct = s.indexOf('%');
                        s = (pct > 0 ? s.substring(0, pct) : s).toLowerCase(Locale.ROOT);
                    }
                    out.add(s);
                }
            }
        } catch (SocketException e) {
            // no interface list on this platform: report none rather than fail the run
        }
        return out;
    }

    /**
     * Whether this PC has a global IPv6 address on an interface that is up: not loopback, not
     * link-local (fe80::/10), not unique-local (fc00::/7), not the deprecated site-local (fec0::/10).
     * Without one, IPv6 endpoints cannot be reached (except on loopback), and the client uses IPv4.
     */
    public static boolean hasGlobalIpv6() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet6Address && isGlobal(a)) {
                        return true;
                    }
                }
            }
        } catch (SocketException e) {
            // no interface list: say no IPv6 rather than probe addresses that cannot be reached
        }
        return false;
    }

    /** Whether {@code a} is a global unicast IPv6 address (see {@link #hasGlobalIpv6()}). */
    public static boolean isGlobal(InetAddress a) {
        if (!(a instanceof Inet6Address) || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress() || a.isAnyLocalAddress()) {
            return false;
        }
        return (a.getAddress()[0] & 0xfe) != 0xfc;
    }

    /** Whether the OS shows a default IPv6 route; empty where wscheck cannot tell without running a command (not Linux). */
    public static Optional<Boolean> ipv6DefaultRoute() {
        return ipv6DefaultRoute(Path.of("/proc/net/ipv6_route"));
    }

    /**
     * Reads Linux's /proc/net/ipv6_route: a default route is a line whose destination is ::/0, whose
     * flags have RTF_UP (0x1) and not RTF_REJECT (0x200: the kernel's own "unreachable" entry on lo
     * that every Linux has). Empty when the file cannot be read (not Linux, or IPv6 disabled there).
     */
    static Optional<Boolean> ipv6DefaultRoute(Path routeFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(routeFile, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            try {
                if (f.length >= 10 && f[0].matches("0{32}") && f[1].equals("00")) {
                    long flags = Long.parseLong(f[8], 16);
                    if ((flags & 0x1) != 0 && (flags & 0x200) == 0) {
                        return Optional.of(true);
                    }
                }
            } catch (NumberFormatException e) {
                // a line this parser does not know: not a default route
            }
        }
        return Optional.of(false);
    }
}
