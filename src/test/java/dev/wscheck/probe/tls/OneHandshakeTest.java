package dev.wscheck.probe.tls;

import static dev.wscheck.fixtures.TestCertificates.GENUINE_INTERMEDIATE;
import static dev.wscheck.fixtures.TestCertificates.GENUINE_ROOT;
import static dev.wscheck.fixtures.TestCertificates.INSPECTION_INTERMEDIATE;
import static dev.wscheck.fixtures.TestCertificates.INSPECTION_ROOT;
import static dev.wscheck.fixtures.TestCertificates.INSPECTION_ROOT_NAME;
import static dev.wscheck.fixtures.TestCertificates.leaf;
import static dev.wscheck.fixtures.TestCertificates.serving;
import static dev.wscheck.fixtures.TestCertificates.settings;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.engine.SharedResources;
import dev.wscheck.fixtures.HttpProxyFixture;
import dev.wscheck.fixtures.Socks5Fixture;
import dev.wscheck.fixtures.TestCertificates;
import dev.wscheck.fixtures.TestCertificates.FullHandshakes;
import dev.wscheck.fixtures.TlsFixture;
import dev.wscheck.net.DirectTransport;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.HttpConnectTransport;
import dev.wscheck.net.NameResolver;
import dev.wscheck.net.ProxyEndpoint;
import dev.wscheck.net.Socks5Transport;
import dev.wscheck.net.Transport;
import dev.wscheck.net.TrustContext;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.Target;
import dev.wscheck.probe.https.HttpsEvidence;
import dev.wscheck.probe.https.HttpsProbe;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16: a host checked by TLS and then HTTPS (the engine runs them in that order) costs one
 * full handshake: the HTTPS check resumes the session of the TLS check, through whatever transport;
 * a server that cannot resume gets a full handshake, verified as usual. Counted on the server side:
 * a full handshake is one in which the server chose a certificate to send.
 */
class OneHandshakeTest {
    private static final String HOST = "ws-broker-service.wscheck.test";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final TrustSettings ENTERPRISE = settings(GENUINE_ROOT, INSPECTION_ROOT);

    enum Via { DIRECT, HTTP_CONNECT, SOCKS5 }

