package dev.wscheck.probe;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a check goes: a host (name or IP literal), a port, and for HTTPS a path. Built from the
 * catalog's endpoint strings {@code https://host[:port]/path}, {@code tcp://host:port} and
 * {@code udp://host:port}.
 */
public record Target(String scheme, String host, int port, String path) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public Target {
        scheme = scheme.toLowerCase(Locale.ROOT);
        host = host.toLowerCase(Locale.ROOT);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range in " + scheme + "://" + host);
        }
        if (path.isEmpty()) {
            path = "/";
        }
    }

    /**
     * Parses an endpoint string. Throws IllegalArgumentException with a message naming the
     * string when it is not one of the three accepted forms.
     */
    public static Target parse(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid endpoint '" + endpoint + "': " + e.getReason());
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null) {
            throw new IllegalArgumentException("endpoint '" + endpoint + "' must look like https://host/path, tcp://host:port or udp://host:port");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case "https":
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                if (uri.getRawQuery() != null) {
                    path = path + "?" + uri.getRawQuery();
                }
                return new Target("https", host, uri.getPort() == -1 ? 443 : uri.getPort(), path);
            case "tcp":
            case "udp":
                if (uri.getPort() == -1) {
                    throw new IllegalArgumentException("endpoint '" + endpoint + "' needs a port");
                }
                return new Target(scheme, host, uri.getPort(), "/");
            default:
                throw new IllegalArgumentException("endpoint '" + endpoint + "': scheme must be https, tcp or udp");
        }
    }

    /** Returns true when the host is an IPv4 or IPv6 literal, which needs no DNS check. */
    public boolean isIpLiteral() {
        return IPV4.matcher(host).matches() || host.contains(":");
    }

    /** Returns {@code host:port} ({@code [v6]:port} for IPv6 literals). */
    public String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Returns the URL for HTTPS targets: {@code https://host[:port]/path}. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "https://" + h + (port == 443 ? "" : ":" + port) + path;
    }

    /** Returns the same endpoint seen by another probe kind, e.g. the TCP connect under an HTTPS URL. */
    public Target withScheme(String newScheme) {
        return new Target(newScheme, host, port, path);
    }

    /**
     * Returns how a check of {@code kind} names this target in reports: the host for DNS, the
     * URL for HTTPS, {@code host:port/udp} or {@code host:port/tcp} for the reflector, {@code host:port} otherwise. This string is a stable identifier (contract §3).
     */
    public String display(ProbeKind kind) {
        switch (kind) {
            case DNS:
                return host;
            case HTTPS:
                return url();
            case REFLECTOR:
                return hostPort() + "/" + scheme;
            default:
                return hostPort();
        }
    }
}
