package dev.wscheck.net;

import static dev.wscheck.fixtures.TestCertificates.GENUINE_INTERMEDIATE;
import static dev.wscheck.fixtures.TestCertificates.GENUINE_ROOT;
import static dev.wscheck.fixtures.TestCertificates.leaf;
import static dev.wscheck.fixtures.TestCertificates.serving;
import static dev.wscheck.fixtures.TestCertificates.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.engine.SharedResources;
import dev.wscheck.fixtures.HttpProxyFixture;
import dev.wscheck.fixtures.Socks5Fixture;
import dev.wscheck.fixtures.TestCertificates;
import dev.wscheck.fixtures.TlsFixture;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Probe;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.Target;
import dev.wscheck.probe.https.HttpsEvidence;
import dev.wscheck.probe.https.HttpsProbe;
import dev.wscheck.probe.tcp.TcpProbe;
import dev.wscheck.probe.tls.TlsProbe;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TCP, TLS and HTTPS probes through both proxy transports, against the TLS fixtures: the
 * tunnel must hand okhttp and the TLS probe a clean byte pipe (nothing of the proxy's reply left
 * in it), the target's name must travel to the proxy (no local address is given), and a proxy
 * failure must come out as its proxy outcome with one "where" prefix, not two.
 */
class HttpsThroughProxyTest {
    private static final String HOST = "ws-broker-service.wscheck.test";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    interface ProxyFactory {
        AutoCloseable start() throws IOException;
    }

    record Case(String name, ProxyFactory proxy, ProxyEndpoint.Kind kind, Probe probe, ProbeKind kindOfCheck, Outcome expected,
                String detailContains) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Probe tcp = new TcpProbe();
        Probe tls = new TlsProbe(TestCertificates.testTrustOnly(), false);
        Probe https = new HttpsProbe(TestCertificates.testTrustOnly(), "test");
        ProxyEndpoint.Kind http = ProxyEndpoint.Kind.HTTP;
        ProxyEndpoint.Kind socks = ProxyEndpoint.Kind.SOCKS5;
        return Stream.of(
                new Case("TCP through an HTTP proxy is the CONNECT tunnel", HttpProxyFixture::open, http, tcp, ProbeKind.TCP, Outcome.OK,
                        "=> " + HOST + ":"),
                new Case("TLS through an HTTP proxy sees the server's genuine chain", HttpProxyFixture::open, http, tls, ProbeKind.TLS,
                        Outcome.OK, "chain to"),
                new Case("HTTPS through an HTTP proxy gets the server's answer", HttpProxyFixture::open, http, https, ProbeKind.HTTPS,
                        Outcome.OK, "HTTP 200 OK"),
                new Case("TLS through a SOCKS5 proxy sees the server's genuine chain", Socks5Fixture::open, socks, tls, ProbeKind.TLS,
                        Outcome.OK, "chain to"),
                new Case("HTTPS through a SOCKS5 proxy gets the server's answer", Socks5Fixture::open, socks, https, ProbeKind.HTTPS,
                        Outcome.OK, "HTTP 200 OK"),
                new Case("TCP through a proxy that denies the host is proxy-denied", () -> HttpProxyFixture.denying(Set.of(HOST)), http, tcp,
                        ProbeKind.TCP, Outcome.PROXY_DENIED, ": 403 Forbidden (squid ERR_ACCESS_DENIED)"),
                new Case("TLS through a proxy that denies the host is proxy-denied", () -> HttpProxyFixture.denying(Set.of(HOST)), http, tls,
                        ProbeKind.TLS, Outcome.PROXY_DENIED, ": 403 Forbidden"),
                new Case("HTTPS through a proxy that denies the host is proxy-denied", () -> HttpProxyFixture.denying(Set.of(HOST)), http,
                        https, ProbeKind.HTTPS, Outcome.PROXY_DENIED, ": 403 Forbidden"),
                new Case("HTTPS through a proxy demanding auth is proxy-auth-required", () -> HttpProxyFixture.requiringBasic("u", "p"), http,
                        https, ProbeKind.HTTPS, Outcome.PROXY_AUTH_REQUIRED, "407 Proxy Authentication Required"),
                new Case("HTTPS through a SOCKS5 proxy that refuses by ruleset is proxy-denied", () -> Socks5Fixture.replying(2), socks,
                        https, ProbeKind.HTTPS, Outcome.PROXY_DENIED, "SOCKS5 reply 2"));
    }

    private static int port(AutoCloseable f) {
        return f instanceof HttpProxyFixture h ? h.port() : ((Socks5Fixture) f).port();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void probesWorkThroughTheTunnel(Case c) throws Exception {
        try (AutoCloseable proxy = c.proxy().start();
             TlsFixture server = TlsFixture.start(TlsFixture.Mode.ANSWER, serving(leaf(HOST, GENUINE_INTERMEDIATE), GENUINE_INTERMEDIATE),
                     TlsFixture.Reply.of(200, "OK", "healthy"));
             SharedResources res = new SharedResources(new DnsServers(List.of(), "explicit"), settings(GENUINE_ROOT), 1, Duration.ZERO, false)) {
            Transport t = ProxyTransportTest.transport(c.kind(), port(proxy), Optional.empty());
            Target target = Target.parse("https://" + HOST + ":" + server.port() + "/ping");
            CheckSpec spec = new CheckSpec(c.kindOfCheck(), c.kindOfCheck() == ProbeKind.HTTPS ? target : target.withScheme("tcp"));
            // No local address: the proxy resolves the name.
            ProbeResult r = c.probe().run(spec, new ProbeContext(TIMEOUT, Optional.empty(), t, res));
            assertEquals(c.expected(), r.outcome(), r.detail());
            assertEquals(Route.PROXY, r.via());
            assertTrue(r.detail().startsWith(t.describe() + " => "), r.detail());
            assertTrue(r.detail().contains(c.detailContains()), r.detail());
            assertFalse(r.detail().indexOf(" => ") != r.detail().lastIndexOf(" => "), "one 'where' prefix: " + r.detail());
            if (c.expected() == Outcome.OK && r.evidence().orElse(null) instanceof HttpsEvidence ev) {
                assertEquals("healthy", ev.body());
            }
        }
    }
}