    record Case(String name, Via via, boolean serverResumes, int fullHandshakes, String httpsSession) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("direct: the HTTPS check resumes the TLS check's session, one full handshake for the host",
                        Via.DIRECT, true, 1, TlsEvidence.RESUMED),
                new Case("through an HTTP CONNECT proxy: still one full handshake for the host",
                        Via.HTTP_CONNECT, true, 1, TlsEvidence.RESUMED),
                new Case("through a SOCKS5 proxy: still one full handshake for the host",
                        Via.SOCKS5, true, 1, TlsEvidence.RESUMED),
                new Case("a server that cannot resume gets a second full handshake, and the HTTPS check still passes",
                        Via.DIRECT, false, 2, TlsEvidence.FULL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aHostCheckedByTlsThenHttps(Case c) throws Exception {
        FullHandshakes full = new FullHandshakes();
        TrustContext.Cache trust = TestCertificates.testTrustOnly();
        try (TlsFixture server = c.serverResumes()
                ? TlsFixture.answering(serving(full, leaf(HOST, GENUINE_INTERMEDIATE), GENUINE_INTERMEDIATE))
                : TlsFixture.refusingResumption(() -> serving(full, leaf(HOST, GENUINE_INTERMEDIATE), GENUINE_INTERMEDIATE));
             HttpProxyFixture http = HttpProxyFixture.open();
             Socks5Fixture socks = Socks5Fixture.open();
             SharedResources res = resources()) {
            Transport transport = switch (c.via()) {
                case DIRECT -> DirectTransport.INSTANCE;
                case HTTP_CONNECT -> new HttpConnectTransport(new ProxyEndpoint(ProxyEndpoint.Kind.HTTP, "127.0.0.1", http.port()),
                        Optional.empty(), NameResolver.literalsOnly(), "wscheck/test");
                case SOCKS5 -> new Socks5Transport(new ProxyEndpoint(ProxyEndpoint.Kind.SOCKS5, "127.0.0.1", socks.port()),
                        Optional.empty(), NameResolver.literalsOnly());
            };
            Optional<InetAddress> address = c.via() == Via.DIRECT ? Optional.of(server.address()) : Optional.empty();
            ProbeContext ctx = new ProbeContext(TIMEOUT, address, transport, res);

            ProbeResult tls = new TlsProbe(trust, false).run(new CheckSpec(ProbeKind.TLS, new Target("tcp", HOST, server.port(), "/")), ctx);
            ProbeResult https = new HttpsProbe(trust, "test").run(new CheckSpec(ProbeKind.HTTPS, new Target("https", HOST, server.port(), "/")), ctx);

            TlsEvidence tlsEv = (TlsEvidence) tls.evidence().orElseThrow();
            HttpsEvidence httpsEv = (HttpsEvidence) https.evidence().orElseThrow(() -> new AssertionError(https.detail()));
            awaitCount(server::handshakes, 2);
            assertAll(
                    () -> assertEquals(Outcome.OK, tls.outcome(), tls.detail()),
                    () -> assertEquals(Outcome.OK, https.outcome(), https.detail()),
                    () -> assertEquals(2, server.handshakes(), "handshakes the server completed"),
                    () -> assertEquals(c.fullHandshakes(), full.count(), "full handshakes (the server sent its certificate)"),
                    () -> assertEquals(TlsEvidence.FULL, tlsEv.tlsSession()),
                    () -> assertEquals(2, tlsEv.servedChain().size(), "the TLS check saw the served chain"),
                    () -> assertEquals(c.httpsSession(), httpsEv.tlsSession()));
        }
    }

    /**
     * A second TLS check of the same host in one run (another address, a confirmation) may resume:
     * the resumed session still carries the chain as it was served, so the interception diagnosis
     * still names the inspection CA, and the evidence says the session was resumed.
     */
    @Test
    void aResumedTlsCheckStillSeesTheServedChainAndNamesTheInspectionCa() throws Exception {
        FullHandshakes full = new FullHandshakes();
        TrustContext.Cache trust = TestCertificates.testTrustOnly();
        try (TlsFixture server = TlsFixture.answering(serving(full, leaf(HOST, INSPECTION_INTERMEDIATE), INSPECTION_INTERMEDIATE));
             SharedResources res = resources()) {
            ProbeContext ctx = new ProbeContext(TIMEOUT, Optional.of(server.address()), DirectTransport.INSTANCE, res);
            CheckSpec spec = new CheckSpec(ProbeKind.TLS, new Target("tcp", HOST, server.port(), "/"));
            TlsProbe probe = new TlsProbe(trust, false);
            ProbeResult first = probe.run(spec, ctx);
            trust.get(ENTERPRISE).sessions(res).awaitTicket(HOST, server.port(), System.nanoTime() + TIMEOUT.toNanos());
            ProbeResult second = probe.run(spec, ctx);

            TlsEvidence a = (TlsEvidence) first.evidence().orElseThrow();
            TlsEvidence b = (TlsEvidence) second.evidence().orElseThrow();
            assertAll(
                    () -> assertEquals(Outcome.TLS_INTERCEPTED, first.outcome(), first.detail()),
                    () -> assertEquals(Outcome.TLS_INTERCEPTED, second.outcome(), second.detail()),
                    () -> assertTrue(second.detail().contains(INSPECTION_ROOT_NAME), second.detail()),
                    () -> assertTrue(second.detail().endsWith("(resumed session)"), second.detail()),
                    () -> assertEquals(1, full.count(), "full handshakes"),
                    () -> assertEquals(TlsEvidence.FULL, a.tlsSession()),
                    () -> assertEquals(TlsEvidence.RESUMED, b.tlsSession()),
                    () -> assertEquals(a.servedChain(), b.servedChain()),
                    () -> assertEquals(a.anchorName(), b.anchorName()));
        }
    }

    /**
     * A handshake that breaks after offering to resume (here: the connection is cut after the
     * ClientHello) is tried once more as a full handshake, which says whether the endpoint works.
     */
    @Test
    void aHandshakeThatBreaksAfterOfferingResumptionIsRetriedAsAFullOne() throws Exception {
        FullHandshakes full = new FullHandshakes();
        TrustContext.Cache trust = TestCertificates.testTrustOnly();
        try (TlsFixture server = TlsFixture.answering(serving(full, leaf(HOST, GENUINE_INTERMEDIATE), GENUINE_INTERMEDIATE)).breakConnection(2);
             SharedResources res = resources()) {
            ProbeContext ctx = new ProbeContext(TIMEOUT, Optional.of(server.address()), DirectTransport.INSTANCE, res);
            ProbeResult tls = new TlsProbe(trust, false).run(new CheckSpec(ProbeKind.TLS, new Target("tcp", HOST, server.port(), "/")), ctx);
            ProbeResult https = new HttpsProbe(trust, "test").run(new CheckSpec(ProbeKind.HTTPS, new Target("https", HOST, server.port(), "/")), ctx);
            HttpsEvidence ev = (HttpsEvidence) https.evidence().orElseThrow(() -> new AssertionError(https.detail()));
            assertAll(
                    () -> assertEquals(Outcome.OK, tls.outcome(), tls.detail()),
                    () -> assertEquals(Outcome.OK, https.outcome(), https.detail()),
                    () -> assertTrue(https.detail().contains("(a full TLS handshake after a resumed one broke off: "), https.detail()),
                    () -> assertEquals(TlsEvidence.FULL, ev.tlsSession()),
                    () -> assertEquals(2, full.count(), "full handshakes: the TLS check's and the retry's"));
        }
    }

    private static void awaitCount(IntSupplier count, int expected) throws InterruptedException {
        long until = System.nanoTime() + TIMEOUT.toNanos();
        while (count.getAsInt() < expected && System.nanoTime() < until) {
            Thread.sleep(5);
        }
    }

    private static SharedResources resources() {
        return new SharedResources(new DnsServers(List.of(), "explicit"), ENTERPRISE, 1, Duration.ZERO, false);
    }
}
