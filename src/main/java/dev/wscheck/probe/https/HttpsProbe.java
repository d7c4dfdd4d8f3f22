package dev.wscheck.probe.https;

import dev.wscheck.net.TransportSocketFactory;
import dev.wscheck.net.TrustContext;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Phase;
import dev.wscheck.probe.Probe;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResources;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.Target;
import dev.wscheck.probe.tls.ChainRecorder;
import dev.wscheck.probe.tls.TlsDiagnosis;
import dev.wscheck.probe.tls.TlsEvidence;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Handshake;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.TlsVersion;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Sends one {@code GET} to the target URL with okhttp and records the answer. Any HTTP response
 * proves that the endpoint is reachable from here ({@code ok}); whether the status and body are
 * the ones the catalog expects is the Evaluator's business, not this probe's. The probe only
 * tells apart answers that recognisably come from a middlebox ({@code http-blocked},
 * {@link BlockPages}).
 *
 * <p>okhttp is kept on a short leash: every connection goes through the check's transport
 * ({@link TransportSocketFactory}); its {@code Dns} answers the address the DNS step resolved and
 * never asks the system resolver; it trusts exactly what the TLS probe trusts (so an untrusted
 * chain fails here the same way, named the same way); no redirects, no retries, no pooling, and
 * the whole call is bounded by {@code ctx.timeout()}.
 */
public final class HttpsProbe implements Probe {
    /** The body kept in the evidence. */
    static final int BODY_LIMIT = 1024;
    /** The body scanned for block-page signatures (error pages put their signature near the end). */
    static final int SCAN_LIMIT = 16 * 1024;
    /** A server clock further than this from the PC's is reported. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

    private final TrustContext.Cache trust;
    private final String userAgent;

    /** The probe as wscheck ships it: the PC's trust stores, the tool's version in the User-Agent. */
    public HttpsProbe() {
        this(TrustContext.Cache.SYSTEM, toolVersion());
    }

    /**
     * @param trust where trusted roots come from (tests pass a cache with no system stores)
     * @param version the wscheck version for the {@code User-Agent: wscheck/<version>} header
     */
    public HttpsProbe(TrustContext.Cache trust, String version) {
        this.trust = trust;
        this.userAgent = "wscheck/" + version;
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.HTTPS;
    }

    /** Reads the trust stores, loads the TLS handshake code and builds the shared HTTP client once, before the first request. */
    @Override
    public void prepare(ProbeResources resources) {
        trust.get(resources.trust()).sessions(resources).warmUp();
        resources.httpClient();
    }

    @Override
    public ProbeResult run(CheckSpec check, ProbeContext ctx) {
        Target target = check.target();
        TrustContext tc = trust.get(ctx.resources().trust());
        long deadline = System.nanoTime() + ctx.timeout().toNanos();
        Attempt first = attempt(target, ctx, tc, deadline);
        if (!first.resumptionBroke() || deadline - System.nanoTime() < ctx.timeout().toNanos() / 2) {
            return first.result();
        }
        // The connection offered to resume this run's session of the host, and the handshake broke
        // without a certificate verdict: some servers and boxes on the way mishandle resumption. A
        // full handshake says whether the endpoint itself works.
        tc.sessions(ctx.resources()).forget(target.host(), target.port());
        Attempt second = attempt(target, ctx, tc, deadline);
        ProbeResult r = second.result();
        return r.withOutcome(r.outcome(), r.detail() + " (a full TLS handshake after a resumed one broke off: "
                + first.result().outcome().code() + ")");
    }

    /**
     * One request. {@code resumptionBroke}: this connection offered to resume a session and its
     * handshake failed with no certificate verdict (so a full handshake may still work).
     */
    private record Attempt(ProbeResult result, boolean resumptionBroke) {}

