package dev.wscheck.net.proxy;

import dev.wscheck.net.ProxyEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The GNOME desktop's proxy settings from {@code gsettings list-recursively org.gnome.system.proxy}
 * (Ubuntu and most Linux desktops): mode {@code manual} uses the https host and port (else the
 * socks ones), mode {@code auto} the autoconfig-url PAC (empty means WPAD, reported), mode
 * {@code none} nothing; ignore-hosts is the bypass list.
 */
public final class GnomeProxySettings {
    private static final String ORIGIN = "GNOME desktop settings (gsettings org.gnome.system.proxy)";

    private GnomeProxySettings() {}

    /** "schema key value" lines → "schema key" → value without GVariant quoting. */
    static Map<String, String> parse(String output) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            String[] parts = line.trim().split("\\s+", 3);
            if (parts.length == 3 && parts[0].startsWith("org.gnome.system.proxy")) {
                out.put(parts[0] + " " + parts[1], parts[2].trim());
            }
        }
        return out;
    }

    static String unquote(String v) {
        String t = v == null ? "" : v.trim();
        if (t.length() >= 2 && (t.startsWith("'") && t.endsWith("'") || t.startsWith("\"") && t.endsWith("\""))) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    /** "['localhost', '127.0.0.0/8']" → the items. */
    static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        String t = v == null ? "" : v.trim();
        if (t.startsWith("@as ")) {
            t = t.substring(4).trim();
        }
        if (!t.startsWith("[") || !t.endsWith("]")) {
            return out;
        }
        for (String item : t.substring(1, t.length() - 1).split(",")) {
            String u = unquote(item);
            if (!u.isEmpty()) {
                out.add(u);
            }
        }
        return out;
    }

    public static Optional<ProxyConfig> parseGsettings(String output) {
        Map<String, String> v = parse(output);
        String mode = unquote(v.get("org.gnome.system.proxy mode"));
        BypassList bypass = BypassList.items(list(v.get("org.gnome.system.proxy ignore-hosts")));
        if (mode.equals("auto")) {
            String pac = unquote(v.get("org.gnome.system.proxy autoconfig-url"));
            if (pac.isEmpty()) {
                return Optional.of(ProxyConfig.none(ORIGIN, List.of("proxy mode is automatic without a configuration URL (WPAD): "
                        + "wscheck does not perform WPAD discovery; give the PAC URL with --pac")));
            }
            return Optional.of(ProxyConfig.pacFile(ORIGIN + ", mode auto", pac, Optional.empty(), bypass, List.of()));
        }
        if (!mode.equals("manual")) {
            return Optional.empty();
        }
        for (String[] kind : new String[][] {{"https", "http"}, {"socks", "socks5"}}) {
            String host = unquote(v.get("org.gnome.system.proxy." + kind[0] + " host"));
            String port = unquote(v.get("org.gnome.system.proxy." + kind[0] + " port"));
            if (!host.isEmpty() && !port.isEmpty() && !port.equals("0")) {
                try {
                    return Optional.of(ProxyConfig.fixed("system", ORIGIN + ", mode manual",
                            ProxyEndpoint.parse(kind[1] + "://" + host + ":" + port, true), bypass, List.of()));
                } catch (IllegalArgumentException e) {
                    return Optional.of(ProxyConfig.none(ORIGIN, List.of("the " + kind[0] + " proxy is not usable: " + e.getMessage())));
                }
            }
        }
        return Optional.of(ProxyConfig.none(ORIGIN, List.of("proxy mode is manual, but no HTTPS or SOCKS proxy is set: HTTPS goes direct")));
    }
}
