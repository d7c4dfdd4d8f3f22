package dev.wscheck.probe.tls;

import static dev.wscheck.fixtures.TestCertificates.GENUINE_INTERMEDIATE;
import static dev.wscheck.fixtures.TestCertificates.GENUINE_ROOT;
import static dev.wscheck.fixtures.TestCertificates.GENUINE_ROOT_NAME;
import static dev.wscheck.fixtures.TestCertificates.INSPECTION_INTERMEDIATE;
import static dev.wscheck.fixtures.TestCertificates.INSPECTION_ROOT;
import static dev.wscheck.fixtures.TestCertificates.INSPECTION_ROOT_NAME;
import static dev.wscheck.fixtures.TestCertificates.UNTRUSTED_ROOT;
import static dev.wscheck.fixtures.TestCertificates.UNTRUSTED_ROOT_NAME;
import static dev.wscheck.fixtures.TestCertificates.daysFromNow;
import static dev.wscheck.fixtures.TestCertificates.leaf;
import static dev.wscheck.fixtures.TestCertificates.selfSigned;
import static dev.wscheck.fixtures.TestCertificates.serving;
import static dev.wscheck.fixtures.TestCertificates.settings;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.engine.SharedResources;
import dev.wscheck.fixtures.TestCertificates;
import dev.wscheck.fixtures.TlsFixture;
import dev.wscheck.fixtures.TlsFixture.Mode;
import dev.wscheck.net.DirectTransport;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.Pem;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Phase;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.Target;
import dev.wscheck.probe.tls.TlsEvidence.RevocationEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TlsProbeTest {
    private static final String HOST = "skylight-cm.wscheck.test";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHORT = Duration.ofMillis(800);

    /** A trusted enterprise PC: the genuine root and the inspection root are both trusted. */
    private static final TrustSettings ENTERPRISE = settings(GENUINE_ROOT, INSPECTION_ROOT);

    record Case(String name, Mode mode, SSLContext chain, TrustSettings trust, Duration timeout,
                Outcome expected, String detailContains, Consumer<ProbeResult> more) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a genuine chain is ok, with the chain, the anchor and the version recorded",
                        Mode.ANSWER, serving(leaf(HOST, GENUINE_INTERMEDIATE), GENUINE_INTERMEDIATE), ENTERPRISE, TIMEOUT,
                        Outcome.OK, "chain to " + GENUINE_ROOT_NAME, r -> {
                            TlsEvidence ev = evidence(r);
                            assertAll(
                                    () -> assertTrue(ev.tlsVersion().startsWith("TLSv1."), ev.tlsVersion()),
                                    () -> assertFalse(ev.cipherSuite().isEmpty()),
                                    () -> assertEquals(2, ev.servedChain().size()),
                                    () -> assertEquals(List.of(HOST), ev.servedChain().get(0).subjectAltNames()),
                                    () -> assertEquals(GENUINE_ROOT_NAME, ev.anchorName()),
                                    () -> assertEquals(Pem.spkiSha256(GENUINE_ROOT.certificate()), ev.anchorSpkiSha256()),
                                    () -> assertEquals(List.of("--trust"), ev.anchorSources()),
                                    () -> assertTrue(ev.publicRoot()),
                                    () -> assertEquals(GENUINE_ROOT_NAME, ev.publicRootName()),
                                    () -> assertTrue(ev.leafDaysToExpiry() >= 88 && ev.leafDaysToExpiry() <= 90, "" + ev.leafDaysToExpiry()),
                                    () -> assertTrue(r.phases().get(Phase.TLS).toNanos() > 0));
                        }),
                new Case("a chain re-signed by a trusted inspection root is tls-intercepted naming Zscaler Root CA",
                        Mode.ANSWER, serving(leaf(HOST, INSPECTION_INTERMEDIATE), INSPECTION_INTERMEDIATE), ENTERPRISE, TIMEOUT,
                        Outcome.TLS_INTERCEPTED, "issued by " + INSPECTION_ROOT_NAME, r -> {
                            TlsEvidence ev = evidence(r);
                            assertAll(
                                    () -> assertEquals(INSPECTION_ROOT_NAME, ev.issuer()),
                                    () -> assertEquals(INSPECTION_ROOT_NAME, ev.anchorName()),
                                    () -> assertFalse(ev.publicRoot()),
                                    () -> assertEquals("", ev.publicRootName()));
                        }),
                new Case("an inspection box that appends the genuine intermediate to its own leaf is still tls-intercepted",
                        Mode.ANSWER, serving(leaf(HOST, INSPECTION_ROOT), GENUINE_INTERMEDIATE), ENTERPRISE, TIMEOUT,
                        Outcome.TLS_INTERCEPTED, INSPECTION_ROOT_NAME, r -> assertFalse(evidence(r).publicRoot())),
                new Case("a chain from a root this PC does not trust is tls-untrusted naming the issuer",
                        Mode.ANSWER, serving(leaf(HOST, UNTRUSTED_ROOT)), ENTERPRISE, TIMEOUT,
                        Outcome.TLS_UNTRUSTED, "issued by " + UNTRUSTED_ROOT_NAME + ", which this PC does not trust",
                        r -> assertEquals(UNTRUSTED_ROOT_NAME, evidence(r).issuer())),
                new Case("the inspection root without --trust is tls-untrusted naming Zscaler Root CA",
                        Mode.ANSWER, serving(leaf(HOST, INSPECTION_INTERMEDIATE), INSPECTION_INTERMEDIATE), settings(GENUINE_ROOT), TIMEOUT,
                        Outcome.TLS_UNTRUSTED, INSPECTION_ROOT_NAME, r -> assertEquals("", evidence(r).tlsVersion())),
                new Case("a genuine chain whose root this PC lacks is tls-untrusted asking for a trust store update",
                        Mode.ANSWER, serving(leaf(HOST, GENUINE_INTERMEDIATE), GENUINE_INTERMEDIATE, GENUINE_ROOT), settings(INSPECTION_ROOT), TIMEOUT,
                        Outcome.TLS_UNTRUSTED, "leads to " + GENUINE_ROOT_NAME + ", which is not in this PC's trust stores", r -> { }),
                new Case("a self-signed certificate is tls-untrusted and says so",
                        Mode.ANSWER, serving(selfSigned(HOST)), ENTERPRISE, TIMEOUT,
                        Outcome.TLS_UNTRUSTED, "self-signed certificate " + HOST, r -> { }),
                new Case("a certificate for another name is tls-hostname-mismatch naming the names it is for",
                        Mode.ANSWER, serving(leaf("block.firewall.test", GENUINE_INTERMEDIATE), GENUINE_INTERMEDIATE), ENTERPRISE, TIMEOUT,
                        Outcome.TLS_HOSTNAME_MISMATCH, "the certificate is for block.firewall.test, not " + HOST, r -> { }),
                new Case("an expired certificate is tls-expired with its end date",
                        Mode.ANSWER, serving(leaf(HOST, GENUINE_INTERMEDIATE, daysFromNow(-30), daysFromNow(-3)), GENUINE_INTERMEDIATE), ENTERPRISE, TIMEOUT,
                        Outcome.TLS_EXPIRED, "expired on", r -> {
                            assertFalse(r.detail().contains("clock"), r.detail());
                            assertTrue(evidence(r).leafDaysToExpiry() < 0);
                        }),
                new Case("a certificate that starts in a month is tls-expired and asks to check this PC's clock",
                        Mode.ANSWER, serving(leaf(HOST, GENUINE_INTERMEDIATE, daysFromNow(30), daysFromNow(120)), GENUINE_INTERMEDIATE), ENTERPRISE, TIMEOUT,
                        Outcome.TLS_EXPIRED, "check this PC's clock", r -> { }),
                new Case("a server that accepts TCP but never answers the ClientHello is tls-handshake-failed within the budget",
                        Mode.SILENT, null, ENTERPRISE, SHORT,
                        Outcome.TLS_HANDSHAKE_FAILED, "no TLS answer within", r -> {
                            assertTrue(r.duration().compareTo(SHORT.multipliedBy(5)) < 0, "took " + r.duration());
                            assertTrue(evidence(r).servedChain().isEmpty());
                        }),
                new Case("plain HTTP on the TLS port is tls-handshake-failed naming the versions tried",
                        Mode.NOT_TLS, null, ENTERPRISE, TIMEOUT,
                        Outcome.TLS_HANDSHAKE_FAILED, "did not answer with TLS", r -> assertTrue(r.detail().contains("(tried TLSv1.3, TLSv1.2)"), r.detail())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifiesTheHandshake(Case c) throws IOException {
        try (TlsFixture server = TlsFixture.start(c.mode(), c.chain(), TlsFixture.Reply.of(200, "OK", "ok"));
             SharedResources res = resources(c.trust())) {
            ProbeResult r = probe().run(spec(server.port()), ctx(c.timeout(), server.address(), res));
            assertEquals(c.expected(), r.outcome(), r.detail());
            assertTrue(r.detail().startsWith("direct => " + HOST + ":" + server.port() + ": "), r.detail());
            assertTrue(r.detail().contains(c.detailContains()), r.detail());
            c.more().accept(r);
        }
    }

    @Test
    void aRefusedConnectionKeepsItsTcpOutcome() throws IOException {
        int port = closedPort();
        try (SharedResources res = resources(ENTERPRISE)) {
            ProbeResult r = probe().run(spec(port), ctx(TIMEOUT, InetAddress.getLoopbackAddress(), res));
            assertEquals(Outcome.TCP_REFUSED, r.outcome(), r.detail());
            assertTrue(r.detail().endsWith("connection refused"), r.detail());
        }
    }

    @Test
    void revocationEndpointsAreCheckedAfterTheHandshakeWithoutChangingTheOutcome() throws IOException {
        int closed = closedPort();
        try (TlsFixture ocsp = TlsFixture.plainHttp(TlsFixture.Reply.of(200, "OK", ""))) {
            String ocspUrl = "http://127.0.0.1:" + ocsp.port() + "/ocsp";
            String crlUrl = "http://127.0.0.1:" + closed + "/m01.crl";
            var leaf = TestCertificates.leafWithRevocationUrls(HOST, GENUINE_INTERMEDIATE, ocspUrl, crlUrl);
            try (TlsFixture server = TlsFixture.answering(serving(leaf, GENUINE_INTERMEDIATE));
                 SharedResources res = resources(ENTERPRISE)) {
                ProbeResult r = probe().run(spec(server.port()), ctx(TIMEOUT, server.address(), res));
                assertEquals(Outcome.OK, r.outcome(), r.detail());
                assertEquals(List.of(
                        new RevocationEndpoint("ocsp", ocspUrl, RevocationEndpoint.REACHABLE, "HTTP 200"),
                        new RevocationEndpoint("crl", crlUrl, RevocationEndpoint.UNREACHABLE,
                                "direct => 127.0.0.1:" + closed + ": connection refused")),
                        evidence(r).revocation());
                assertTrue(r.detail().contains("revocation unreachable (1 of 2): " + crlUrl + " (connection refused)"), r.detail());
                assertTrue(ocsp.requests().get(0).startsWith("HEAD /ocsp HTTP/1.1"), ocsp.requests().toString());
            }
        }
    }

    @Test
    void revocationEndpointsAreNotContactedWhenTheHandshakeFails() throws IOException {
        try (TlsFixture ocsp = TlsFixture.plainHttp(TlsFixture.Reply.of(200, "OK", ""))) {
            String ocspUrl = "http://127.0.0.1:" + ocsp.port() + "/ocsp";
            var leaf = TestCertificates.leafWithRevocationUrls(HOST, UNTRUSTED_ROOT, ocspUrl, "http://127.0.0.1:" + ocsp.port() + "/x.crl");
            try (TlsFixture server = TlsFixture.answering(serving(leaf));
                 SharedResources res = resources(ENTERPRISE)) {
                ProbeResult r = probe().run(spec(server.port()), ctx(TIMEOUT, server.address(), res));
                assertEquals(Outcome.TLS_UNTRUSTED, r.outcome(), r.detail());
                List<RevocationEndpoint> rev = evidence(r).revocation();
                assertEquals(2, rev.size());
                assertTrue(rev.stream().allMatch(e -> e.status().equals(RevocationEndpoint.NOT_CHECKED)), rev.toString());
                assertEquals(List.of(), ocsp.requests());
            }
        }
    }

    private static TlsEvidence evidence(ProbeResult r) {
        return (TlsEvidence) r.evidence().orElseThrow(() -> new AssertionError("no evidence: " + r.detail()));
    }

    private static TlsProbe probe() {
        return new TlsProbe(TestCertificates.testTrustOnly(), true);
    }

    private static CheckSpec spec(int port) {
        return new CheckSpec(ProbeKind.TLS, new Target("tcp", HOST, port, "/"));
    }

    static SharedResources resources(TrustSettings trust) {
        return new SharedResources(new DnsServers(List.of(), "explicit"), trust, 1, Duration.ZERO, false);
    }

    static ProbeContext ctx(Duration timeout, InetAddress address, SharedResources res) {
        return new ProbeContext(timeout, Optional.of(address), DirectTransport.INSTANCE, res);
    }

    /** A loopback port with nothing listening (bound, then released). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }
}
