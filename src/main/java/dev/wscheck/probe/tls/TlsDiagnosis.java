package dev.wscheck.probe.tls;

import dev.wscheck.net.Pem;
import dev.wscheck.net.TrustContext;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Phase;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Says what a TLS handshake means, from the chain the server sent and why the PC's trust manager
 * accepted or rejected it. Shared by the TLS probe and the HTTPS probe, so that both name the
 * same culprit in the same words.
 *
 * <p>The decision (see docs/probes-tls-https.md):
 * <ul>
 *   <li>the chain validates and its validated path (the served certificates up to the trusted root,
 *       and that root) holds a public root's key → {@code ok};</li>
 *   <li>it validates only through a root that is not public → {@code tls-intercepted}, naming that root;</li>
 *   <li>the PC's trust manager rejects it: expired / not yet valid → {@code tls-expired} (with a
 *       clock hint when the dates suggest a wrong clock); no path to a trusted root →
 *       {@code tls-untrusted}, naming the issuer; path fine but the name is wrong →
 *       {@code tls-hostname-mismatch}, naming the names the certificate is for;</li>
 *   <li>no certificate verdict at all (protocol, cipher, cut connection, timeout) →
 *       {@link Outcome#classify} in the TLS phase, with the versions tried.</li>
 * </ul>
 */
public final class TlsDiagnosis {
    private static final Duration CLOCK_SLACK = Duration.ofDays(1);
    private static final int MAX_NAMES = 5;

    private TlsDiagnosis() {}

    /**
     * @param outcome the outcome code
     * @param text the explanation, to follow "transport => target: " in the detail line
     * @param issuer who issued the chain, as a person would name it (empty when no chain arrived)
     */
    public record Finding(Outcome outcome, String text, String issuer) {}

    /** A completed handshake (the PC's trust manager accepted the chain): genuine or intercepted. */
    public static Finding completed(List<X509Certificate> served, TrustContext trust) {
        Optional<TrustContext.Anchor> anchor = trust.anchorFor(served);
        String issuer = issuerToName(served, anchor);
        Optional<String> publicRoot = publicRootOnPath(served, anchor, trust);
        if (publicRoot.isPresent()) {
            return new Finding(Outcome.OK, "chain to " + publicRoot.get(), issuer);
        }
        String via = anchor.map(a -> " (from " + String.join(", ", a.sources()) + ")").orElse("");
        return new Finding(Outcome.TLS_INTERCEPTED, "TLS inspection: the certificate was issued by " + issuer
                + ", which this PC trusts" + via + " but which is not one of the expected public roots", issuer);
    }

    /**
     * A handshake that did not complete.
     *
     * @param host the name the client asked for (SNI, hostname check)
     * @param served what the recorder captured (empty when no Certificate message came)
     * @param trustFailure why the PC's trust manager rejected the chain, when it did
     * @param e the exception the handshake ended with
     * @param versionsTried the protocol versions offered
     * @param budget the time the handshake was given, for timeout wording
     * @param now the PC's clock, for expiry wording
     */
    public static Finding failed(String host, List<X509Certificate> served, Optional<CertificateException> trustFailure,
                                 IOException e, List<String> versionsTried, Duration budget, Instant now, TrustContext trust) {
        Optional<TrustContext.Anchor> anchor = trust.anchorFor(served);
        String issuer = served.isEmpty() ? "" : issuerToName(served, anchor);
        if (trustFailure.isPresent()) {
            CertificateException cf = trustFailure.get();
            if (isExpiry(cf)) {
                return new Finding(Outcome.TLS_EXPIRED, expiryText(served, now), issuer);
            }
            if (isPathProblem(cf) || served.isEmpty() || Certificates.matchesHost(served.get(0), host)) {
                return new Finding(Outcome.TLS_UNTRUSTED, untrustedText(served, issuer, trust, cf), issuer);
            }
            return new Finding(Outcome.TLS_HOSTNAME_MISMATCH, mismatchText(served.get(0), host, issuer), issuer);
        }
        if (e instanceof SSLPeerUnverifiedException && !served.isEmpty()) {
            return new Finding(Outcome.TLS_HOSTNAME_MISMATCH, mismatchText(served.get(0), host, issuer), issuer);
        }
        Outcome o = Outcome.classify(e, Phase.TLS);
        String tried = versionsTried.isEmpty() ? "" : " (tried " + String.join(", ", versionsTried) + ")";
        String text;
        if (e instanceof InterruptedIOException) {
            text = "no TLS answer within " + budget.toMillis() + " ms" + tried;
        } else if (o == Outcome.TCP_RESET) {
            text = "connection reset during the TLS handshake" + tried + ": a firewall may be filtering on the server name";
        } else if (message(e).contains("Unsupported or unrecognized SSL message")) {
            text = "the server did not answer with TLS (plain HTTP on this port, or a proxy's error page?)" + tried;
        } else {
            text = "TLS handshake failed: " + message(e) + tried;
        }
        return new Finding(o, text, issuer);
    }

    /** Builds the evidence of a handshake, completed or not ({@code tlsVersion} empty when not). */
    public static TlsEvidence evidence(String tlsVersion, String cipherSuite, List<String> versionsTried,
                                       List<X509Certificate> served, TrustContext trust, Instant now) {
        Optional<TrustContext.Anchor> anchor = trust.anchorFor(served);
        List<TlsEvidence.CertificateInfo> chain = new ArrayList<>();
        for (int i = 0; i < served.size(); i++) {
            chain.add(Certificates.info(served.get(i), i == 0));
        }
        Optional<String> publicRoot = publicRootOnPath(served, anchor, trust);
        List<TlsEvidence.RevocationEndpoint> revocation = new ArrayList<>();
        for (RevocationUrls.Url u : RevocationUrls.of(served)) {
            revocation.add(new TlsEvidence.RevocationEndpoint(u.kind(), u.url(), TlsEvidence.RevocationEndpoint.NOT_CHECKED,
                    "checked only after a completed handshake"));
        }
        return new TlsEvidence(
                tlsVersion,
                cipherSuite,
                versionsTried,
                chain,
                anchor.map(a -> Certificates.displayName(a.certificate().getSubjectX500Principal())).orElse(""),
                anchor.map(a -> Pem.spkiSha256(a.certificate())).orElse(""),
                anchor.map(TrustContext.Anchor::sources).orElse(List.of()),
                publicRoot.isPresent(),
                publicRoot.orElse(""),
                served.isEmpty() ? 0 : Certificates.daysToExpiry(served.get(0), now),
                served.isEmpty() ? "" : issuerToName(served, anchor),
                revocation);
    }

    /**
     * Returns the public root on the validated path: the served certificates from the leaf up to
     * the trusted root, and that root. Certificates a server appends beyond that point are not
     * looked at, so an inspection box that re-signs the leaf but forwards the genuine intermediates
     * is still seen. Without a trusted root, every served certificate is looked at.
     */
    static Optional<String> publicRootOnPath(List<X509Certificate> served, Optional<TrustContext.Anchor> anchor, TrustContext trust) {
        int n = anchor.map(TrustContext.Anchor::pathLength).orElse(served.size());
        for (int i = 0; i < n && i < served.size(); i++) {
            Optional<String> name = trust.publicRootName(served.get(i));
            if (name.isPresent()) {
                return name;
            }
        }
        return anchor.flatMap(a -> trust.publicRootName(a.certificate()));
    }

    /** The name to blame: the trusted root when there is one, else the issuer of the top served certificate. */
    static String issuerToName(List<X509Certificate> served, Optional<TrustContext.Anchor> anchor) {
        if (anchor.isPresent()) {
            return Certificates.displayName(anchor.get().certificate().getSubjectX500Principal());
        }
        if (served.isEmpty()) {
            return "";
        }
        return Certificates.displayName(served.get(served.size() - 1).getIssuerX500Principal());
    }

    private static boolean isExpiry(CertificateException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CertificateExpiredException || c instanceof CertificateNotYetValidException) {
                return true;
            }
            if (c instanceof CertPathValidatorException v
                    && (v.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                    || v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPathProblem(CertificateException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CertPathBuilderException || c instanceof CertPathValidatorException) {
                return true;
            }
            String m = c.getMessage();
            if (m != null && (m.contains("PKIX path") || m.contains("no trusted roots"))) {
                return true;
            }
        }
        return false;
    }

    private static String untrustedText(List<X509Certificate> served, String issuer, TrustContext trust, CertificateException cf) {
        if (served.isEmpty()) {
            return "the certificate chain is not trusted: " + message(cf);
        }
        for (X509Certificate c : served) {
            Optional<String> pub = trust.publicRootName(c);
            if (pub.isPresent()) {
                return "the chain leads to " + pub.get() + ", which is not in this PC's trust stores: update the trust store";
            }
        }
        X509Certificate leaf = served.get(0);
        if (served.size() == 1 && leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            return "self-signed certificate " + Certificates.displayName(leaf.getSubjectX500Principal())
                    + ", which this PC does not trust";
        }
        if (isSignatureProblem(cf)) {
            return "the chain from " + issuer + " does not verify: " + message(cf);
        }
        return "the certificate was issued by " + issuer + ", which this PC does not trust"
                + " (TLS inspection by a CA not deployed on this PC, or a forged certificate)";
    }

    private static boolean isSignatureProblem(CertificateException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CertPathValidatorException v && v.getReason() != CertPathValidatorException.BasicReason.UNSPECIFIED
                    && v.getReason() != PKIXReason.NO_TRUST_ANCHOR) {
                return true;
            }
        }
        return false;
    }

    private static String mismatchText(X509Certificate leaf, String host, String issuer) {
        List<String> names = Certificates.namesFor(leaf);
        String shown = names.size() > MAX_NAMES
                ? String.join(", ", names.subList(0, MAX_NAMES)) + " and " + (names.size() - MAX_NAMES) + " more"
                : String.join(", ", names);
        return "the certificate is for " + (shown.isEmpty() ? "no name" : shown) + ", not " + host
                + (issuer.isEmpty() ? "" : " (issued by " + issuer + ")") + ": often a firewall's block page";
    }

    /**
     * Explains an expired or not-yet-valid chain. A leaf that starts more than a day after this
     * PC's clock, or a chain whose every certificate ended more than a day before it, points at
     * the PC's clock rather than the server.
     */
    static String expiryText(List<X509Certificate> served, Instant now) {
        X509Certificate bad = null;
        for (X509Certificate c : served) {
            if (now.isBefore(c.getNotBefore().toInstant()) || now.isAfter(c.getNotAfter().toInstant())) {
                bad = c;
                break;
            }
        }
        if (bad == null) {
            return "a certificate of the chain is outside its validity period";
        }
        String who = Certificates.displayName(bad.getSubjectX500Principal());
        Instant from = bad.getNotBefore().toInstant();
        Instant to = bad.getNotAfter().toInstant();
        String clock = "check this PC's clock (it reads " + now.truncatedTo(ChronoUnit.SECONDS) + ")";
        if (now.isBefore(from)) {
            String text = "the certificate " + who + " is not valid until " + day(from);
            return now.isBefore(from.minus(CLOCK_SLACK)) ? text + ": this PC's clock seems to be behind, " + clock : text;
        }
        long days = Duration.between(to, now).toDays();
        String text = "the certificate " + who + " expired on " + day(to) + " (" + days + (days == 1 ? " day" : " days") + " ago)";
        boolean allExpired = served.size() >= 2;
        for (X509Certificate c : served) {
            allExpired &= now.isAfter(c.getNotAfter().toInstant().plus(CLOCK_SLACK));
        }
        return allExpired ? text + "; every certificate of the chain has expired, so this PC's clock may be ahead: " + clock : text;
    }

    private static LocalDate day(Instant i) {
        return LocalDate.ofInstant(i, ZoneOffset.UTC);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
