package dev.wscheck.net;

import dev.wscheck.probe.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Connects through an HTTP proxy with {@code CONNECT host:port} (RFC 9110 §9.3.6), the way the
 * WorkSpaces client reaches its HTTPS endpoints through the PC's proxy.
 *
 * <p>Basic credentials, when given, are sent pre-emptively with the CONNECT (one round trip,
 * like most clients; the JDK's HttpClient refuses Basic for tunnels by default). The answer is
 * read byte by byte up to the blank line that ends its head, so nothing of the tunnel is
 * consumed. What the proxy says becomes an outcome:
 * <ul>
 *   <li>2xx: the tunnel is open;</li>
 *   <li>407: {@code proxy-auth-unsupported} when only NTLM/Negotiate/Kerberos are offered (Windows
 *       sign-in), else {@code proxy-auth-required}; the detail lists the offered schemes and says
 *       whether credentials were sent and rejected;</li>
 *   <li>403 (and 405/451): {@code proxy-denied}, naming the destination to allow, and for a port
 *       other than 443 the usual cause (CONNECT limited to 443, squid's {@code SSL_ports});</li>
 *   <li>anything else, a reply that is not HTTP, a closed connection or silence: {@code proxy-error};</li>
 *   <li>no connection to the proxy at all: {@code proxy-unreachable}.</li>
 * </ul>
 */
public final class HttpConnectTransport extends ProxyTransport {
    /** An answer's head longer than this is not a proxy's reply to CONNECT. */
    private static final int MAX_HEAD = 16 * 1024;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\d(?:\\.\\d)? (\\d{3})(?: (.*))?");
    private static final List<String> WINDOWS_SIGN_IN = List.of("ntlm", "negotiate", "kerberos");

    private final String userAgent;

    public HttpConnectTransport(ProxyEndpoint proxy, Optional<ProxyCredentials> credentials, NameResolver resolver, String userAgent) {
        super(proxy, credentials, resolver);
        if (proxy.kind() != ProxyEndpoint.Kind.HTTP) {
            throw new IllegalArgumentException(proxy.describe() + " is not an HTTP proxy");
        }
        this.userAgent = userAgent;
    }

    @Override
    void handshake(Socket s, String host, int port, String where, Duration timeout, long deadline) throws IOException {
        String authority = hostPort(host, port);
        StringBuilder req = new StringBuilder()
                .append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n")
                .append("User-Agent: ").append(userAgent).append("\r\n");
        credentials.ifPresent(c -> req.append("Proxy-Authorization: ").append(c.basicAuthorization()).append("\r\n"));
        req.append("\r\n");
        OutputStream out = s.getOutputStream();
        byte[] bytes = req.toString().getBytes(StandardCharsets.ISO_8859_1);
        out.write(bytes);
        out.flush();
        java.util.Arrays.fill(bytes, (byte) 0);

        budget(s, deadline);
        Head head = readHead(s.getInputStream(), where);
        int status = head.status();
        if (status >= 200 && status < 300) {
            return;
        }
        String statusText = status + (head.reason().isEmpty() ? "" : " " + head.reason());
        String squid = head.header("x-squid-error").map(v -> " (squid " + v.split(" ")[0] + ")").orElse("");
        if (status == 407) {
            throw authFailure(where, statusText, head.all("proxy-authenticate"));
        }
        if (status == 403 || status == 405 || status == 451) {
            String hint = port == 443 ? "; allow " + host + " on the proxy"
                    : "; many proxies allow CONNECT to port 443 only (squid: SSL_ports): allow port " + port + " for " + host;
            throw new ProxyException(Outcome.PROXY_DENIED, where, statusText + squid + hint);
        }
        String meaning = status == 502 || status == 503 || status == 504 || status == 500
                ? ": the proxy could not open a connection to " + hostPort(host, port) : ": the proxy did not open the tunnel";
        throw new ProxyException(Outcome.PROXY_ERROR, where, statusText + squid + meaning);
    }

    private ProxyException authFailure(String where, String statusText, List<String> challenges) {
        List<String> schemes = new ArrayList<>();
        for (String c : challenges) {
            for (String part : splitChallenges(c)) {
                schemes.add(part);
            }
        }
        List<String> names = schemes.stream().map(s -> s.split("[ ,]")[0].toLowerCase(Locale.ROOT)).toList();
        String offered = schemes.isEmpty() ? "no Proxy-Authenticate header" : "offers " + String.join(", ", schemes);
        boolean onlyWindows = !names.isEmpty() && names.stream().allMatch(WINDOWS_SIGN_IN::contains);
        if (onlyWindows) {
            return new ProxyException(Outcome.PROXY_AUTH_UNSUPPORTED, where, statusText + " (" + offered
                    + "): Windows sign-in only, which the WorkSpaces client cannot do");
        }
        String creds = credentials.map(c -> "; the credentials of user '" + c.user() + "' were rejected"
                + (names.contains("basic") ? "" : " (wscheck sends Basic only)")).orElse("; no credentials were sent");
        return new ProxyException(Outcome.PROXY_AUTH_REQUIRED, where, statusText + " (" + offered + ")" + creds);
    }

    /**
     * Splits one Proxy-Authenticate value into its challenges ("Basic realm=\"x\", NTLM" → two).
     * A new challenge starts at a token that is not followed by '=' (parameters are name=value).
     */
    static List<String> splitChallenges(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        List<String> pieces = new ArrayList<>();
        for (char c : value.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                pieces.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        pieces.add(cur.toString().trim());
        StringBuilder challenge = new StringBuilder();
        for (String p : pieces) {
            if (p.isEmpty()) {
                continue;
            }
            boolean isParam = p.matches("[A-Za-z0-9_-]+\\s*=.*");
            if (!isParam && challenge.length() > 0) {
                out.add(challenge.toString());
                challenge.setLength(0);
            }
            if (challenge.length() > 0) {
                challenge.append(", ");
            }
            challenge.append(p);
        }
        if (challenge.length() > 0) {
            out.add(challenge.toString());
        }
        return out;
    }

    /** The status and headers of the proxy's answer (header names lower-cased). */
    record Head(int status, String reason, Map<String, List<String>> headers) {
        Optional<String> header(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
        }

        List<String> all(String name) {
            return headers.getOrDefault(name, List.of());
        }
    }

    /** Reads the answer's head, byte by byte, up to and including the blank line. */
    private static Head readHead(InputStream in, String where) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        boolean complete = false;
        int last3 = 0; // the three bytes before c, packed
        while (!complete) {
            int c = in.read();
            if (c < 0) {
                if (buf.size() == 0) {
                    throw new ProxyException(Outcome.PROXY_ERROR, where, "the proxy closed the connection without answering the CONNECT");
                }
                break;
            }
            buf.write(c);
            if (buf.size() > MAX_HEAD) {
                throw new ProxyException(Outcome.PROXY_ERROR, where, "the proxy's answer is not an HTTP reply (more than " + MAX_HEAD + " bytes without an end of headers)");
            }
            if (buf.size() <= 5 && !"HTTP/".startsWith(buf.toString(StandardCharsets.ISO_8859_1))) {
                // Quote what has already arrived (a banner usually comes in one segment), without waiting.
                while (buf.size() < 60 && in.available() > 0) {
                    int more = in.read();
                    if (more < 0 || more == '\r' || more == '\n') {
                        break;
                    }
                    buf.write(more);
                }
                throw notHttp(where, buf.toByteArray());
            }
            // The head ends at CR LF CR LF (a bare LF LF is accepted too).
            complete = c == '\n' && ((last3 & 0xffffff) == 0x0d0a0d || (last3 & 0xff) == 0x0a);
            last3 = ((last3 << 8) | c) & 0xffffff;
        }
        byte[] head = buf.toByteArray();
        String text = new String(head, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n");
        Matcher m = STATUS_LINE.matcher(lines[0].trim());
        if (!m.matches()) {
            throw notHttp(where, head);
        }
        if (!complete) {
            throw new ProxyException(Outcome.PROXY_ERROR, where, "the proxy closed the connection in the middle of its answer (" + lines[0].trim() + ")");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        return new Head(Integer.parseInt(m.group(1)), m.group(2) == null ? "" : m.group(2).trim(), headers);
    }

    private static ProxyException notHttp(String where, byte[] start) {
        return new ProxyException(Outcome.PROXY_ERROR, where, "the proxy answered something that is not HTTP: \""
                + printable(start, start.length) + "\" (is this an HTTP proxy port?)");
    }
}
