package dev.wscheck.probe.tls;

import dev.wscheck.net.DnsServers;
import dev.wscheck.net.NameResolver;
import dev.wscheck.net.Transport;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeResources;
import dev.wscheck.probe.tls.TlsEvidence.RevocationEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks whether the revocation endpoints of a served chain (OCSP responders, CRL distribution
 * points: plain HTTP, usually port 80) answer from here. Windows validates revocation while the
 * WorkSpaces client connects, and a firewall that allows 443 but drops port 80 to the CAs makes
 * that slow or failing; this is reported next to the TLS outcome and never changes it.
 *
 * <p>Bounded: every endpoint is tried concurrently, through the check's transport, and whatever
 * has not answered by the probe's deadline is reported as unreachable. Within one run (one
 * {@link ProbeResources}) each URL is checked once per transport and the answer shared, because
 * every AWS endpoint names the same few Amazon Trust Services URLs.
 *
 * <p>Names are resolved with the run's DNS servers (never the system resolver), or by the proxy
 * when the transport resolves remotely. Through an HTTP proxy the request is a plain proxied one
 * ({@code HEAD http://host/path} to the proxy, as Windows fetches CRLs and OCSP answers), not a
 * CONNECT tunnel to port 80, which proxies such as squid refuse by default; the proxy's own refusals
 * (403, 407, 502-504) mean the endpoint is not reachable that way.
 */
final class RevocationCheck {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wscheck-revocation");
        t.setDaemon(true);
        return t;
    });
    /** Per run: "transport url" → the shared check. Weak keys: a finished run's entries go with it. */
    private static final Map<ProbeResources, ConcurrentMap<String, CompletableFuture<RevocationEndpoint>>> RUNS =
            Collections.synchronizedMap(new WeakHashMap<>());

    private RevocationCheck() {}

    /** Returns every endpoint with its reachability, waiting at most until {@code deadlineNanos}. */
    static List<RevocationEndpoint> check(List<RevocationUrls.Url> urls, ProbeContext ctx, long deadlineNanos) {
        ConcurrentMap<String, CompletableFuture<RevocationEndpoint>> run = RUNS.computeIfAbsent(ctx.resources(), k -> new ConcurrentHashMap<>());
        Transport transport = ctx.transport();
        DnsServers dns = ctx.resources().dnsServers();
        List<CompletableFuture<RevocationEndpoint>> futures = new ArrayList<>();
        for (RevocationUrls.Url u : urls) {
            if (!u.url().toLowerCase(Locale.ROOT).startsWith("http://")) {
                futures.add(CompletableFuture.completedFuture(new RevocationEndpoint(u.kind(), u.url(), RevocationEndpoint.NOT_CHECKED,
                        "only http:// endpoints are checked")));
                continue;
            }
            futures.add(run.computeIfAbsent(transport.describe() + " " + u.url(),
                    k -> CompletableFuture.supplyAsync(() -> probe(u, transport, dns, deadlineNanos), POOL)));
        }
        List<RevocationEndpoint> out = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            RevocationUrls.Url u = urls.get(i);
            long left = deadlineNanos - System.nanoTime();
            RevocationEndpoint r;
            try {
                // A shared check answers for this chain's kind of use; keep our own kind and URL.
                RevocationEndpoint shared = futures.get(i).get(Math.max(0, left), TimeUnit.NANOSECONDS);
                r = new RevocationEndpoint(u.kind(), u.url(), shared.status(), shared.detail());
            } catch (TimeoutException e) {
                r = new RevocationEndpoint(u.kind(), u.url(), RevocationEndpoint.UNREACHABLE, "no answer within the probe's time budget");
            } catch (ExecutionException e) {
                r = new RevocationEndpoint(u.kind(), u.url(), RevocationEndpoint.UNREACHABLE, "check failed: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                r = new RevocationEndpoint(u.kind(), u.url(), RevocationEndpoint.NOT_CHECKED, "interrupted");
            }
            out.add(r);
        }
        return out;
    }

    /** One plain-HTTP HEAD; any HTTP status line means the endpoint answers. */
    private static RevocationEndpoint probe(RevocationUrls.Url u, Transport transport, DnsServers dns, long deadlineNanos) {
        String where = transport.describe() + " => ";
        URI uri;
        try {
            uri = new URI(u.url());
        } catch (URISyntaxException e) {
            return new RevocationEndpoint(u.kind(), u.url(), RevocationEndpoint.NOT_CHECKED, "not a valid URL");
        }
        String host = uri.getHost();
        if (host == null) {
            return new RevocationEndpoint(u.kind(), u.url(), RevocationEndpoint.NOT_CHECKED, "URL without a host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String target = where + host + ":" + port;
        if (transport instanceof dev.wscheck.net.HttpConnectTransport http) {
            return throughHttpProxy(u, http, uri, target, deadlineNanos);
        }
        try {
            Optional<InetAddress> address = NameResolver.literal(host);
            if (address.isEmpty() && !transport.resolvesRemotely()) {
                try {
                    address = Optional.of(NameResolver.dnsjava(dns).resolve(host, remaining(deadlineNanos)).get(0));
                } catch (IOException e) {
                    return new RevocationEndpoint(u.kind(), u.url(), RevocationEndpoint.UNREACHABLE,
                            host + " does not resolve via " + (dns.servers().isEmpty() ? "any DNS server (none configured)" : String.join(", ", dns.display())));
                }
            }
            try (Socket s = transport.connect(host, port, address, remaining(deadlineNanos))) {
                s.setSoTimeout(millis(remaining(deadlineNanos)));
                OutputStream out = s.getOutputStream();
                String hostHeader = port == 80 ? host : host + ":" + port;
                out.write(("HEAD " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: wscheck\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String line = statusLine(s.getInputStream());
                if (line.startsWith("HTTP/") && line.length() >= 12) {
                    return new RevocationEndpoint(u.kind(), u.url(), RevocationEndpoint.REACHABLE, "HTTP " + line.substring(9, 12));
                }
                return new RevocationEndpoint(u.kind(), u.url(), RevocationEndpoint.UNREACHABLE,
                        target + ": the answer is not HTTP" + (line.isEmpty() ? " (connection closed)" : ""));
            }
        } catch (IOException e) {
            return new RevocationEndpoint(u.kind(), u.url(), RevocationEndpoint.UNREACHABLE, target + ": " + describe(e));
        }
    }

    /** A plain proxied HEAD: the absolute URL to the proxy, with its credentials if any. */
    private static RevocationEndpoint throughHttpProxy(RevocationUrls.Url u, dev.wscheck.net.HttpConnectTransport http, URI uri, String target,
                                                       long deadlineNanos) {
        String absolute = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority()
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        try (Socket s = http.openForwarding(uri.getRawAuthority(), remaining(deadlineNanos))) {
            s.setSoTimeout(millis(remaining(deadlineNanos)));
            StringBuilder req = new StringBuilder("HEAD ").append(absolute).append(" HTTP/1.1\r\nHost: ").append(uri.getRawAuthority())
                    .append("\r\nUser-Agent: wscheck\r\nConnection: close\r\n");
            http.credentials().ifPresent(c -> req.append("Proxy-Authorization: ").append(c.basicAuthorization()).append("\r\n"));
            req.append("\r\n");
            byte[] bytes = req.toString().getBytes(StandardCharsets.ISO_8859_1);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            java.util.Arrays.fill(bytes, (byte) 0);
            String line = statusLine(s.getInputStream());
            if (!line.startsWith("HTTP/") || line.length() < 12) {
                return new RevocationEndpoint(u.kind(), u.url(), RevocationEndpoint.UNREACHABLE,
                        target + ": the proxy's answer is not HTTP" + (line.isEmpty() ? " (connection closed)" : ""));
            }
            String code = line.substring(9, 12);
            switch (code) {
                case "403":
                case "407":
                case "502":
                case "503":
                case "504":
                    // The proxy's own answer: it will not, or cannot, fetch the URL for this PC.
                    return new RevocationEndpoint(u.kind(), u.url(), RevocationEndpoint.UNREACHABLE, target + ": the proxy answered " + line.substring(9).trim());
                default:
                    return new RevocationEndpoint(u.kind(), u.url(), RevocationEndpoint.REACHABLE, "HTTP " + code + " via the proxy");
            }
        } catch (IOException e) {
            return new RevocationEndpoint(u.kind(), u.url(), RevocationEndpoint.UNREACHABLE, target + ": " + describe(e));
        }
    }

    private static String describe(IOException e) {
        if (e instanceof SocketTimeoutException || (e.getMessage() != null && e.getMessage().contains("timed out"))) {
            return "no answer in time";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return dev.wscheck.probe.ProbeException.reasonOf(e);
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while (sb.length() < 200 && (c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000L, deadlineNanos - System.nanoTime()));
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }
}
