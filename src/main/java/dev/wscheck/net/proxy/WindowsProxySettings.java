package dev.wscheck.net.proxy;

import dev.wscheck.net.ProxyEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Windows proxy settings, parsed from the output of commands any user may run (no admin rights):
 * <ul>
 *   <li>WinINet, this user's "Internet Options" (what apps using the OS proxy see):
 *       {@code reg query "HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings"}
 *       (ProxyEnable, ProxyServer, ProxyOverride, AutoConfigURL, AutoDetect) and
 *       {@code reg query "...\Internet Settings\Connections" /v DefaultConnectionSettings}
 *       (byte 8 holds the flags the settings dialog writes: 0x02 manual proxy, 0x04 PAC URL,
 *       0x08 automatically detect);</li>
 *   <li>WinHTTP, the machine-wide setting services use: {@code netsh winhttp show proxy}.</li>
 * </ul>
 * A configuration script (AutoConfigURL) takes precedence over the manual proxy, which stays as
 * the fallback, as in WinINet. "Automatically detect settings" (WPAD) is reported, not performed.
 */
public final class WindowsProxySettings {
    private static final Pattern REG_LINE = Pattern.compile("^\\s+(\\S+)\\s+(REG_[A-Z_]+)\\s*(.*)$");
    private static final String WININET = "Windows Internet Settings (WinINet, this user)";
    private static final String WINHTTP = "Windows WinHTTP (netsh winhttp, machine-wide)";

    private WindowsProxySettings() {}

    /** The values of {@code reg query} output, by name. */
    static Map<String, String> regValues(String output) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            Matcher m = REG_LINE.matcher(line);
            if (m.matches()) {
                out.put(m.group(1), m.group(3).trim());
            }
        }
        return out;
    }

    /** Parses the two {@code reg query} outputs (Internet Settings, and Connections; either may be empty). */
    public static Optional<ProxyConfig> parseWinInet(String internetSettings, String connections) {
        Map<String, String> v = regValues(internetSettings);
        v.putAll(regValues(connections));
        int flags = connectionFlags(v.getOrDefault("DefaultConnectionSettings", ""));
        boolean enabled = dword(v.get("ProxyEnable")) == 1 || (flags >= 0 && (flags & 0x02) != 0 && v.containsKey("ProxyServer"));
        boolean autoDetect = dword(v.get("AutoDetect")) == 1 || (flags >= 0 && (flags & 0x08) != 0);
        String pacUrl = v.getOrDefault("AutoConfigURL", "").trim();
        if (flags >= 0 && (flags & 0x04) == 0) {
            pacUrl = ""; // "Use automatic configuration script" is unticked; the URL may linger in the registry
        }
        List<String> notes = new ArrayList<>();
        if (autoDetect) {
            notes.add("\"Automatically detect settings\" (WPAD) is on: wscheck does not perform WPAD discovery; "
                    + "if your network serves a wpad.dat, give its URL with --pac");
        }
        BypassList bypass = BypassList.wildcards(v.getOrDefault("ProxyOverride", ""));
        Optional<ProxyEndpoint> manual = Optional.empty();
        if (enabled && !v.getOrDefault("ProxyServer", "").isBlank()) {
            Optional<String> https = forHttps(v.get("ProxyServer"));
            if (https.isEmpty()) {
                notes.add("ProxyServer names proxies for other protocols only (" + v.get("ProxyServer") + "): HTTPS goes direct");
            } else {
                try {
                    manual = Optional.of(ProxyEndpoint.parse(https.get(), false));
                } catch (IllegalArgumentException e) {
                    notes.add("ProxyServer " + https.get() + " is not usable: " + e.getMessage());
                }
            }
        }
        if (!pacUrl.isEmpty()) {
            return Optional.of(ProxyConfig.pacFile(WININET + ", AutoConfigURL", pacUrl, manual, bypass, notes));
        }
        if (manual.isPresent()) {
            return Optional.of(ProxyConfig.fixed("system", WININET, manual.get(), bypass, notes));
        }
        if (!notes.isEmpty()) {
            return Optional.of(ProxyConfig.none(WININET, notes));
        }
        return Optional.empty();
    }

    /**
     * The proxy WinINet uses for https:// from a ProxyServer value: "host:port" (every protocol),
     * or "http=a:1;https=b:2;socks=c:3" (the https entry, else the socks one as socks5, else none).
     */
    static Optional<String> forHttps(String proxyServer) {
        String value = proxyServer.trim();
        if (!value.contains("=")) {
            return Optional.of(value.split("[;\\s]")[0]);
        }
        String socks = null;
        for (String part : value.split("[;\\s]+")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String proto = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String addr = part.substring(eq + 1).trim();
            if (proto.equals("https")) {
                return Optional.of(addr);
            }
            if (proto.equals("socks")) {
                socks = "socks5://" + addr;
            }
        }
        return Optional.ofNullable(socks);
    }

    /** Parses {@code netsh winhttp show proxy}. */
    public static Optional<ProxyConfig> parseWinHttp(String output) {
        String proxy = "";
        String bypass = "";
        for (String line : output.split("\\R")) {
            String t = line.trim();
            int colon = t.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = t.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = t.substring(colon + 1).trim();
            if (key.startsWith("proxy server")) {
                proxy = value;
            } else if (key.startsWith("bypass list")) {
                bypass = value.equals("(none)") ? "" : value;
            }
        }
        if (proxy.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> https = forHttps(proxy);
        if (https.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ProxyConfig.fixed("system", WINHTTP, ProxyEndpoint.parse(https.get(), false),
                    BypassList.wildcards(bypass), List.of()));
        } catch (IllegalArgumentException e) {
            return Optional.of(ProxyConfig.none(WINHTTP, List.of("WinHTTP proxy " + https.get() + " is not usable: " + e.getMessage())));
        }
    }

    private static int dword(String value) {
        if (value == null) {
            return -1;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            return v.startsWith("0x") ? Integer.parseInt(v.substring(2), 16) : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Byte 8 of DefaultConnectionSettings (hex string), or -1 when absent. */
    private static int connectionFlags(String hex) {
        String h = hex.replaceAll("\\s", "");
        if (h.length() < 18) {
            return -1;
        }
        try {
            return Integer.parseInt(h.substring(16, 18), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
