package dev.wscheck.probe.https;

import static dev.wscheck.fixtures.TestCertificates.GENUINE_INTERMEDIATE;
import static dev.wscheck.fixtures.TestCertificates.GENUINE_ROOT;
import static dev.wscheck.fixtures.TestCertificates.INSPECTION_INTERMEDIATE;
import static dev.wscheck.fixtures.TestCertificates.INSPECTION_ROOT;
import static dev.wscheck.fixtures.TestCertificates.UNTRUSTED_ROOT;
import static dev.wscheck.fixtures.TestCertificates.UNTRUSTED_ROOT_NAME;
import static dev.wscheck.fixtures.TestCertificates.daysFromNow;
import static dev.wscheck.fixtures.TestCertificates.leaf;
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
import dev.wscheck.fixtures.TlsFixture.Reply;
import dev.wscheck.net.DirectTransport;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.Route;
import dev.wscheck.net.Transport;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Phase;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.Target;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HttpsProbeTest {
    private static final String HOST = "ws-broker-service.wscheck.test";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** For cases that end in a timeout; long enough that a busy machine still finishes the handshake first. */
    private static final Duration SHORT = Duration.ofMillis(2500);
    private static final TrustSettings ENTERPRISE = settings(GENUINE_ROOT, INSPECTION_ROOT);
    private static final String S3_ACCESS_DENIED = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>EXAMPLE</RequestId></Error>";

    record Case(String name, Mode mode, SSLContext chain, Reply reply, Duration timeout,
                Outcome expected, String detailContains, Consumer<ProbeResult> more) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static SSLContext genuine() {
        return serving(leaf(HOST, GENUINE_INTERMEDIATE), GENUINE_INTERMEDIATE);
    }

    static Stream<Case> cases() {
        String squidPage = "<html><body><h1>ERROR</h1><p>The requested URL could not be retrieved</p>"
                + "x".repeat(3000) + "<!-- ERR_ACCESS_DENIED --></body></html>";
        String inThreeHours = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusHours(3).plusMinutes(12).plusSeconds(30));
        return Stream.of(
                new Case("a 200 from a genuine server is ok with status, body, headers and TLS version",
                        Mode.ANSWER, genuine(), Reply.of(200, "OK", "healthy").withHeader("Server", "AmazonWS").withHeader("Content-Type", "text/plain"),
                        TIMEOUT, Outcome.OK, "HTTP 200 OK from AmazonWS over TLSv1.", r -> {
                            HttpsEvidence ev = evidence(r);
                            assertAll(
                                    () -> assertEquals(200, ev.status()),
                                    () -> assertEquals("healthy", ev.body()),
                                    () -> assertEquals("OK", ev.reason()),
                                    () -> assertEquals("http/1.1", ev.httpVersion()),
                                    () -> assertEquals("AmazonWS", ev.server()),
                                    () -> assertEquals("text/plain", ev.contentType()),
                                    () -> assertTrue(ev.tlsVersion().startsWith("TLSv1."), ev.tlsVersion()),
                                    () -> assertFalse(ev.cipherSuite().isEmpty()),
                                    () -> assertEquals("", ev.blockRule()),
                                    () -> assertTrue(r.phases().get(Phase.CONNECT).toNanos() > 0),
                                    () -> assertTrue(r.phases().get(Phase.TLS).toNanos() > 0),
                                    () -> assertTrue(r.phases().get(Phase.REQUEST).toNanos() > 0));
                        }),
                new Case("a 404 from a genuine server is ok: any answer proves reachability",
                        Mode.ANSWER, genuine(), Reply.of(404, "Not Found", "no such page"), TIMEOUT,
                        Outcome.OK, "HTTP 404 Not Found", r -> assertEquals(404, evidence(r).status())),
                new Case("a 403 AccessDenied XML from S3 is ok, not a block page",
                        Mode.ANSWER, genuine(), Reply.of(403, "Forbidden", S3_ACCESS_DENIED).withHeader("Content-Type", "application/xml")
                                .withHeader("Server", "AmazonS3"),
                        TIMEOUT, Outcome.OK, "HTTP 403 Forbidden from AmazonS3", r -> assertEquals(403, evidence(r).status())),
                new Case("a body longer than 1 KiB is kept to its first 1 KiB",
                        Mode.ANSWER, genuine(), Reply.of(200, "OK", "y".repeat(5000)), TIMEOUT,
                        Outcome.OK, "HTTP 200", r -> assertEquals(1024, evidence(r).body().length())),
                new Case("a 451 is http-blocked",
                        Mode.ANSWER, genuine(), Reply.of(451, "Unavailable For Legal Reasons", "blocked"), TIMEOUT,
                        Outcome.HTTP_BLOCKED, "HTTP 451", r -> assertEquals("status-451", evidence(r).blockRule())),
                new Case("an answer carrying squid's X-Squid-Error header is http-blocked naming the error",
                        Mode.ANSWER, genuine(), Reply.of(403, "Forbidden", "denied").withHeader("X-Squid-Error", "ERR_ACCESS_DENIED 0")
                                .withHeader("Server", "squid/5.7"),
                        TIMEOUT, Outcome.HTTP_BLOCKED, "X-Squid-Error: ERR_ACCESS_DENIED 0", r -> assertEquals(403, evidence(r).status())),
                new Case("squid's access-denied page is http-blocked even when its signature is past the first 1 KiB",
                        Mode.ANSWER, genuine(), Reply.of(403, "Forbidden", squidPage).withHeader("Content-Type", "text/html"), TIMEOUT,
                        Outcome.HTTP_BLOCKED, "squid", r -> assertEquals("squid-error-page", evidence(r).blockRule())),
                new Case("a server clock three hours ahead is reported, without changing the outcome",
                        Mode.ANSWER, genuine(), Reply.of(200, "OK", "ok").withHeader("Date", inThreeHours), TIMEOUT,
                        Outcome.OK, "PC clock is 3 h 12 min behind the server", r -> {
                            long offset = evidence(r).clockOffsetSeconds();
                            assertTrue(offset > 11_000 && offset < 11_600, "" + offset);
                        }),
                new Case("a server that completes TLS and never answers is http-timeout",
                        Mode.TLS_THEN_SILENT, genuine(), null, SHORT,
                        Outcome.HTTP_TIMEOUT, "the TLS session opened, but no HTTP response came",
                        r -> assertTrue(r.duration().compareTo(SHORT.multipliedBy(5)) < 0, "took " + r.duration())),
                new Case("a server that never answers the ClientHello is tls-handshake-failed",
                        Mode.SILENT, null, null, SHORT,
                        Outcome.TLS_HANDSHAKE_FAILED, "no TLS answer within", r -> { }),
                new Case("an untrusted chain is tls-untrusted naming the issuer",
                        Mode.ANSWER, serving(leaf(HOST, UNTRUSTED_ROOT)), Reply.of(200, "OK", "ok"), TIMEOUT,
                        Outcome.TLS_UNTRUSTED, "issued by " + UNTRUSTED_ROOT_NAME, r -> assertTrue(r.evidence().isEmpty())),
                new Case("a certificate for another name is tls-hostname-mismatch",
                        Mode.ANSWER, serving(leaf("block.firewall.test", GENUINE_INTERMEDIATE), GENUINE_INTERMEDIATE), Reply.of(200, "OK", "ok"), TIMEOUT,
                        Outcome.TLS_HOSTNAME_MISMATCH, "the certificate is for block.firewall.test", r -> { }),
                new Case("an expired certificate is tls-expired",
                        Mode.ANSWER, serving(leaf(HOST, GENUINE_INTERMEDIATE, daysFromNow(-30), daysFromNow(-3)), GENUINE_INTERMEDIATE),
                        Reply.of(200, "OK", "ok"), TIMEOUT, Outcome.TLS_EXPIRED, "expired on", r -> { }),
                new Case("an intercepted but trusted chain still gets its answer: the TLS check reports interception",
                        Mode.ANSWER, serving(leaf(HOST, INSPECTION_INTERMEDIATE), INSPECTION_INTERMEDIATE), Reply.of(200, "OK", "ok"), TIMEOUT,
                        Outcome.OK, "HTTP 200", r -> { }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void recordsTheAnswer(Case c) throws IOException {
        try (TlsFixture server = TlsFixture.start(c.mode(), c.chain(), c.reply());
             SharedResources res = resources(ENTERPRISE)) {
            ProbeResult r = probe().run(spec(server.port(), "/ping"), ctx(c.timeout(), Optional.of(server.address()), DirectTransport.INSTANCE, res));
            assertEquals(c.expected(), r.outcome(), r.detail());
            assertTrue(r.detail().startsWith("direct => https://" + HOST + ":" + server.port() + "/ping: "), r.detail());
            assertTrue(r.detail().contains(c.detailContains()), r.detail());
            c.more().accept(r);
        }
    }

    @Test
    void theRequestIsAPlainGetWithTheWscheckUserAgent() throws IOException {
        try (TlsFixture server = TlsFixture.answering(genuine()); SharedResources res = resources(ENTERPRISE)) {
            ProbeResult r = probe().run(spec(server.port(), "/ping?x=1"), ctx(TIMEOUT, Optional.of(server.address()), DirectTransport.INSTANCE, res));
            assertEquals(Outcome.OK, r.outcome(), r.detail());
            String head = server.requests().get(0);
            assertTrue(head.startsWith("GET /ping?x=1 HTTP/1.1\r\n"), head);
            assertTrue(head.contains("\r\nUser-Agent: wscheck/test\r\n"), head);
            assertTrue(head.contains("\r\nHost: " + HOST + ":" + server.port() + "\r\n"), head);
        }
    }

    /**
     * A transport that resolves remotely, as a proxy does: the probe must hand it the host name
     * and no address, and okhttp must use the socket it returns (here: straight to the fixture,
     * standing in for a tunnel).
     */
    @Test
    void aProxyTransportGetsTheHostNameAndNoAddress() throws IOException {
        try (TlsFixture server = TlsFixture.answering(genuine()); SharedResources res = resources(ENTERPRISE)) {
            List<String> calls = new CopyOnWriteArrayList<>();
            Transport tunnel = new Transport() {
                @Override
                public Socket connect(String host, int port, Optional<InetAddress> address, Duration timeout) throws IOException {
                    calls.add(host + ":" + port + " address=" + address);
                    return DirectTransport.INSTANCE.connect(host, port, Optional.of(server.address()), timeout);
                }

                @Override
                public Route route() {
                    return Route.PROXY;
                }

                @Override
                public String describe() {
                    return "http proxy 127.0.0.1:3128";
                }
            };
            ProbeResult r = probe().run(spec(server.port(), "/"), ctx(TIMEOUT, Optional.empty(), tunnel, res));
            assertEquals(Outcome.OK, r.outcome(), r.detail());
            assertEquals(Route.PROXY, r.via());
            assertEquals(List.of(HOST + ":" + server.port() + " address=Optional.empty"), calls);
            assertTrue(r.detail().startsWith("http proxy 127.0.0.1:3128 => https://" + HOST), r.detail());
        }
    }

    private static HttpsEvidence evidence(ProbeResult r) {
        return (HttpsEvidence) r.evidence().orElseThrow(() -> new AssertionError("no evidence: " + r.detail()));
    }

    private static HttpsProbe probe() {
        return new HttpsProbe(TestCertificates.testTrustOnly(), "test");
    }

    private static CheckSpec spec(int port, String path) {
        return new CheckSpec(ProbeKind.HTTPS, new Target("https", HOST, port, path));
    }

    private static SharedResources resources(TrustSettings trust) {
        return new SharedResources(new DnsServers(List.of(), "explicit"), trust, 1, Duration.ZERO, false);
    }

    private static ProbeContext ctx(Duration timeout, Optional<InetAddress> address, Transport transport, SharedResources res) {
        return new ProbeContext(timeout, address, transport, res);
    }
}
