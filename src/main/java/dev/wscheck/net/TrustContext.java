package dev.wscheck.net;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Trust as this PC sees it, built once per run from a {@link TrustSettings} and a set of
 * {@link TrustStores.Source}s: one PKIX trust manager over the union of every source's roots
 * and the {@code --trust} roots, an index to find which trusted root a served chain leads to (and
 * which stores hold it), and the public roots (by SPKI SHA-256) that count as genuine.
 *
 * <p>Building loads the JDK store and reads OS stores, which takes tens of milliseconds: use a
 * {@link Cache} so that it happens once per run, not once per probe.
 */
public final class TrustContext {
    /** The source name of {@code --trust} roots in reports. */
    public static final String EXTRA_TRUSTED = "--trust";

    private final X509ExtendedTrustManager trustManager;
    private final Map<X500Principal, List<X509Certificate>> bySubject;
    private final Map<String, List<String>> sourcesBySpkiAndSubject;
    private final Map<String, String> publicRootNames;
    private final List<String> notes;
    /** One per run (weakly keyed by the run's shared resources): sessions never outlive their run. */
    private final Map<Object, TlsSessions> sessions = new java.util.WeakHashMap<>();
    private final Map<List<X509Certificate>, Optional<Anchor>> anchors = new java.util.concurrent.ConcurrentHashMap<>();

    private TrustContext(X509ExtendedTrustManager trustManager, Map<X500Principal, List<X509Certificate>> bySubject,
                         Map<String, List<String>> sourcesBySpkiAndSubject, Map<String, String> publicRootNames, List<String> notes) {
        this.trustManager = trustManager;
        this.bySubject = bySubject;
        this.sourcesBySpkiAndSubject = sourcesBySpkiAndSubject;
        this.publicRootNames = publicRootNames;
        this.notes = notes;
    }

    /**
     * The trusted root a served chain was found to lead to.
     *
     * @param certificate the trusted root (or trusted certificate) the path ends at
     * @param sources the stores that hold it, e.g. {@code [jdk, linux /etc/ssl/certs/ca-certificates.crt]}
     * @param pathLength how many served certificates (from the leaf) lie on the path to it;
     *                   the rest of the served chain is not used for validation
     */
    public record Anchor(X509Certificate certificate, List<String> sources, int pathLength) {}

    /** Builds the context; never throws for unreadable stores (they become {@link #notes()}). */
    public static TrustContext build(TrustSettings settings, List<TrustStores.Source> sources) {
        List<TrustStores.Loaded> loaded = new ArrayList<>();
        for (TrustStores.Source s : sources) {
            loaded.add(TrustStores.load(s));
        }
        loaded.add(new TrustStores.Loaded(EXTRA_TRUSTED, settings.extraTrusted(), ""));
        Map<X500Principal, List<X509Certificate>> bySubject = new HashMap<>();
        Map<String, List<String>> sourcesOf = new HashMap<>();
        Map<String, X509Certificate> distinct = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (TrustStores.Loaded l : loaded) {
            if (!l.note().isEmpty() && !l.name().equals(EXTRA_TRUSTED)) {
                notes.add(l.name() + ": " + l.note());
            }
            for (X509Certificate c : l.certificates()) {
                String key = identity(c);
                List<String> names = sourcesOf.computeIfAbsent(key, k -> new ArrayList<>());
                if (!names.contains(l.name())) {
                    names.add(l.name());
                }
                if (distinct.putIfAbsent(key, c) == null) {
                    bySubject.computeIfAbsent(c.getSubjectX500Principal(), k -> new ArrayList<>()).add(c);
                }
            }
        }
        Map<String, String> publicNames = new HashMap<>();
        for (TrustSettings.PublicRoot r : settings.publicRoots()) {
            publicNames.putIfAbsent(r.spkiSha256(), r.name());
        }
        return new TrustContext(trustManagerOver(distinct.values()), bySubject, sourcesOf, publicNames, List.copyOf(notes));
    }

    /** The PKIX trust manager over every trusted root (no revocation checking, as in the JDK default). */
    public X509ExtendedTrustManager trustManager() {
        return trustManager;
    }

