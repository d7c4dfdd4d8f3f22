package dev.wscheck.net.proxy;

import dev.wscheck.net.ProxyEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * macOS proxy settings from {@code scutil --proxy} (the settings of the active network service,
 * no admin rights needed): a PAC URL (ProxyAutoConfigEnable + ProxyAutoConfigURLString) first,
 * else the secure web proxy (HTTPSEnable, HTTPSProxy, HTTPSPort), else the SOCKS proxy; the
 * ExceptionsList and ExcludeSimpleHostnames as the bypass list. Auto-discovery (WPAD) is reported.
 */
public final class MacProxySettings {
    private static final String ORIGIN = "macOS network settings (scutil --proxy)";

    private MacProxySettings() {}

    /** The scalar values and arrays of scutil's dictionary. */
    record Dict(Map<String, String> values, Map<String, List<String>> arrays) {}

    static Dict parse(String output) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, List<String>> arrays = new LinkedHashMap<>();
        String inArray = null;
        for (String line : output.split("\\R")) {
            String t = line.trim();
            if (inArray != null) {
                if (t.equals("}")) {
                    inArray = null;
                    continue;
                }
                int c = t.indexOf(" : ");
                if (c > 0) {
                    arrays.get(inArray).add(t.substring(c + 3).trim());
                }
                continue;
            }
            int c = t.indexOf(" : ");
            if (c <= 0) {
                continue;
            }
            String key = t.substring(0, c).trim();
            String value = t.substring(c + 3).trim();
            if (value.startsWith("<array>")) {
                inArray = key;
                arrays.put(key, new ArrayList<>());
            } else {
                values.put(key, value);
            }
        }
        return new Dict(values, arrays);
    }

    public static Optional<ProxyConfig> parseScutil(String output) {
        Dict d = parse(output);
        Map<String, String> v = d.values();
        List<String> notes = new ArrayList<>();
        if ("1".equals(v.get("ProxyAutoDiscoveryEnable"))) {
            notes.add("\"Auto Proxy Discovery\" (WPAD) is on: wscheck does not perform WPAD discovery; if your network serves a wpad.dat, give its URL with --pac");
        }
        List<String> exceptions = new ArrayList<>(d.arrays().getOrDefault("ExceptionsList", List.of()));
        if ("1".equals(v.get("ExcludeSimpleHostnames"))) {
            exceptions.add("<local>");
        }
        BypassList bypass = BypassList.items(exceptions);
        Optional<ProxyEndpoint> manual = Optional.empty();
        try {
            if ("1".equals(v.get("HTTPSEnable")) && v.containsKey("HTTPSProxy")) {
                manual = Optional.of(new ProxyEndpoint(ProxyEndpoint.Kind.HTTP, v.get("HTTPSProxy"), port(v.get("HTTPSPort"), 443)));
            } else if ("1".equals(v.get("SOCKSEnable")) && v.containsKey("SOCKSProxy")) {
                manual = Optional.of(new ProxyEndpoint(ProxyEndpoint.Kind.SOCKS5, v.get("SOCKSProxy"), port(v.get("SOCKSPort"), 1080)));
            }
        } catch (IllegalArgumentException e) {
            notes.add("the configured proxy is not usable: " + e.getMessage());
        }
        if ("1".equals(v.get("ProxyAutoConfigEnable")) && !v.getOrDefault("ProxyAutoConfigURLString", "").isBlank()) {
            return Optional.of(ProxyConfig.pacFile(ORIGIN + ", automatic proxy configuration", v.get("ProxyAutoConfigURLString"),
                    manual, bypass, notes));
        }
        if (manual.isPresent()) {
            return Optional.of(ProxyConfig.fixed("system", ORIGIN, manual.get(), bypass, notes));
        }
        return notes.isEmpty() ? Optional.empty() : Optional.of(ProxyConfig.none(ORIGIN, notes));
    }

    private static int port(String value, int dflt) {
        try {
            return value == null ? dflt : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
