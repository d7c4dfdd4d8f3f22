package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wscheck.fixtures.DnsFixture;
import dev.wscheck.fixtures.FixtureSet;
import dev.wscheck.fixtures.TcpFixture;
import dev.wscheck.fixtures.TestCertificates;
import dev.wscheck.fixtures.TlsFixture;
import dev.wscheck.fixtures.UdpFixture;
import dev.wscheck.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wscheck check} end to end, through the real command line and the real probes, against
 * in-process fixtures on 127.0.0.1 described by a test catalog: a genuine HTTPS broker, a server
 * whose certificate comes from an unexpected CA, one re-signed by a trusted inspection CA, an
 * NXDOMAIN name, a refused port, a silent (black-holed) port, silent and answering UDP.
 * Nothing leaves the machine: names resolve through the DNS fixture given with --dns-server.
 */
class CheckEndToEndTest {
    @TempDir
    static Path tmp;

    private static final FixtureSet FIXTURES = new FixtureSet();
    private static DnsFixture dns;
    private static Path catalog;
    private static Path genuineRoot;
    private static Path inspectionRoot;
    private static final TestCertificates.FullHandshakes BROKER_FULL = new TestCertificates.FullHandshakes();
    private static TlsFixture broker;

    @BeforeAll
    static void startFixtures() throws IOException {
        dns = FIXTURES.keep(DnsFixture.start());
        for (String host : List.of("broker.wscheck.test", "ws.wscheck.test", "untrusted.wscheck.test", "inspected.wscheck.test", "drp.wscheck.test")) {
            dns.answer(host, "127.0.0.1");
        }
        dns.nxdomain("gone.wscheck.test");
        broker = FIXTURES.keep(TlsFixture.answering(TestCertificates.serving(BROKER_FULL,
                TestCertificates.leaf("broker.wscheck.test", TestCertificates.GENUINE_INTERMEDIATE), TestCertificates.GENUINE_INTERMEDIATE)));
        TlsFixture ws = FIXTURES.keep(TlsFixture.start(TlsFixture.Mode.ANSWER, chain("ws.wscheck.test", TestCertificates.GENUINE_INTERMEDIATE),
                TlsFixture.Reply.of(200, "OK", "healthy")));
        TlsFixture untrusted = FIXTURES.keep(TlsFixture.answering(TestCertificates.serving(
                TestCertificates.leaf("untrusted.wscheck.test", TestCertificates.UNTRUSTED_ROOT), TestCertificates.UNTRUSTED_ROOT)));
        TlsFixture inspected = FIXTURES.keep(TlsFixture.answering(chain("inspected.wscheck.test", TestCertificates.INSPECTION_INTERMEDIATE)));
        TcpFixture refused = FIXTURES.keep(TcpFixture.refusing());
        TcpFixture blackHoled = FIXTURES.keep(TcpFixture.blackHoled());
        TcpFixture accepting = FIXTURES.keep(TcpFixture.accepting());
        UdpFixture silentUdp = FIXTURES.keep(UdpFixture.silent());
        UdpFixture echoUdp = FIXTURES.keep(UdpFixture.echo());

        Map<String, String> ports = new HashMap<>();
        ports.put("BROKER", Integer.toString(broker.port()));
        ports.put("WS", Integer.toString(ws.port()));
        ports.put("UNTRUSTED", Integer.toString(untrusted.port()));
        ports.put("INSPECTED", Integer.toString(inspected.port()));
        ports.put("REFUSED", Integer.toString(refused.port()));
        ports.put("BLACKHOLE", Integer.toString(blackHoled.port()));
        ports.put("ACCEPT", Integer.toString(accepting.port()));
        ports.put("UDPSILENT", Integer.toString(silentUdp.port()));
        ports.put("UDPECHO", Integer.toString(echoUdp.port()));
        catalog = TestCatalogs.write(tmp.resolve("catalog.yaml"), TestCatalogs.LOOPBACK, ports);
        genuineRoot = Files.writeString(tmp.resolve("genuine-root.pem"), TestCertificates.GENUINE_ROOT.certificatePem());
        inspectionRoot = Files.writeString(tmp.resolve("inspection-root.pem"), TestCertificates.INSPECTION_ROOT.certificatePem());
    }

