package dev.wscheck.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.fixtures.HttpProxyFixture;
import dev.wscheck.fixtures.Socks5Fixture;
import dev.wscheck.fixtures.TcpFixture;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.ProbeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP CONNECT and SOCKS5 transports against in-process proxies on 127.0.0.1: every way a
 * proxy can answer, each with its outcome and a message that names the proxy and the target.
 */
class ProxyTransportTest {
    private static final String TARGET = "skylight-cm.wscheck.test";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration SHORT = Duration.ofMillis(1200);
    private static final ProxyCredentials LAB = new ProxyCredentials("labuser", "s3cret-Pa55".toCharArray());
    private static final ProxyCredentials WRONG = new ProxyCredentials("labuser", "wrong".toCharArray());

    interface FixtureFactory {
        AutoCloseable start() throws IOException;
    }

    record Case(String name, FixtureFactory fixture, ProxyEndpoint.Kind kind, Optional<ProxyCredentials> credentials,
                boolean targetListens, Duration timeout, Outcome expected, String messageContains) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        ProxyEndpoint.Kind http = ProxyEndpoint.Kind.HTTP;
        ProxyEndpoint.Kind socks = ProxyEndpoint.Kind.SOCKS5;
        Optional<ProxyCredentials> none = Optional.empty();
        return Stream.of(
                new Case("an open HTTP proxy opens the tunnel", HttpProxyFixture::open, http, none, true, TIMEOUT, Outcome.OK, ""),
                new Case("an HTTP proxy that denies the host is proxy-denied, naming the host to allow",
                        () -> HttpProxyFixture.denying(Set.of(TARGET)), http, none, true, TIMEOUT, Outcome.PROXY_DENIED,
                        "403 Forbidden (squid ERR_ACCESS_DENIED); "),
                new Case("an HTTP proxy that allows CONNECT to other ports only is proxy-denied with the SSL_ports hint",
                        () -> HttpProxyFixture.portsOnly(Set.of(443)), http, none, true, TIMEOUT, Outcome.PROXY_DENIED,
                        "CONNECT to port 443 only (squid: SSL_ports)"),
                new Case("an HTTP proxy demanding Basic auth without credentials is proxy-auth-required with the scheme",
                        () -> HttpProxyFixture.requiringBasic("labuser", "s3cret-Pa55"), http, none, true, TIMEOUT,
                        Outcome.PROXY_AUTH_REQUIRED, "407 Proxy Authentication Required (offers Basic realm=\"wscheck-fixture\"); no credentials were sent"),
                new Case("an HTTP proxy demanding Basic auth accepts the right credentials, sent pre-emptively",
                        () -> HttpProxyFixture.requiringBasic("labuser", "s3cret-Pa55"), http, Optional.of(LAB), true, TIMEOUT, Outcome.OK, ""),
                new Case("an HTTP proxy that rejects the credentials is proxy-auth-required naming the user only",
                        () -> HttpProxyFixture.requiringBasic("labuser", "s3cret-Pa55"), http, Optional.of(WRONG), true, TIMEOUT,
                        Outcome.PROXY_AUTH_REQUIRED, "the credentials of user 'labuser' were rejected"),
                new Case("an HTTP proxy offering only NTLM and Negotiate is proxy-auth-unsupported",
                        HttpProxyFixture::windowsSignInOnly, http, Optional.of(LAB), true, TIMEOUT, Outcome.PROXY_AUTH_UNSUPPORTED,
                        "offers NTLM, Negotiate): Windows sign-in only"),
                new Case("an HTTP proxy that cannot reach the target is proxy-error with its status",
                        HttpProxyFixture::open, http, none, false, TIMEOUT, Outcome.PROXY_ERROR,
                        "503 Service Unavailable (squid ERR_CONNECT_FAIL): the proxy could not open a connection to " + TARGET),
                new Case("an HTTP proxy that never answers is proxy-error after the timeout", HttpProxyFixture::silent, http, none, true,
                        SHORT, Outcome.PROXY_ERROR, "no answer from the proxy within 1200 ms"),
                new Case("an HTTP proxy port that answers something else is proxy-error quoting it", HttpProxyFixture::garbage, http, none,
                        true, TIMEOUT, Outcome.PROXY_ERROR, "not HTTP: \"SSH-2.0-OpenSSH_9.2p1 Debian-2\""),
                new Case("an HTTP proxy that closes without answering is proxy-error", HttpProxyFixture::closing, http, none, true,
                        TIMEOUT, Outcome.PROXY_ERROR, "closed the connection without answering the CONNECT"),
                new Case("an HTTP proxy where nothing listens is proxy-unreachable", TcpFixture::refusing, http, none, true, TIMEOUT,
                        Outcome.PROXY_UNREACHABLE, "the proxy cannot be reached: connection refused"),
                new Case("a black-holed HTTP proxy is proxy-unreachable after the timeout", TcpFixture::blackHoled, http, none, true,
                        SHORT, Outcome.PROXY_UNREACHABLE, "no answer within 1200 ms"),

                new Case("an open SOCKS5 proxy opens the tunnel", Socks5Fixture::open, socks, none, true, TIMEOUT, Outcome.OK, ""),
                new Case("a SOCKS5 proxy with username/password accepts the right credentials",
                        () -> Socks5Fixture.requiringPassword("labuser", "s3cret-Pa55"), socks, Optional.of(LAB), true, TIMEOUT, Outcome.OK, ""),
                new Case("a SOCKS5 proxy requiring a password, asked without one, is proxy-auth-required",
                        () -> Socks5Fixture.requiringPassword("labuser", "s3cret-Pa55"), socks, none, true, TIMEOUT,
                        Outcome.PROXY_AUTH_REQUIRED, "requires authentication"),
                new Case("a SOCKS5 proxy that rejects the credentials is proxy-auth-required naming the user only",
                        () -> Socks5Fixture.requiringPassword("labuser", "s3cret-Pa55"), socks, Optional.of(WRONG), true, TIMEOUT,
                        Outcome.PROXY_AUTH_REQUIRED, "rejected the credentials of user 'labuser' (status 1)"),
                new Case("a SOCKS5 proxy accepting neither method is proxy-auth-unsupported", Socks5Fixture::gssapiOnly, socks,
                        Optional.of(LAB), true, TIMEOUT, Outcome.PROXY_AUTH_UNSUPPORTED, "GSSAPI only?"),
                new Case("SOCKS5 reply 1 is proxy-error", () -> Socks5Fixture.replying(1), socks, none, true, TIMEOUT, Outcome.PROXY_ERROR,
                        "SOCKS5 reply 1 (general SOCKS server failure)"),
                new Case("SOCKS5 reply 2 (ruleset) is proxy-denied naming the destination", () -> Socks5Fixture.replying(2), socks, none,
                        true, TIMEOUT, Outcome.PROXY_DENIED, "SOCKS5 reply 2 (connection not allowed by ruleset); allow " + TARGET),
                new Case("SOCKS5 reply 3 is proxy-error", () -> Socks5Fixture.replying(3), socks, none, true, TIMEOUT, Outcome.PROXY_ERROR,
                        "(network unreachable): the proxy could not open a connection"),
                new Case("SOCKS5 reply 4 is proxy-error", () -> Socks5Fixture.replying(4), socks, none, true, TIMEOUT, Outcome.PROXY_ERROR,
                        "(host unreachable)"),
                new Case("SOCKS5 reply 5 is proxy-error", () -> Socks5Fixture.replying(5), socks, none, true, TIMEOUT, Outcome.PROXY_ERROR,
                        "(connection refused)"),
                new Case("SOCKS5 reply 6 is proxy-error", () -> Socks5Fixture.replying(6), socks, none, true, TIMEOUT, Outcome.PROXY_ERROR,
                        "(TTL expired)"),
                new Case("SOCKS5 reply 7 is proxy-error", () -> Socks5Fixture.replying(7), socks, none, true, TIMEOUT, Outcome.PROXY_ERROR,
                        "(command not supported)"),
                new Case("SOCKS5 reply 8 is proxy-error", () -> Socks5Fixture.replying(8), socks, none, true, TIMEOUT, Outcome.PROXY_ERROR,
                        "(address type not supported)"),
                new Case("a SOCKS5 proxy whose target refuses is proxy-error", Socks5Fixture::open, socks, none, false, TIMEOUT,
                        Outcome.PROXY_ERROR, "SOCKS5 reply 5 (connection refused)"),
                new Case("a silent SOCKS5 proxy is proxy-error after the timeout", Socks5Fixture::silent, socks, none, true, SHORT,
                        Outcome.PROXY_ERROR, "no answer from the proxy within 1200 ms"),
                new Case("a SOCKS5 port that answers HTTP is proxy-error", Socks5Fixture::garbage, socks, none, true, TIMEOUT,
                        Outcome.PROXY_ERROR, "not SOCKS5 (version byte 72"),
                new Case("a SOCKS5 proxy that closes after the greeting is proxy-error", Socks5Fixture::closing, socks, none, true, TIMEOUT,
                        Outcome.PROXY_ERROR, "closed the connection before its choice of authentication method"),
                new Case("a SOCKS5 proxy where nothing listens is proxy-unreachable", TcpFixture::refusing, socks, none, true, TIMEOUT,
                        Outcome.PROXY_UNREACHABLE, "connection refused"));
    }

    private static int port(AutoCloseable f) {
        if (f instanceof HttpProxyFixture h) {
            return h.port();
        }
        if (f instanceof Socks5Fixture s) {
            return s.port();
        }
        return ((TcpFixture) f).port();
    }

    static Transport transport(ProxyEndpoint.Kind kind, int port, Optional<ProxyCredentials> creds) {
        ProxyEndpoint endpoint = new ProxyEndpoint(kind, "127.0.0.1", port);
        return kind == ProxyEndpoint.Kind.HTTP
                ? new HttpConnectTransport(endpoint, creds, NameResolver.literalsOnly(), "wscheck/test")
                : new Socks5Transport(endpoint, creds, NameResolver.literalsOnly());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithTheOutcomeTheProxyMeans(Case c) throws Exception {
        try (AutoCloseable proxy = c.fixture().start(); Echo echo = new Echo(); TcpFixture closed = TcpFixture.refusing()) {
            int targetPort = c.targetListens() ? echo.port() : closed.port();
            Transport t = transport(c.kind(), port(proxy), c.credentials());
            assertEquals(Route.PROXY, t.route());
            assertTrue(t.resolvesRemotely());
            String where = c.kind().scheme() + " proxy 127.0.0.1:" + port(proxy) + " => " + TARGET + ":" + targetPort;
            if (c.expected() == Outcome.OK) {
                try (Socket s = t.connect(TARGET, targetPort, Optional.empty(), c.timeout())) {
                    assertEquals(c.timeout().toMillis(), s.getSoTimeout(), "the read timeout is the caller's timeout");
                    // The pipe carries bytes both ways, and nothing of the proxy's reply is left in it.
                    OutputStream out = s.getOutputStream();
                    out.write("ping\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    byte[] back = new byte[5];
                    InputStream in = s.getInputStream();
                    int n = 0;
                    while (n < 5) {
                        n += in.read(back, n, 5 - n);
                    }
                    assertEquals("ping\n", new String(back, StandardCharsets.US_ASCII));
                }
                if (proxy instanceof Socks5Fixture sf) {
                    assertEquals(TARGET + ":" + targetPort, sf.requested().get(0), "the name goes to the proxy, which resolves it");
                }
                return;
            }
            ProbeException e = assertThrows(ProbeException.class, () -> t.connect(TARGET, targetPort, Optional.empty(), c.timeout()));
            assertEquals(c.expected(), e.outcome(), e.getMessage());
            assertTrue(e.getMessage().startsWith(where + ": "), "the message names the proxy and the target: " + e.getMessage());
            assertTrue(e.reason().contains(c.messageContains()), "reason should contain '" + c.messageContains() + "': " + e.reason());
            assertFalse(e.getMessage().contains("s3cret-Pa55"), "never the password");
            assertEquals(Outcome.classify(e, dev.wscheck.probe.Phase.CONNECT), c.expected(), "the classifier keeps the transport's outcome");
        }
    }

    @Test
    void basicCredentialsAreSentWithTheFirstConnect() throws Exception {
        try (HttpProxyFixture proxy = HttpProxyFixture.requiringBasic("labuser", "s3cret-Pa55"); Echo echo = new Echo()) {
            transport(ProxyEndpoint.Kind.HTTP, proxy.port(), Optional.of(LAB)).connect(TARGET, echo.port(), Optional.empty(), TIMEOUT).close();
            assertEquals(1, proxy.heads().size(), "one CONNECT, no 407 round trip");
            String head = proxy.heads().get(0);
            assertTrue(head.startsWith("CONNECT " + TARGET + ":" + echo.port() + " HTTP/1.1\r\n"), head);
            assertTrue(head.contains("Host: " + TARGET + ":" + echo.port() + "\r\n"), head);
            assertTrue(head.contains("Proxy-Authorization: Basic bGFidXNlcjpzM2NyZXQtUGE1NQ==\r\n"), head);
        }
    }

    @Test
    void theProxyHostNameIsResolvedByTheGivenResolverNeverTheSystem() throws Exception {
        try (HttpProxyFixture proxy = HttpProxyFixture.open(); Echo echo = new Echo()) {
            NameResolver onlyProxyCorp = (host, timeout) -> {
                assertEquals("proxy.corp.test", host);
                return java.util.List.of(TcpFixture.loopback());
            };
            Transport t = new HttpConnectTransport(new ProxyEndpoint(ProxyEndpoint.Kind.HTTP, "proxy.corp.test", proxy.port()),
                    Optional.empty(), onlyProxyCorp, "wscheck/test");
            t.connect(TARGET, echo.port(), Optional.empty(), TIMEOUT).close();
            ProbeException e = assertThrows(ProbeException.class, () -> new HttpConnectTransport(
                    new ProxyEndpoint(ProxyEndpoint.Kind.HTTP, "proxy.corp.test", proxy.port()), Optional.empty(),
                    NameResolver.literalsOnly(), "wscheck/test").connect(TARGET, echo.port(), Optional.empty(), TIMEOUT));
            assertEquals(Outcome.PROXY_UNREACHABLE, e.outcome());
            assertTrue(e.reason().startsWith("cannot resolve the proxy's name"), e.reason());
        }
    }

    @Test
    void challengesAreSplitOnSchemesNotOnParameters() {
        assertEquals(java.util.List.of("Basic realm=\"a, b\"", "NTLM", "Negotiate"),
                HttpConnectTransport.splitChallenges("Basic realm=\"a, b\", NTLM, Negotiate"));
        assertEquals(java.util.List.of("Digest realm=\"x\", nonce=\"y\", qop=\"auth\""),
                HttpConnectTransport.splitChallenges("Digest realm=\"x\", nonce=\"y\", qop=\"auth\""));
    }

    /** A TCP echo server on 127.0.0.1: what the tunnel must carry unchanged. */
    static final class Echo implements AutoCloseable {
        private final ServerSocket server;

        Echo() throws IOException {
            server = new ServerSocket(0, 50, TcpFixture.loopback());
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        Thread c = new Thread(() -> {
                            try (s) {
                                s.getInputStream().transferTo(s.getOutputStream());
                            } catch (IOException e) {
                                // client gone
                            }
                        }, "echo-conn");
                        c.setDaemon(true);
                        c.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "echo-accept");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