    /**
     * The run's one client TLS context over this trust (built on first use): a full handshake's
     * session is resumed by the next connection of the same run to the same host and port.
     * {@code run} identifies the run (its shared probe resources): {@code serve} keeps one trust
     * context for all its probes, and a probe must not resume an earlier probe's session (its TLS
     * check would then see no chain), nor may sessions pile up over the exporter's life.
     */
    public TlsSessions sessions(Object run) {
        synchronized (sessions) {
            return sessions.computeIfAbsent(run, r -> new TlsSessions(trustManager));
        }
    }

    /** Stores that could not be read or held nothing, for verbose output. */
    public List<String> notes() {
        return notes;
    }

    /** Returns the public root's name when {@code cert}'s key is one of the public roots' keys. */
    public Optional<String> publicRootName(X509Certificate cert) {
        return Optional.ofNullable(publicRootNames.get(Pem.spkiSha256(cert)));
    }

    /**
     * Finds the trusted root a served chain leads to, walking up from the leaf as a PKIX
     * validator does: the first served certificate that is itself trusted, or whose issuer is a
     * trusted certificate whose key verifies its signature. Empty when the chain leads to no
     * trusted root. This does not validate the chain (dates, names): the trust manager does that.
     */
    public Optional<Anchor> anchorFor(List<X509Certificate> served) {
        // Memoised per chain: the diagnosis and the evidence of a check, and every host serving the
        // same chain in this run, ask again; the signature is verified once.
        return anchors.computeIfAbsent(List.copyOf(served), this::findAnchor);
    }

    private Optional<Anchor> findAnchor(List<X509Certificate> served) {
        for (int i = 0; i < served.size(); i++) {
            X509Certificate c = served.get(i);
            List<String> self = sourcesOf(c);
            if (!self.isEmpty()) {
                return Optional.of(new Anchor(c, self, i + 1));
            }
            for (X509Certificate t : bySubject.getOrDefault(c.getIssuerX500Principal(), List.of())) {
                if (signedBy(c, t)) {
                    return Optional.of(new Anchor(t, sourcesOf(t), i + 1));
                }
            }
        }
        return Optional.empty();
    }

    private List<String> sourcesOf(X509Certificate c) {
        return List.copyOf(sourcesBySpkiAndSubject.getOrDefault(identity(c), List.of()));
    }

    /** Trust anchors are a key plus a name: two certificates with both equal are the same root. */
    private static String identity(X509Certificate c) {
        return Pem.spkiSha256(c) + " " + c.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    private static boolean signedBy(X509Certificate c, X509Certificate issuer) {
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static X509ExtendedTrustManager trustManagerOver(Iterable<X509Certificate> roots) {
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : roots) {
                ks.setCertificateEntry("root-" + i++, c);
            }
            if (i == 0) {
                return new NothingTrusted();
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ks);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the PKIX trust manager factory gave no X509ExtendedTrustManager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a trust manager: " + e.getMessage(), e);
        }
    }

    /** Trusts nothing: the PKIX factory refuses an empty set of roots, a PC with none rejects every chain. */
    private static final class NothingTrusted extends X509ExtendedTrustManager {
        private static CertificateException reject() {
            return new CertificateException("PKIX path building failed: no trusted roots are configured");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw reject();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw reject();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw reject();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw reject();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw reject();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw reject();
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /**
     * Builds a context once per {@link TrustSettings} instance (a run has one) for a fixed set of
     * sources; a new instance (the next run of the exporter) rebuilds. Thread-safe.
     */
    public static final class Cache {
        /** The PC's own stores: what the probes use outside tests. */
        public static final Cache SYSTEM = new Cache(TrustStores.system());

        private final List<TrustStores.Source> sources;
        private TrustSettings lastSettings;
        private TrustContext last;

        public Cache(List<TrustStores.Source> sources) {
            this.sources = List.copyOf(sources);
        }

        public synchronized TrustContext get(TrustSettings settings) {
            if (last == null || lastSettings != settings) {
                last = build(settings, sources);
                lastSettings = settings;
            }
            return last;
        }

        @Override
        public String toString() {
            return "TrustContext.Cache" + Arrays.toString(sources.stream().map(TrustStores.Source::name).toArray());
        }
    }
}
