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
}
