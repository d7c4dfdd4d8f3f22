package dev.wscheck.net;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Where the roots a PC trusts come from: the JDK's own store, and the operating system's store
 * where Java can read one (Windows-ROOT, the macOS keychain, the Linux CA bundle). The set of
 * sources is a value handed to {@link TrustContext}, so that tests use only their own roots.
 *
 * <p>Loading is defensive: a store that does not exist on this PC, or that cannot be read, gives
 * no roots and a note, never an exception.
 */
public final class TrustStores {
    /** Debian/Ubuntu, then RHEL/Fedora: the first bundle that exists is read. */
    private static final List<Path> LINUX_BUNDLES = List.of(
            Path.of("/etc/ssl/certs/ca-certificates.crt"),
            Path.of("/etc/pki/tls/certs/ca-bundle.crt"));

    private TrustStores() {}

    /** Reads the certificates of one source; may throw, {@link #load} turns that into a note. */
    @FunctionalInterface
    public interface Loader {
        List<X509Certificate> load() throws Exception;
    }

    /**
     * One place trusted roots come from.
     *
     * @param name how reports name it: {@code jdk}, {@code windows-root}, {@code macos-keychain},
     *             {@code linux /etc/ssl/certs/ca-certificates.crt}, {@code --trust}
     */
    public record Source(String name, Loader loader) {}

    /** What one source gave: its roots, or a note saying why it gave none. */
    public record Loaded(String name, List<X509Certificate> certificates, String note) {
        public Loaded {
            certificates = List.copyOf(certificates);
        }
    }

    /** Returns the stores a PC's own TLS clients would trust: the JDK's and the OS's. */
    public static List<Source> system() {
        List<Source> out = new ArrayList<>();
        out.add(jdk());
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            out.add(keyStore("windows-root", "Windows-ROOT"));
        } else if (os.startsWith("mac")) {
            out.add(keyStore("macos-keychain", "KeychainStore"));
            // System roots; only JDK 23+ has this type, older JDKs skip it with a note.
            out.add(keyStore("macos-system-roots", "KeychainStore-ROOT"));
        } else {
            for (Path p : LINUX_BUNDLES) {
                if (Files.isRegularFile(p)) {
                    out.add(pemFile("linux " + p, p));
                    break;
                }
            }
        }
        return List.copyOf(out);
    }

    /** Returns no sources at all: only {@code --trust} roots count (tests, labs). */
    public static List<Source> none() {
        return List.of();
    }

    /** The JDK's default trust store ({@code $JAVA_HOME/lib/security/cacerts} unless overridden). */
    public static Source jdk() {
        return new Source("jdk", () -> {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            List<X509Certificate> out = new ArrayList<>();
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    Collections.addAll(out, x.getAcceptedIssuers());
                }
            }
            return out;
        });
    }

    /** A JCA key store that needs no file or password (Windows-ROOT, KeychainStore). */
    public static Source keyStore(String name, String type) {
        return new Source(name, () -> {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(null, null);
            List<X509Certificate> out = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                Certificate c = ks.getCertificate(alias);
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
            return out;
        });
    }

    /** A PEM bundle; a missing file gives no roots. */
    public static Source pemFile(String name, Path file) {
        return new Source(name, () -> {
            if (!Files.isRegularFile(file)) {
                return List.of();
            }
            List<X509Certificate> out = new ArrayList<>();
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)))) {
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
            return out;
        });
    }

    /** A fixed list of roots. */
    public static Source of(String name, List<X509Certificate> certificates) {
        List<X509Certificate> copy = List.copyOf(certificates);
        return new Source(name, () -> copy);
    }

    /** Loads one source; never throws (an unreadable store is a note, not a crash). */
    public static Loaded load(Source source) {
        try {
            List<X509Certificate> certs = source.loader().load();
            return new Loaded(source.name(), certs, certs.isEmpty() ? "no roots found" : "");
        } catch (Exception | LinkageError e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Loaded(source.name(), List.of(), "not readable: " + why);
        }
    }
}
