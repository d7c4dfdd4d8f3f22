package dev.wscheck.net;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Trust as wscheck applies it. {@code extraTrusted} are roots this PC trusts in addition to the
 * JDK's (--trust, as an enterprise deploys them). {@code publicRoots} are the roots that count as
 * genuine for AWS endpoints (the catalog's Amazon Trust Services roots, or --public-roots): a
 * chain that validates but does not lead to one of them is TLS interception.
 */
public record TrustSettings(List<X509Certificate> extraTrusted, List<PublicRoot> publicRoots, String publicRootsSource) {
    public TrustSettings {
        extraTrusted = List.copyOf(extraTrusted);
        publicRoots = List.copyOf(publicRoots);
    }

    /** A root identified by the SHA-256 of its SubjectPublicKeyInfo, hex lower-case (as ATS publishes it). */
    public record PublicRoot(String name, String spkiSha256) {}
}
