package dev.wscheck.net.proxy;

import dev.wscheck.net.ProxyEndpoint;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Java's proxy system properties, as a JVM started with {@code -Dhttps.proxyHost=...} or a
 * {@code JAVA_TOOL_OPTIONS} would use them: {@code https.proxyHost}/{@code https.proxyPort}
 * (default 443), else {@code socksProxyHost}/{@code socksProxyPort} (default 1080), with
 * {@code http.nonProxyHosts} ('|'-separated wildcards) as the bypass list. Java's
 * {@code java.net.useSystemProxies} is not consulted: the OS settings are read directly.
 */
public final class JavaProxySettings {
    private JavaProxySettings() {}

    public static Optional<ProxyConfig> parse(Properties p) {
        String bypass = p.getProperty("http.nonProxyHosts", "");
        BypassList list = bypass.isBlank() ? BypassList.empty() : BypassList.wildcards(bypass);
        String https = p.getProperty("https.proxyHost", "");
        if (!https.isBlank()) {
            int port = port(p.getProperty("https.proxyPort"), 443);
            return Optional.of(ProxyConfig.fixed("system", "Java system property https.proxyHost",
                    new ProxyEndpoint(ProxyEndpoint.Kind.HTTP, https.trim(), port), list, List.of()));
        }
        String socks = p.getProperty("socksProxyHost", "");
        if (!socks.isBlank()) {
            int port = port(p.getProperty("socksProxyPort"), 1080);
            return Optional.of(ProxyConfig.fixed("system", "Java system property socksProxyHost",
                    new ProxyEndpoint(ProxyEndpoint.Kind.SOCKS5, socks.trim(), port), list, List.of()));
        }
        return Optional.empty();
    }

    private static int port(String value, int dflt) {
        try {
            return value == null || value.isBlank() ? dflt : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
