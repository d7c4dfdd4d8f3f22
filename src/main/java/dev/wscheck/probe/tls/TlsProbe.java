package dev.wscheck.probe.tls;

import dev.wscheck.net.TrustContext;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Phase;
import dev.wscheck.probe.Probe;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResources;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.tls.TlsEvidence.RevocationEndpoint;
import java.io.IOException;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * Opens a TCP connection through the check's transport, layers TLS over it with SNI and the
 * HTTPS hostname check, and records the chain the server actually sent, then says whether it is
 * genuine, intercepted, untrusted, for another name, expired, or whether the handshake failed
 * ({@link TlsDiagnosis}). After a completed handshake it checks whether the chain's revocation
 * endpoints answer; that is evidence and a detail suffix, never a change of outcome.
 *
 * <p>The whole probe (connect, handshake, revocation check) stays within {@code ctx.timeout()}:
 * each step gets what is left of it.
 */
public final class TlsProbe implements Probe {
    private final TrustContext.Cache trust;
    private final boolean checkRevocation;

    /** The probe as wscheck ships it: the PC's trust stores, revocation endpoints checked. */
    public TlsProbe() {
        this(TrustContext.Cache.SYSTEM, true);
    }

    /**
     * @param trust where trusted roots come from (tests pass a cache with no system stores)
     * @param checkRevocation whether to check that the chain's OCSP/CRL endpoints answer
     */
    public TlsProbe(TrustContext.Cache trust, boolean checkRevocation) {
        this.trust = trust;
        this.checkRevocation = checkRevocation;
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.TLS;
    }

    /** Reads the trust stores once, before the first handshake. */
    @Override
    public void prepare(ProbeResources resources) {
        trust.get(resources.trust());
    }

    @Override
    public ProbeResult run(CheckSpec check, ProbeContext ctx) {
        String host = check.target().host();
        int port = check.target().port();
        String where = ctx.transport().describe() + " => " + check.target().hostPort() + ": ";
        ProbeResult.Builder b = ProbeResult.builder().via(ctx.transport().route());
        ctx.address().ifPresent(b::address);
        long t0 = System.nanoTime();
        long deadline = t0 + ctx.timeout().toNanos();

        Socket raw;
        try {
            raw = ctx.transport().connect(host, port, ctx.address(), ctx.timeout());
        } catch (IOException e) {
            Duration took = since(t0);
            Outcome o = Outcome.classify(e, Phase.CONNECT);
            return b.outcome(o).phase(Phase.CONNECT, took).detail(where + connectFailure(e, o, ctx.timeout())).build(took);
        }
        Duration connect = since(t0);
        b.phase(Phase.CONNECT, connect);

        TrustContext tc = trust.get(ctx.resources().trust());
        ChainRecorder recorder = new ChainRecorder(tc.trustManager());
        long t1 = System.nanoTime();
        SSLSocket tls = null;
        List<String> tried = List.of();
        try {
            tls = (SSLSocket) recorder.sslContext().getSocketFactory().createSocket(raw, host, port, true);
            tried = List.of(tls.getEnabledProtocols());
            SSLParameters params = tls.getSSLParameters();
            if (!check.target().isIpLiteral()) {
                params.setServerNames(List.of(new SNIHostName(host)));
            }
            params.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(params);
            tls.setSoTimeout(millisLeft(deadline));
            tls.startHandshake();
        } catch (IOException | IllegalArgumentException e) {
            Duration handshake = since(t1);
            closeQuietly(tls != null ? tls : raw);
            IOException io = e instanceof IOException x ? x : new IOException(e.getMessage(), e);
            TlsDiagnosis.Finding f = TlsDiagnosis.failed(host, recorder.served(), recorder.failure(), io, tried,
                    Duration.ofNanos(Math.max(0, deadline - t1)), Instant.now(), tc);
            return b.outcome(f.outcome()).phase(Phase.TLS, handshake).detail(where + f.text())
                    .evidence(TlsDiagnosis.evidence("", "", tried, recorder.served(), tc, Instant.now()))
                    .build(since(t0));
        }
        Duration handshake = since(t1);
        b.phase(Phase.TLS, handshake);
        SSLSession session = tls.getSession();
        String version = session.getProtocol();
        String cipher = session.getCipherSuite();
        closeQuietly(tls);

        List<X509Certificate> served = recorder.served();
        TlsDiagnosis.Finding f = TlsDiagnosis.completed(served, tc);
        Instant now = Instant.now();
        TlsEvidence ev = TlsDiagnosis.evidence(version, cipher, tried, served, tc, now);
        String detail = where + version + " " + cipher + ", " + f.text();
        if (!served.isEmpty()) {
            long days = ev.leafDaysToExpiry();
            detail += ", leaf expires in " + days + (days == 1 ? " day" : " days");
        }
        if (!ev.revocation().isEmpty()) {
            List<RevocationEndpoint> checked = checkRevocation
                    ? RevocationCheck.check(RevocationUrls.of(served), ctx, deadline)
                    : ev.revocation().stream().map(r -> new RevocationEndpoint(r.kind(), r.url(), RevocationEndpoint.NOT_CHECKED,
                            "revocation check switched off")).toList();
            ev = ev.withRevocation(checked);
            detail += revocationSuffix(checked);
        }
        return b.outcome(f.outcome()).detail(detail).evidence(ev).build(since(t0));
    }

    /** "; revocation endpoints unreachable: http://… (connection refused)", or nothing when all answer. */
    static String revocationSuffix(List<RevocationEndpoint> endpoints) {
        List<RevocationEndpoint> bad = endpoints.stream().filter(RevocationEndpoint::unreachable).toList();
        if (bad.isEmpty()) {
            return "";
        }
        return "; revocation unreachable (" + bad.size() + " of " + endpoints.size() + "): "
                + bad.stream().map(r -> r.url() + " (" + shortDetail(r.detail()) + ")").collect(Collectors.joining(", "));
    }

    private static String shortDetail(String detail) {
        int i = detail.lastIndexOf(": ");
        return i < 0 ? detail : detail.substring(i + 2);
    }

    private static String connectFailure(IOException e, Outcome o, Duration timeout) {
        switch (o) {
            case TCP_TIMEOUT:
                return "no answer within " + timeout.toMillis() + " ms";
            case TCP_REFUSED:
                return "connection refused";
            case TCP_RESET:
                return "connection reset";
            default:
                return dev.wscheck.probe.ProbeException.reasonOf(e);
        }
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private static int millisLeft(long deadline) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (deadline - System.nanoTime()) / 1_000_000L));
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing left to learn from this connection
        }
    }
}
