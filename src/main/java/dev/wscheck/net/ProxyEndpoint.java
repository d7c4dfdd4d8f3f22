package dev.wscheck.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A proxy server: its kind (HTTP CONNECT or SOCKS5), host and port. Never carries credentials:
 * those are {@link ProxyCredentials}, kept apart so that no URL, message or report can leak them.
 */
public record ProxyEndpoint(Kind kind, String host, int port) {

    /** How a connection is asked of the proxy. */
    public enum Kind {
        /** HTTP/1.1 CONNECT tunnel. */
        HTTP("http"),
        /** SOCKS version 5 (RFC 1928), names resolved by the proxy. */
        SOCKS5("socks5");

        private final String scheme;

        Kind(String scheme) {
            this.scheme = scheme;
        }

        public String scheme() {
            return scheme;
        }
    }

    public ProxyEndpoint {
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("proxy without a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port " + port + " out of range");
        }
    }

    /**
     * Parses {@code http://host:port}, {@code socks5://host:port} ({@code socks5h://} and
     * {@code socks://} are read as SOCKS5; a SOCKS5 proxy always resolves names here). With
     * {@code portRequired}, a missing port is an error (the command line); otherwise the
     * conventional port is used (80 for HTTP, as Windows does; 1080 for SOCKS). A URL without a
     * scheme is HTTP, as in Windows settings and most environment variables. Throws
     * IllegalArgumentException with a message that never repeats a password: a URL that
     * carries credentials is refused, with the user name only.
     */
    public static ProxyEndpoint parse(String url, boolean portRequired) {
        String text = url.trim();
        if (!text.contains("://")) {
            text = "http://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a proxy URL: " + redact(url));
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("proxy URL " + redact(url) + " carries credentials: give the user with --proxy-user "
                    + "and the password in WSCHECK_PROXY_PASSWORD (or at the prompt), never in a URL");
        }
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        Kind kind;
        switch (scheme) {
            case "http":
                kind = Kind.HTTP;
                break;
            case "socks5":
            case "socks5h":
            case "socks":
                kind = Kind.SOCKS5;
                break;
            default:
                throw new IllegalArgumentException("proxy URL " + redact(url) + ": scheme must be http or socks5 (" + scheme
                        + " proxies are not supported)");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("proxy URL " + redact(url) + " has no host");
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("proxy URL " + redact(url) + " must be scheme://host:port, without a path");
        }
        int port = uri.getPort();
        if (port == -1) {
            if (portRequired) {
                throw new IllegalArgumentException("proxy URL " + redact(url) + " needs a port, e.g. " + kind.scheme() + "://" + host + ":"
                        + (kind == Kind.HTTP ? "3128" : "1080"));
            }
            port = kind == Kind.HTTP ? 80 : 1080;
        }
        return new ProxyEndpoint(kind, host, port);
    }

    /** Returns the URL form, {@code http://host:port} ({@code [v6]} for IPv6 literals). */
    public String url() {
        return kind.scheme() + "://" + hostPort();
    }

    /** Returns {@code host:port}. */
    public String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Returns the description used in every message: "http proxy 198.18.1.1:3128". */
    public String describe() {
        return kind.scheme() + " proxy " + hostPort();
    }

    /** Returns {@code url} with any password replaced by "***" (user names stay, they help). */
    public static String redact(String url) {
        int[] span = userInfo(url);
        if (span == null) {
            return url;
        }
        String userInfo = url.substring(span[0], span[1]);
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        return url.substring(0, span[0]) + user + (colon < 0 ? "" : ":***") + url.substring(span[1]);
    }

    /** Returns {@code url} without its user information: "http://user:pw@host:3128" → "http://host:3128". */
    public static String withoutCredentials(String url) {
        int[] span = userInfo(url);
        return span == null ? url : url.substring(0, span[0]) + url.substring(span[1] + 1);
    }

    /** Returns where the user information ("user:pw") of a URL starts and where its '@' is; null without one. */
    private static int[] userInfo(String url) {
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int at = url.indexOf('@', start);
        int slash = url.indexOf('/', start);
        if (at < 0 || (slash >= 0 && slash < at)) {
            return null;
        }
        return new int[] {start, at};
    }
}
