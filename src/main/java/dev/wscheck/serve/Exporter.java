package dev.wscheck.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wscheck.WscheckException;
import dev.wscheck.catalog.Plan;
import dev.wscheck.engine.ProgressListener;
import dev.wscheck.net.RateLimiter;
import dev.wscheck.report.Exposition;
import dev.wscheck.report.JsonReporter;
import dev.wscheck.report.PrometheusReporter;
import dev.wscheck.report.Report;
import dev.wscheck.run.CheckRequest;
import dev.wscheck.run.CheckRun;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code wscheck serve}: the multi-target exporter of contract §8, on the JDK's own HTTP server
 * ({@code com.sun.net.httpserver}; why not netty: docs/prometheus.md).
 *
 * <ul>
 *   <li>{@code GET /probe?region=R[&protocol=P][&only=ID]...} runs one check through
 *       {@link CheckRun} and answers its series ({@link PrometheusReporter});</li>
 *   <li>{@code GET /metrics} the exporter's own health ({@link ExporterMetrics});</li>
 *   <li>{@code GET /} the last probes, each with a link to {@code /report?id=N}, its JSON report.</li>
 * </ul>
 *
 * <p>Limits: at most {@link ServeSettings#maxProbes()} probes at once, the next one answered 429
 * with Retry-After at once (a queued probe would spend the scraper's timeout waiting); a probe's
 * deadline is the scraper's {@code X-Prometheus-Scrape-Timeout-Seconds} less a margin; the request
 * line is at most {@link #MAX_URI} characters, a request with a body is refused (413), headers are
 * limited in number and in the time they may take to arrive; each client address may make
 * {@link ServeSettings#ratePerSource()} requests a second (any path), the rest answered 429.
 */
public final class Exporter implements AutoCloseable {
    static final int MAX_URI = 2048;
    /** Taken off the scrape timeout so the answer reaches Prometheus before it gives up (blackbox_exporter uses the same). */
    static final Duration SCRAPE_MARGIN = Duration.ofMillis(500);
    static final String SCRAPE_TIMEOUT_HEADER = "X-Prometheus-Scrape-Timeout-Seconds";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final ProbeDefaults defaults;
    private final ServeSettings settings;
    private final ExporterMetrics metrics = new ExporterMetrics();
    private final RecentProbes recent;
    private final Semaphore slots;
    /** Per client address; guarded by itself. 4096 addresses at most: a new one beyond is refused while all are busy. */
    private final RateLimiter perSource;
    private final HttpServer server;
    private final ExecutorService workers;

    private Exporter(ProbeDefaults defaults, ServeSettings settings) throws IOException {
        this.defaults = defaults;
        this.settings = settings;
        this.recent = new RecentProbes(settings.keep());
        this.slots = new Semaphore(settings.maxProbes());
        this.perSource = new RateLimiter(settings.ratePerSource(), settings.ratePerSource() * ServeSettings.BURST_SECONDS, 4096);
        limitRequests();
        this.server = HttpServer.create(settings.listen(), 64);
        // Probes hold at most maxProbes threads; the others keep /metrics and / answering meanwhile.
        this.workers = Executors.newFixedThreadPool(settings.maxProbes() + 4, daemonThreads());
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    /** Starts listening; a port already in use or an address not of this machine is a WscheckException. */
    public static Exporter start(ProbeDefaults defaults, ServeSettings settings) {
        try {
            Exporter e = new Exporter(defaults, settings);
            e.server.start();
            return e;
        } catch (IOException e) {
            throw new WscheckException("--listen " + settings.listen().getHostString() + ":" + settings.listen().getPort()
                    + ": cannot listen there: " + e.getMessage(), e);
        }
    }

    /** The address actually bound (the port when 0 was asked). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    /**
     * The JDK server's own guards, set once per process before it first starts, unless the operator
     * set them: at most 64 request headers, 10 s to send a request's headers (slow clients cannot
     * hold a thread), idle connections closed after 30 s.
     */
    private static void limitRequests() {
        setDefault("sun.net.httpserver.maxReqHeaders", "64");
        setDefault("sun.net.httpserver.maxReqTime", "10");
        setDefault("sun.net.httpserver.idleInterval", "30");
        setDefault("sun.net.httpserver.maxIdleConnections", "64");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "wscheck-serve-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getRawPath();
            String method = x.getRequestMethod();
            try {
                if (!allowed(x.getRemoteAddress().getAddress())) {
                    throw new BadRequest(429, "too many requests from " + x.getRemoteAddress().getAddress().getHostAddress()
                            + " (at most " + settings.ratePerSource() + " a second); try again");
                }
                if (x.getRequestURI().toString().length() > MAX_URI) {
                    throw new BadRequest(414, "request line longer than " + MAX_URI + " characters");
                }
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    x.getResponseHeaders().set("Allow", "GET, HEAD");
                    throw new BadRequest(405, method + " is not supported; use GET");
                }
                if (hasBody(x)) {
                    throw new BadRequest(413, "a request body is not accepted");
                }
                switch (path) {
                    case "/probe":
                        probe(x);
                        break;
                    case "/metrics":
                        StringWriter w = new StringWriter();
                        metrics.write(w);
                        send(x, 200, Exposition.CONTENT_TYPE, w.toString());
                        break;
                    case "/":
                        send(x, 200, "text/html; charset=utf-8", DebugPage.html(recent.list(), defaults, settings));
                        break;
                    case "/report":
                        report(x);
                        break;
                    default:
                        throw new BadRequest(404, "no such page: " + ProbeParams.shown(path) + " (try /probe?region=..., /metrics or /)");
                }
            } catch (BadRequest e) {
                if (path.equals("/probe")) {
                    metrics.rejected();
                }
                if (e.status == 429) {
                    x.getResponseHeaders().set("Retry-After", "1");
                }
                send(x, e.status, TEXT, e.getMessage() + "\n");
            }
        }
    }

    private boolean allowed(java.net.InetAddress source) {
        synchronized (perSource) {
            return perSource.take(source, System.nanoTime());
        }
    }

    private static boolean hasBody(HttpExchange x) {
        String length = x.getRequestHeaders().getFirst("Content-Length");
        return x.getRequestHeaders().containsKey("Transfer-Encoding") || (length != null && !length.trim().equals("0"));
    }

    private void probe(HttpExchange x) throws IOException {
        ProbeParams params = ProbeParams.parse(x.getRequestURI().getRawQuery(), defaults.catalog());
        Duration deadline = deadline(x.getRequestHeaders().getFirst(SCRAPE_TIMEOUT_HEADER), defaults.deadline());
        CheckRequest request = defaults.request(params, deadline);
        Plan plan;
        try {
            plan = CheckRun.plan(request);
        } catch (WscheckException e) {
            // the plan refused the request (e.g. no requirement left for this protocol): nothing was sent
            throw new BadRequest(e.getMessage());
        }
        if (!slots.tryAcquire()) {
            throw new BadRequest(429, "too many probes at once (at most " + settings.maxProbes() + "); try again");
        }
        long start = System.nanoTime();
        metrics.started();
        boolean ok = false;
        int status = 500;
        String body;
        try {
            Report report = CheckRun.run(request, plan, ProgressListener.NONE).report();
            StringWriter w = new StringWriter();
            new PrometheusReporter().write(report, w);
            recent.add(Instant.now(), ProbeParams.shown(String.valueOf(x.getRequestURI().getRawQuery())), report);
            ok = "pass".equals(report.status()) || "warn".equals(report.status());
            status = 200;
            body = w.toString();
        } catch (RuntimeException e) {
            body = "probe failed: " + ProbeParams.shown(String.valueOf(e)) + "\n";
        } finally {
            // The slot is free before the answer leaves: a scraper that has its answer may probe again at once.
            slots.release();
            metrics.finished(ok, (System.nanoTime() - start) / 1e9);
        }
        send(x, status, status == 200 ? Exposition.CONTENT_TYPE : TEXT, body);
    }

    /**
     * A probe's deadline: the scraper's timeout less {@link #SCRAPE_MARGIN} (half the timeout when
     * it is shorter than twice the margin), never more than serve's own --deadline.
     */
    static Duration deadline(String header, Duration fallback) {
        if (header == null) {
            return fallback;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(header.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest(SCRAPE_TIMEOUT_HEADER + " '" + ProbeParams.shown(header) + "' is not a number of seconds");
        }
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new BadRequest(SCRAPE_TIMEOUT_HEADER + " '" + ProbeParams.shown(header) + "' must be a positive number of seconds");
        }
        Duration scrape = Duration.ofNanos((long) Math.min(seconds * 1e9, Long.MAX_VALUE / 2.0));
        Duration bound = scrape.compareTo(SCRAPE_MARGIN.multipliedBy(2)) > 0 ? scrape.minus(SCRAPE_MARGIN) : scrape.dividedBy(2);
        return bound.compareTo(fallback) < 0 ? bound : fallback;
    }

    private void report(HttpExchange x) throws IOException {
        String id = ProbeParams.query(x.getRequestURI().getRawQuery()).getOrDefault("id", java.util.List.of("")).get(0);
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new BadRequest("id '" + ProbeParams.shown(id) + "' is not a probe number");
        }
        RecentProbes.Entry e = recent.find(n).orElseThrow(() -> new BadRequest(404, "probe " + n + " is not among the last " + settings.keep()));
        StringWriter w = new StringWriter();
        new JsonReporter().write(e.report(), w);
        send(x, 200, "application/json; charset=utf-8", w.toString());
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = x.getRequestMethod().toUpperCase(Locale.ROOT).equals("HEAD");
        x.sendResponseHeaders(status, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
