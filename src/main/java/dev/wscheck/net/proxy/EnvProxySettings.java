package dev.wscheck.net.proxy;

import dev.wscheck.net.ProxyEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy environment variables, read the way curl reads them for an https:// URL: the
 * lower-case name first, then the upper-case one ({@code https_proxy}, {@code HTTPS_PROXY},
 * then {@code all_proxy}, {@code ALL_PROXY}); {@code no_proxy} / {@code NO_PROXY} for the
 * bypass list. {@code http_proxy} is for http:// URLs and is not used for HTTPS.
 */
public final class EnvProxySettings {
    private static final List<String> PROXY_VARS = List.of("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY");

    private EnvProxySettings() {}

    /** Returns the configuration the environment gives, if it names a proxy for HTTPS. */
    public static Optional<ProxyConfig> parse(Map<String, String> env) {
        for (String var : PROXY_VARS) {
            String value = env.get(var);
            if (value == null || value.isBlank()) {
                continue;
            }
            List<String> notes = new ArrayList<>();
            String url = value.trim();
            String withoutCredentials = ProxyEndpoint.withoutCredentials(url);
            if (!withoutCredentials.equals(url)) {
                notes.add("the proxy URL in " + var + " carries credentials; wscheck does not use them (use --proxy-user and WSCHECK_PROXY_PASSWORD)");
            }
            ProxyEndpoint endpoint;
            try {
                endpoint = ProxyEndpoint.parse(withoutCredentials, false);
            } catch (IllegalArgumentException e) {
                return Optional.of(ProxyConfig.none("environment variable " + var,
                        List.of(var + " is set but not usable: " + e.getMessage() + "; checking without a proxy")));
            }
            String noProxy = firstSet(env, "no_proxy", "NO_PROXY");
            return Optional.of(ProxyConfig.fixed("env", "environment variable " + var, endpoint,
                    noProxy.isEmpty() ? BypassList.empty() : BypassList.noProxy(noProxy), notes));
        }
        return Optional.empty();
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }
}
