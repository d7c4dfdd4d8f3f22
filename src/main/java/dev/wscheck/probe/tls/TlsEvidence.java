package dev.wscheck.probe.tls;

import dev.wscheck.probe.Evidence;
import java.util.List;

/**
 * What the TLS handshake showed. Absent values are empty strings or empty lists (never null),
 * so that reports serialise every field every time.
 *
 * @param tlsVersion the negotiated protocol, e.g. {@code TLSv1.3}; empty when no handshake completed
 * @param cipherSuite the negotiated cipher suite; empty when no handshake completed
 * @param versionsTried the protocol versions this client offered, e.g. {@code [TLSv1.3, TLSv1.2]}
 * @param servedChain the certificates exactly as the server (or whatever answered) sent them, leaf first;
 *                    empty when none arrived
 * @param anchorName the trusted root the chain leads to (CN, and O when it differs); empty when none
 * @param anchorSpkiSha256 that root's SPKI SHA-256, hex; empty when none
 * @param anchorSources the trust stores that hold that root: {@code jdk}, {@code --trust},
 *                      {@code windows-root}, {@code macos-keychain}, {@code linux <bundle>}
 * @param publicRoot true when the validated path (the served certificates up to the anchor, and the
 *                   anchor) contains a key of one of the public roots (the catalog's Amazon Trust
 *                   Services roots, or --public-roots)
 * @param publicRootName the public root's name from the catalog when {@code publicRoot}; else empty
 * @param leafDaysToExpiry whole days until the leaf expires (negative when expired; 0 without a chain)
 * @param issuer who issued the chain, as a person would name it: the anchor when there is one, else the
 *               issuer of the top served certificate (e.g. "Zscaler Root CA (Zscaler Inc.)", "mitmproxy")
 * @param revocation the OCSP responders and CRL distribution points named by the served chain, and
 *                   whether each answered over plain HTTP (checked only after a completed handshake)
 * @param tlsSession {@code full} (the server sent its chain and the PC's trust manager verified it),
 *                {@code resumed} (the server resumed a session of this run: the chain is the one that
 *                session was made with), or empty when no handshake completed (addition to schema 1)
 */
public record TlsEvidence(
        String tlsVersion,
        String cipherSuite,
        List<String> versionsTried,
        List<CertificateInfo> servedChain,
        String anchorName,
        String anchorSpkiSha256,
        List<String> anchorSources,
        boolean publicRoot,
        String publicRootName,
        long leafDaysToExpiry,
        String issuer,
        List<RevocationEndpoint> revocation,
        String tlsSession) implements Evidence {
    public static final String FULL = "full";
    public static final String RESUMED = "resumed";

    /** Evidence of a handshake that did not complete (no session). */
    public TlsEvidence(String tlsVersion, String cipherSuite, List<String> versionsTried, List<CertificateInfo> servedChain,
                       String anchorName, String anchorSpkiSha256, List<String> anchorSources, boolean publicRoot,
                       String publicRootName, long leafDaysToExpiry, String issuer, List<RevocationEndpoint> revocation) {
        this(tlsVersion, cipherSuite, versionsTried, servedChain, anchorName, anchorSpkiSha256, anchorSources, publicRoot,
                publicRootName, leafDaysToExpiry, issuer, revocation, "");
    }

    public TlsEvidence {
        versionsTried = List.copyOf(versionsTried);
        servedChain = List.copyOf(servedChain);
        anchorSources = List.copyOf(anchorSources);
        revocation = List.copyOf(revocation);
    }

    /** Returns a copy with the revocation reachability filled in. */
    public TlsEvidence withRevocation(List<RevocationEndpoint> endpoints) {
        return new TlsEvidence(tlsVersion, cipherSuite, versionsTried, servedChain, anchorName, anchorSpkiSha256,
                anchorSources, publicRoot, publicRootName, leafDaysToExpiry, issuer, endpoints, tlsSession);
    }

    /** Returns a copy that says how the handshake went: {@link #FULL} or {@link #RESUMED}. */
    public TlsEvidence withSession(String how) {
        return new TlsEvidence(tlsVersion, cipherSuite, versionsTried, servedChain, anchorName, anchorSpkiSha256,
                anchorSources, publicRoot, publicRootName, leafDaysToExpiry, issuer, revocation, how);
    }

    /**
     * One certificate of the served chain.
     *
     * @param subject the subject DN (RFC 2253)
     * @param issuer the issuer DN (RFC 2253)
     * @param serial the serial number, lower-case hex
     * @param notBefore start of validity, ISO-8601 UTC
     * @param notAfter end of validity, ISO-8601 UTC
     * @param spkiSha256 SHA-256 of the SubjectPublicKeyInfo, lower-case hex (how ATS publishes its roots)
     * @param subjectAltNames DNS names and IP addresses the certificate is for (leaf only; empty for CAs)
     */
    public record CertificateInfo(
            String subject,
            String issuer,
            String serial,
            String notBefore,
            String notAfter,
            String spkiSha256,
            List<String> subjectAltNames) {
        public CertificateInfo {
            subjectAltNames = List.copyOf(subjectAltNames);
        }
    }

    /**
     * A revocation endpoint of the served chain.
     *
     * @param kind {@code ocsp} or {@code crl}
     * @param url the URL as the certificate names it
     * @param status {@code reachable} (an HTTP answer came), {@code unreachable}, or {@code not-checked}
     *               (not http://, or the handshake did not complete)
     * @param detail what happened, e.g. "HTTP 200", "connection refused", "no answer within 1200 ms"
     */
    public record RevocationEndpoint(String kind, String url, String status, String detail) {
        public static final String REACHABLE = "reachable";
        public static final String UNREACHABLE = "unreachable";
        public static final String NOT_CHECKED = "not-checked";

        public boolean unreachable() {
            return UNREACHABLE.equals(status);
        }
    }
}
