package dev.wscheck.net;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /**
     * The settings from {@code --trust} files (extra roots) and a {@code --public-roots} file, when
     * given; without one, the catalog's public roots. A file that holds no certificate is one line
     * naming the option (Pem).
     */
    public static TrustSettings of(List<Path> trust, Optional<Path> publicRootsFile, List<PublicRoot> catalogRoots) {
        List<X509Certificate> extra = new ArrayList<>();
        for (Path p : trust) {
            extra.addAll(Pem.readCertificates("--trust", p));
        }
        if (publicRootsFile.isEmpty()) {
            return new TrustSettings(extra, catalogRoots, "catalog");
        }
        List<PublicRoot> roots = new ArrayList<>();
        for (X509Certificate cert : Pem.readCertificates("--public-roots", publicRootsFile.get())) {
            roots.add(new PublicRoot(cert.getSubjectX500Principal().getName(), Pem.spkiSha256(cert)));
        }
        return new TrustSettings(extra, roots, "file");
    }

    /** A root identified by the SHA-256 of its SubjectPublicKeyInfo, hex lower-case (as ATS publishes it). */
    public record PublicRoot(String name, String spkiSha256) {}
}