    private static javax.net.ssl.SSLContext chain(String host, HeldCertificate intermediate) {
        return TestCertificates.serving(TestCertificates.leaf(host, intermediate), intermediate);
    }

    @AfterAll
    static void stopFixtures() throws Exception {
        FIXTURES.close();
    }

    private static CliRun check(String... extra) {
        List<String> args = new ArrayList<>(List.of("check", "--region", "ap-northeast-1", "--catalog", catalog.toString(),
                "--dns-server", "127.0.0.1:" + dns.address().getPort(), "--trust", genuineRoot.toString(),
                "--trust", inspectionRoot.toString(), "--public-roots", genuineRoot.toString(), "--timeout", "2s", "--samples", "3"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(new String[0]));
    }

    private static JsonNode requirement(JsonNode report, String id) {
        for (JsonNode r : report.path("requirements")) {
            if (r.path("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no requirement " + id + " in " + report);
    }

    /** The outcome of the check of {@code probe} in requirement {@code id}. */
    private static JsonNode checkOf(JsonNode report, String id, String probe) {
        for (JsonNode c : requirement(report, id).path("checks")) {
            if (c.path("probe").asText().equals(probe)) {
                return c;
            }
        }
        throw new AssertionError("no " + probe + " check in " + id);
    }

    private static void assertRemediation(JsonNode report, String id, String code, String mentions) {
        for (JsonNode m : requirement(report, id).path("remediation")) {
            if (m.path("code").asText().equals(code)) {
                assertTrue(m.path("text").asText().contains(mentions), id + " remediation should mention " + mentions + ": " + m);
                return;
            }
        }
        throw new AssertionError(id + " has no remediation for " + code + ": " + requirement(report, id));
    }

    @Test
    void reportsEachFailureWithItsOutcomeRemediationAndExitCode() throws IOException {
        CliRun r = check("--format", "json");
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertEquals(2, r.exit(), "a failing requirement is CRITICAL: " + r.err());
        assertEquals("fail", report.path("status").asText());
        assertEquals(1, report.path("schemaVersion").asInt());

        assertEquals("pass", requirement(report, "session-broker").path("status").asText(), requirement(report, "session-broker").toString());
        assertEquals("ok", checkOf(report, "session-broker", "tls").path("outcome").asText());
        assertEquals("pass", requirement(report, "ws-broker").path("status").asText(), "GET /ping answered 200 healthy");

        assertEquals("tls-untrusted", checkOf(report, "unexpected-ca", "tls").path("outcome").asText());
        assertTrue(checkOf(report, "unexpected-ca", "tls").path("detail").asText().contains(TestCertificates.UNTRUSTED_ROOT_NAME));
        assertRemediation(report, "unexpected-ca", "tls-untrusted", "untrusted.wscheck.test");

        assertEquals("tls-intercepted", checkOf(report, "inspected", "tls").path("outcome").asText());
        assertTrue(checkOf(report, "inspected", "tls").path("detail").asText().contains(TestCertificates.INSPECTION_ROOT_NAME));
        assertRemediation(report, "inspected", "tls-intercepted", "TLS inspection");

        assertEquals("dns-nxdomain", checkOf(report, "gone", "dns").path("outcome").asText());
        assertEquals("skipped", checkOf(report, "gone", "tcp").path("outcome").asText(), "no TCP after a failed DNS step");
        assertRemediation(report, "gone", "dns-nxdomain", "gone.wscheck.test");

        assertEquals("fail", requirement(report, "pcoip-streaming-tcp").path("status").asText());
        assertEquals("tcp-refused", checkOf(report, "pcoip-streaming-tcp", "tcp").path("outcome").asText());
        assertRemediation(report, "pcoip-streaming-tcp", "tcp-refused", "TCP " + checkOf(report, "pcoip-streaming-tcp", "tcp").path("target").asText().split(":")[1]);

        assertEquals("tcp-timeout", checkOf(report, "dcv-streaming-tcp", "tcp").path("outcome").asText());
        assertRemediation(report, "dcv-streaming-tcp", "tcp-timeout", "dropped silently");

        assertEquals("udp-no-reply", checkOf(report, "pcoip-streaming-udp", "udp").path("outcome").asText());
        assertEquals("inconclusive", requirement(report, "pcoip-streaming-udp").path("status").asText(),
                "silence with TCP refused as well proves nothing either way");
        assertEquals("udp-reply", checkOf(report, "dcv-streaming-udp", "udp").path("outcome").asText());
        assertEquals("pass", requirement(report, "dcv-latency").path("status").asText());
        assertEquals(3, checkOf(report, "dcv-latency", "latency").path("evidence").path("received").asInt());
    }

    /**
     * Issue 16: the engine runs a host's HTTPS check after its TLS check, and the HTTPS check resumes
     * the TLS check's session: one full handshake (one chain verification) per host, and the
     * evidence says which handshake was which.
     */
    @Test
    void aHostCheckedByTlsAndHttpsCostsOneFullHandshake() throws Exception {
        int fullBefore = BROKER_FULL.count();
        int allBefore = broker.handshakes();
        CliRun r = check("--format", "json", "--only", "session-broker");
        assertEquals(0, r.exit(), r.err());
        JsonNode report = new ObjectMapper().readTree(r.out());
        JsonNode tls = checkOf(report, "session-broker", "tls");
        JsonNode https = checkOf(report, "session-broker", "https");
        assertEquals(1, BROKER_FULL.count() - fullBefore, "full handshakes with the broker in one run");
        assertEquals(2, broker.handshakes() - allBefore, "handshakes with the broker in one run (TLS, then HTTPS)");
        assertEquals("full", tls.path("evidence").path("tlsSession").asText(), tls.toString());
        assertEquals("resumed", https.path("evidence").path("tlsSession").asText(), https.toString());
        assertEquals(2, tls.path("evidence").path("servedChain").size(), "the TLS check recorded the chain as served");
        if (dev.wscheck.probe.ThreadClock.measuresCpuWait()) {
            assertTrue(tls.path("phaseCpuWaitMs").has("tls"), "the CPU wait of the handshake is reported beside its wall time: " + tls);
            assertTrue(tls.path("phaseCpuMs").has("tls"), tls.toString());
        } else {
            assertTrue(tls.path("phaseCpuWaitMs").isMissingNode(), "absent, never zero, where the OS does not say: " + tls);
        }
    }

    @Test
    void jsonGoesAloneToStdoutAndAReportFileIsWritten() throws IOException {
        Path file = tmp.resolve("report.json");
        CliRun r = check("--format", "json", "-o", file.toString(), "--only", "session-broker");
        assertEquals(0, r.exit(), r.err());
        JsonNode fromStdout = new ObjectMapper().readTree(r.out());
        JsonNode fromFile = new ObjectMapper().readTree(Files.readString(file));
        assertEquals(fromStdout.path("requirements"), fromFile.path("requirements"));
        assertTrue(r.out().trim().startsWith("{") && r.out().trim().endsWith("}"), "stdout holds the JSON document alone");
    }

    @Test
    void consoleReportSaysPlainlyWhatWorks() {
        CliRun r = check("--no-color");
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("PCoIP streaming:"), r.out());
        assertTrue(r.out().contains("NO (because of pcoip-streaming-tcp"), r.out());
        assertTrue(r.out().contains("-> Allow outbound TCP"), r.out());
        assertTrue(!r.out().contains("\u001b["), "no colour codes when asked not to");
    }

    @Test
    void aCheckThatOnlyWarnsExitsOne() {
        CliRun r = check("--only", "dcv-streaming-udp", "--only", "pcoip-latency-slow");
        assertEquals(1, r.exit(), r.out() + r.err());
    }
}