    private Attempt attempt(Target target, ProbeContext ctx, TrustContext tc, long deadline) {
        String where = ctx.transport().describe() + " => " + target.url() + ": ";
        ProbeResult.Builder b = ProbeResult.builder().via(ctx.transport().route());
        ctx.address().ifPresent(b::address);
        ChainRecorder recorder = new ChainRecorder(tc.trustManager());
        PhaseRecorder phases = new PhaseRecorder();
        AtomicBoolean offered = new AtomicBoolean();
        OkHttpClient client = client(ctx, target, tc.sessions(ctx.resources()).socketFactory(recorder, deadline, () -> offered.set(true)), recorder, phases,
                Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime())));
        Request request = new Request.Builder().url(target.url()).header("User-Agent", userAgent).get().build();

        long t0 = System.nanoTime();
        try (Response response = client.newCall(request).execute()) {
            Instant answeredAt = Instant.now();
            byte[] scanned = readBody(response.body());
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            phases.spans().forEach(b::phase);
            String session = phases.handshake().isEmpty() && response.handshake() == null ? ""
                    : recorder.served().isEmpty() ? TlsEvidence.RESUMED : TlsEvidence.FULL;
            return new Attempt(answered(b, where, response, scanned, answeredAt, phases, session).build(took), false);
        } catch (IOException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            phases.spans().forEach(b::phase);
            boolean broke = offered.get() && phases.current() == Phase.TLS && recorder.served().isEmpty() && recorder.failure().isEmpty()
                    && !(e instanceof java.io.InterruptedIOException);
            return new Attempt(failed(b, where, target, e, recorder, phases, ctx, tc).build(took), broke);
        } catch (RuntimeException e) {
            // okhttp rejects some inputs with unchecked exceptions (an URL it cannot parse); that is ours to fix.
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            return new Attempt(b.outcome(Outcome.ERROR).detail(where + "internal error: " + e).build(took), false);
        }
    }

    private OkHttpClient client(ProbeContext ctx, Target target, SSLSocketFactory tls, ChainRecorder recorder, PhaseRecorder phases,
                                Duration timeout) {
        return ctx.resources().httpClient().newBuilder()
                .proxy(Proxy.NO_PROXY) // the transport is the proxy, if there is one
                .socketFactory(new TransportSocketFactory(ctx.transport(), timeout))
                .dns(host -> {
                    if (!host.equalsIgnoreCase(target.host())) {
                        throw new UnknownHostException(host + " is not this check's target; wscheck resolves nothing else");
                    }
                    return List.<InetAddress>of(TransportSocketFactory.addressFor(host, ctx.address()));
                })
                // The run's one TLS context: after the TLS check of this host, the handshake resumes its session.
                .sslSocketFactory(tls, recorder)
                // A pool that keeps nothing: each check opens its own connection and closes it.
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .eventListener(phases)
                .fastFallback(false)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .build();
    }

    private ProbeResult.Builder answered(ProbeResult.Builder b, String where, Response response, byte[] scanned,
                                         Instant answeredAt, PhaseRecorder phases, String session) {
        String bodyText = new String(scanned, 0, Math.min(scanned.length, BODY_LIMIT), StandardCharsets.UTF_8);
        String scannedText = new String(scanned, StandardCharsets.UTF_8);
        int status = response.code();
        String reason = response.message();
        Optional<Handshake> hs = Optional.ofNullable(response.handshake()).or(phases::handshake);
        String tlsVersion = hs.map(h -> h.tlsVersion().javaName()).orElse("");
        String cipher = hs.map(h -> h.cipherSuite().javaName()).orElse("");
        Date serverDate = response.headers().getDate("Date");
        long offset = serverDate == null ? 0 : Duration.between(answeredAt, serverDate.toInstant()).getSeconds();

        Optional<BlockPages.Match> block = BlockPages.match(new BlockPages.Answer(status, name -> header(response, name), scannedText));
        HttpsEvidence ev = new HttpsEvidence(status, bodyText, reason, response.protocol().toString(),
                header(response, "Server"), header(response, "Date"), header(response, "Via"), header(response, "Content-Type"),
                tlsVersion, cipher, offset, block.map(BlockPages.Match::rule).orElse(""), session);

        String statusText = "HTTP " + status + (reason.isEmpty() ? "" : " " + reason);
        String detail;
        if (block.isPresent()) {
            b.outcome(Outcome.HTTP_BLOCKED);
            detail = where + statusText + ": " + block.get().text();
        } else {
            b.outcome(Outcome.OK);
            String server = ev.server().isEmpty() ? "" : " from " + ev.server();
            detail = where + statusText + server + (tlsVersion.isEmpty() ? "" : " over " + tlsVersion);
        }
        if (Math.abs(offset) > CLOCK_TOLERANCE.getSeconds()) {
            detail += "; PC clock is " + span(Math.abs(offset)) + (offset > 0 ? " behind" : " ahead of") + " the server";
        }
        return b.detail(detail).evidence(ev);
    }

    private ProbeResult.Builder failed(ProbeResult.Builder b, String where, Target target, IOException e, ChainRecorder recorder,
                                       PhaseRecorder phases, ProbeContext ctx, TrustContext tc) {
        Phase phase = phases.current();
        if (phase == Phase.TLS || recorder.failure().isPresent()) {
            List<String> tried = ConnectionSpec.MODERN_TLS.tlsVersions() == null ? List.of()
                    : ConnectionSpec.MODERN_TLS.tlsVersions().stream().map(TlsVersion::javaName).toList();
            TlsDiagnosis.Finding f = TlsDiagnosis.failed(target.host(), recorder.served(), recorder.failure(), e, tried,
                    ctx.timeout(), Instant.now(), tc);
            return b.outcome(f.outcome()).detail(where + f.text());
        }
        Outcome o = Outcome.classify(e, phase);
        String text;
        switch (o) {
            case TCP_TIMEOUT:
                text = "no answer to the connection attempt within " + ctx.timeout().toMillis() + " ms";
                break;
            case TCP_REFUSED:
                text = "connection refused";
                break;
            case TCP_RESET:
                text = phase == Phase.REQUEST ? "connection reset after the TLS handshake, before an HTTP answer" : "connection reset";
                break;
            case HTTP_TIMEOUT:
                text = "the TLS session opened, but no HTTP response came within " + ctx.timeout().toMillis() + " ms";
                break;
            case HTTP_FAILED:
                text = "the HTTP exchange broke off: " + message(e);
                break;
            default:
                text = message(e);
        }
        return b.outcome(o).detail(where + text);
    }

    /** Reads up to {@link #SCAN_LIMIT} bytes; a body that breaks off keeps what arrived. */
    private static byte[] readBody(ResponseBody body) {
        BufferedSource source = body.source();
        try {
            source.request(SCAN_LIMIT);
        } catch (IOException e) {
            // The status line and headers arrived: that is the finding; the body is a bonus.
        }
        Buffer buffer = source.getBuffer();
        try {
            return buffer.readByteArray(Math.min(buffer.size(), SCAN_LIMIT));
        } catch (EOFException e) {
            throw new IllegalStateException("reading what the buffer holds cannot run out", e);
        }
    }

    private static String header(Response response, String name) {
        String v = response.header(name);
        return v == null ? "" : v;
    }

    /** "3 h 12 min", "2 d 4 h", "7 min". */
    static String span(long seconds) {
        long d = seconds / 86_400;
        long h = (seconds % 86_400) / 3_600;
        long m = (seconds % 3_600) / 60;
        if (d > 0) {
            return d + " d " + h + " h";
        }
        if (h > 0) {
            return h + " h " + m + " min";
        }
        return m + " min";
    }

    private static String message(Throwable e) {
        return dev.wscheck.probe.ProbeException.reasonOf(e);
    }

    /** The version in the jar's manifest, or "dev" when run from classes (tests, IDE). */
    static String toolVersion() {
        String v = HttpsProbe.class.getPackage() == null ? null : HttpsProbe.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }
}
