package dev.wscheck.probe.tls;

import dev.wscheck.net.TlsSessions;
import dev.wscheck.net.TrustContext;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.ConnectFailures;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Phase;
import dev.wscheck.probe.Probe;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResources;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.ThreadClock;
import dev.wscheck.probe.tls.TlsEvidence.RevocationEndpoint;
import java.io.IOException;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLPeerUnverifiedException;
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

    /**
     * Reads the trust stores once and loads the TLS handshake code, before the first handshake:
     * the engine runs this on a pool thread while the DNS checks run (only {@code check} and
     * {@code serve} get here, never {@code --version}).
     */
    @Override
    public void prepare(ProbeResources resources) {
        trust.get(resources.trust()).sessions(resources).warmUp();
    }

    @Override
    public ProbeResult run(CheckSpec check, ProbeContext ctx) {
        String host = check.target().host();
        int port = check.target().port();
        String where = ctx.transport().describe() + " => " + check.target().hostPort() + ": ";
        ProbeResult.Builder b = ProbeResult.builder().via(ctx.transport().route());
        ctx.address().ifPresent(b::address);
        ThreadClock.Reading r0 = ThreadClock.now();
        long t0 = r0.wallNanos();
        long deadline = t0 + ctx.timeout().toNanos();

        Socket raw;
        try {
            raw = ctx.transport().connect(host, port, ctx.address(), ctx.timeout());
        } catch (IOException e) {
            ThreadClock.Span took = r0.untilNow();
            Outcome o = Outcome.classify(e, Phase.CONNECT);
            return b.outcome(o).phase(Phase.CONNECT, took).detail(where + ConnectFailures.describe(e, o, ctx.timeout())).build(took.wall());
        }
        ThreadClock.Reading r1 = ThreadClock.now();
        b.phase(Phase.CONNECT, r0.until(r1));

        TrustContext tc = trust.get(ctx.resources().trust());
        TlsSessions sessions = tc.sessions(ctx.resources());
        ChainRecorder recorder = new ChainRecorder(tc.trustManager());
        long t1 = r1.wallNanos();
        SSLSocket tls = null;
        List<String> tried = List.of();
        try {
            tls = sessions.layer(raw, host, port, recorder);
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
            ThreadClock.Span handshake = r1.untilNow();
            closeQuietly(tls != null ? tls : raw);
            IOException io = e instanceof IOException x ? x : new IOException(e.getMessage(), e);
            TlsDiagnosis.Finding f = TlsDiagnosis.failed(host, recorder.served(), recorder.failure(), io, tried,
                    Duration.ofNanos(Math.max(0, deadline - t1)), Instant.now(), tc);
            return b.outcome(f.outcome()).phase(Phase.TLS, handshake).detail(where + f.text())
                    .evidence(TlsDiagnosis.evidence("", "", tried, recorder.served(), tc, Instant.now()))
                    .build(since(t0));
        }
        ThreadClock.Span handshake = r1.untilNow();
        b.phase(Phase.TLS, handshake);
        SSLSession session = tls.getSession();
        String version = session.getProtocol();
        String cipher = session.getCipherSuite();
        // No Certificate message reached the trust manager: the server resumed an earlier session of
        // this run, whose chain (as served then, verified then) the session still carries.
        boolean resumed = recorder.served().isEmpty();
        List<X509Certificate> served = resumed ? peerChain(session) : recorder.served();
        // The server's session ticket arrives after the handshake: read it in the background so the
        // HTTPS check of this host resumes instead of verifying the chain again.
        sessions.collectTicket(tls, host, port, handshake.wall());

        TlsDiagnosis.Finding f = TlsDiagnosis.completed(served, tc);
        Instant now = Instant.now();
        TlsEvidence ev = TlsDiagnosis.evidence(version, cipher, tried, served, tc, now)
                .withSession(resumed ? TlsEvidence.RESUMED : TlsEvidence.FULL);
        String detail = where + version + " " + cipher + ", " + f.text();
        if (!served.isEmpty()) {
            long days = ev.leafDaysToExpiry();
            detail += ", leaf expires in " + days + (days == 1 ? " day" : " days");
        }
        if (resumed) {
            detail += " (resumed session)";
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

    /** The chain a resumed session carries from the handshake that created it, leaf first. */
    private static List<X509Certificate> peerChain(SSLSession session) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : session.getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
            return List.copyOf(out);
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
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
