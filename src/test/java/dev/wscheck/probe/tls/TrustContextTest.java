package dev.wscheck.probe.tls;

import static dev.wscheck.fixtures.TestCertificates.GENUINE_INTERMEDIATE;
import static dev.wscheck.fixtures.TestCertificates.GENUINE_ROOT;
import static dev.wscheck.fixtures.TestCertificates.INSPECTION_ROOT;
import static dev.wscheck.fixtures.TestCertificates.leaf;
import static dev.wscheck.fixtures.TestCertificates.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.net.TrustContext;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.net.TrustStores;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TrustContextTest {
    record StoreCase(String name, TrustStores.Source source, String noteContains) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<StoreCase> absentStores() {
        return Stream.of(
                new StoreCase("a key store type this JDK does not have is skipped with a note",
                        TrustStores.keyStore("windows-root", "No-Such-Store-Type"), "not readable"),
                new StoreCase("a CA bundle that does not exist gives no roots",
                        TrustStores.pemFile("linux /nonexistent", Path.of("/nonexistent/ca-certificates.crt")), "no roots found"),
                new StoreCase("a loader that throws is a note, not a crash",
                        new TrustStores.Source("broken", () -> {
                            throw new IllegalStateException("boom");
                        }), "boom"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("absentStores")
    void storesThatAreNotThereAreSkipped(StoreCase c) {
        TrustContext tc = TrustContext.build(settings(GENUINE_ROOT), List.of(c.source()));
        assertEquals(1, tc.notes().size(), tc.notes().toString());
        assertTrue(tc.notes().get(0).contains(c.noteContains()), tc.notes().toString());
        // The --trust roots still work.
        assertTrue(tc.anchorFor(List.of(leaf("a.test", GENUINE_ROOT).certificate())).isPresent());
    }

    @Test
    void aBundleFileIsReadAndItsRootsCarryTheirSourceName(@TempDir Path dir) throws Exception {
        Path bundle = dir.resolve("bundle.pem");
        java.nio.file.Files.writeString(bundle, INSPECTION_ROOT.certificatePem() + GENUINE_ROOT.certificatePem());
        TrustContext tc = TrustContext.build(settings(GENUINE_ROOT), List.of(TrustStores.pemFile("linux " + bundle, bundle)));
        Optional<TrustContext.Anchor> a = tc.anchorFor(List.of(leaf("a.test", GENUINE_INTERMEDIATE).certificate(), GENUINE_INTERMEDIATE.certificate()));
        assertEquals(List.of("linux " + bundle, "--trust"), a.orElseThrow().sources());
        assertEquals(2, a.get().pathLength());
    }

    @Test
    void withNoRootsAtAllEveryChainIsRejectedAsUntrusted() {
        TrustContext tc = TrustContext.build(new TrustSettings(List.of(), List.of(), "test"), TrustStores.none());
        X509Certificate[] chain = {leaf("a.test", GENUINE_ROOT).certificate()};
        CertificateException e = assertThrows(CertificateException.class, () -> tc.trustManager().checkServerTrusted(chain, "ECDHE_ECDSA"));
        assertTrue(e.getMessage().contains("no trusted roots"), e.getMessage());
    }

    /** Reads only local stores (the JDK's, the OS bundle): no network. */
    @Test
    void thisPcsOwnStoresLoadWithoutFailing() {
        TrustContext tc = TrustContext.build(settings(GENUINE_ROOT), TrustStores.system());
        assertTrue(tc.notes().stream().noneMatch(n -> n.startsWith("jdk:")), tc.notes().toString());
        assertTrue(tc.trustManager().getAcceptedIssuers().length > 1);
    }

    @Test
    void theCacheBuildsOncePerSettingsInstance() {
        TrustContext.Cache cache = new TrustContext.Cache(TrustStores.none());
        TrustSettings run1 = settings(GENUINE_ROOT);
        TrustSettings run2 = settings(GENUINE_ROOT);
        TrustContext first = cache.get(run1);
        assertSame(first, cache.get(run1));
        assertNotSame(first, cache.get(run2));
    }
}
