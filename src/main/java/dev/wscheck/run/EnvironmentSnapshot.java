package dev.wscheck.run;

import dev.wscheck.Version;
import dev.wscheck.net.HostFacts;
import dev.wscheck.net.Ipv6Status;
import dev.wscheck.probe.https.HttpsEvidence;
import dev.wscheck.report.Environment;
import dev.wscheck.report.Report;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report's environment snapshot: what a support engineer asks first, learned cheaply and
 * without sending anything (files and the JVM only; no command is run). Nothing here fails a
 * run: what cannot be learned is "unknown".
 */
public final class EnvironmentSnapshot {
    /**
     * Interface names that look like a VPN adapter: tun/tap (OpenVPN, many clients), utun (macOS
     * system VPNs), wg (WireGuard), ppp (L2TP/PPTP), ipsec, gpd (GlobalProtect), cscotun (AnyConnect),
     * tailscale, zt (ZeroTier), nordlynx; plus display names that say VPN or name a VPN product.
     */
    static final Pattern VPN_NAME = Pattern.compile("^(tun|tap|utun|wg|ppp|ipsec|gpd|cscotun|tailscale|zt|nordlynx|vpn)[0-9a-z]*$");
    static final Pattern VPN_DISPLAY = Pattern.compile("(?i)vpn|anyconnect|globalprotect|wireguard|tap-windows|fortinet|pangp|openvpn|zscaler");

    private EnvironmentSnapshot() {}

    public static Environment of(CheckRequest q, Report report) {
        return of(q, report, Optional.empty());
    }

    /** As {@link #of(CheckRequest, Report)}, with the IPv6 status the run was planned with. */
    public static Environment of(CheckRequest q, Report report, Optional<Ipv6Status> ipv6) {
        Map<String, String> env = q.env();
        List<Environment.Interface> interfaces = new ArrayList<>();
        List<String> vpn = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                List<String> addrs = new ArrayList<>();
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    String s = a.getHostAddress();
                    if (a instanceof Inet6Address) {
                        int pct = s.indexOf('%');
                        s = (pct > 0 ? s.substring(0, pct) : s).toLowerCase(Locale.ROOT);
                    }
                    addrs.add(s);
                }
                interfaces.add(new Environment.Interface(ni.getName(), addrs));
                if (looksLikeVpn(ni.getName(), ni.getDisplayName())) {
                    vpn.add(ni.getName());
                }
            }
        } catch (SocketException | RuntimeException e) {
            // no interface list on this platform: report none
        }
        Report.Proxy p = report.proxy();
        String proxy = p == null ? null : p.url() != null ? p.url() : p.pac() != null ? "PAC " + p.pac() : null;
        return new Environment(System.getProperty("os.name", "unknown"), System.getProperty("os.version", "unknown"),
                System.getProperty("os.arch", "unknown"), System.getProperty("java.version", "?") + " (" + System.getProperty("java.vendor", "?") + ")",
                Version.get(), HostFacts.hostname(env), user(env), interfaces, defaultGateway(Path.of("/proc/net/route")).orElse("unknown"),
                q.dns().display(), q.dns().source(), proxy, p == null ? "none" : p.source(), new Environment.Vpn(!vpn.isEmpty(), vpn),
                workspacesClient(env, Path.of("/")), clock(report), null, ipv6.map(EnvironmentSnapshot::ipv6).orElse(null));
    }

    static Environment.Ipv6 ipv6(Ipv6Status s) {
        return new Environment.Ipv6(s.globalAddress(), s.defaultRoute().orElse(null), s.mode().id(), s.checked(), s.families(),
                s.checked() ? null : s.reason());
    }

    static boolean looksLikeVpn(String name, String displayName) {
        return VPN_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches() || (displayName != null && VPN_DISPLAY.matcher(displayName).find());
    }

    static String user(Map<String, String> env) {
        for (String v : List.of("USER", "USERNAME", "LOGNAME")) {
            String u = env.get(v);
            if (u != null && !u.isBlank()) {
                return u.trim();
            }
        }
        return System.getProperty("user.name", "unknown");
    }

    /** The IPv4 default gateway from Linux's /proc/net/route (little-endian hex); empty elsewhere or when there is none. */
    static Optional<String> defaultGateway(Path routeFile) {
        try {
            for (String line : Files.readAllLines(routeFile, StandardCharsets.US_ASCII)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].equals("00000000") && !f[2].equals("00000000") && (Integer.parseInt(f[3], 16) & 0x2) != 0) {
                    long g = Long.parseLong(f[2], 16);
                    return Optional.of((g & 0xff) + "." + ((g >> 8) & 0xff) + "." + ((g >> 16) & 0xff) + "." + ((g >> 24) & 0xff) + " (" + f[0] + ")");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable: unknown
        }
        return Optional.empty();
    }

    private static final Pattern PLIST_VERSION = Pattern.compile("<key>CFBundleShortVersionString</key>\\s*<string>([^<]+)</string>");
    private static final Pattern DPKG_VERSION = Pattern.compile("(?m)^Package: workspacesclient\\n(?:[^\\n]+\\n)*?Version: (\\S+)");

    /**
     * The WorkSpaces client's version where a file says it cheaply (macOS Info.plist, Debian's dpkg
     * status); "installed" where only the program is found (Windows); "not installed" otherwise.
     * {@code root} is "/" (tests point it at a directory tree).
     */
    static String workspacesClient(Map<String, String> env, Path root) {
        try {
            Path plist = root.resolve("Applications/WorkSpaces.app/Contents/Info.plist");
            if (Files.isRegularFile(plist)) {
                Matcher m = PLIST_VERSION.matcher(Files.readString(plist, StandardCharsets.UTF_8));
                return m.find() ? m.group(1).trim() : "installed (version unknown)";
            }
            Path dpkg = root.resolve("var/lib/dpkg/status");
            if (Files.isRegularFile(dpkg)) {
                Matcher m = DPKG_VERSION.matcher(Files.readString(dpkg, StandardCharsets.UTF_8));
                if (m.find()) {
                    return m.group(1);
                }
            }
            if (Files.isDirectory(root.resolve("opt/workspacesclient"))) {
                return "installed (version unknown)";
            }
            for (String var : List.of("ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA")) {
                String dir = env.get(var);
                if (dir != null && Files.isRegularFile(Path.of(dir, "Amazon Web Services, Inc", "Amazon WorkSpaces", "workspaces.exe"))) {
                    return "installed (version unknown)";
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "not installed";
    }

    /** This PC's clock minus the servers' Date headers (median over the HTTPS answers that carried one); unknown without any. */
    static Environment.Clock clock(Report report) {
        List<Long> offsets = new ArrayList<>();
        for (Report.Requirement q : report.requirements()) {
            for (Report.Check c : q.checks()) {
                if (c.probeEvidence() instanceof HttpsEvidence h && !h.date().isEmpty()) {
                    offsets.add(-h.clockOffsetSeconds() * 1000);
                }
            }
        }
        if (offsets.isEmpty()) {
            return Environment.Clock.unknown();
        }
        Collections.sort(offsets);
        return Environment.Clock.of(offsets.get(offsets.size() / 2), offsets.size());
    }
}
