package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wscheck.fixtures.DnsFixture;
import dev.wscheck.fixtures.TcpFixture;
import dev.wscheck.fixtures.UdpFixture;
import dev.wscheck.reflector.Reflector;
import dev.wscheck.reflector.ReflectorLimits;
import dev.wscheck.reflector.Wire;
import dev.wscheck.testing.CliRun;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --reflector} end to end on loopback: the health-check host's UDP port is silent
 * (inconclusive on its own), and a real reflector decides: it answers (UDP works for certain), it
 * answers on TCP only (UDP blocked for certain), or it has another key (still inconclusive).
 */
class ReflectorCheckTest {
    static final String KEY = "the reflector key used in this test";

    @TempDir
    static Path tmp;

    static DnsFixture dns;
    static TcpFixture accepting;
    static UdpFixture silentUdp;
    static Reflector reflector;
    static Reflector tcpOnly;
    static DatagramSocket silentOnTcpOnlyPort;
    static Path catalog;

    @BeforeAll
    static void start() throws IOException {
        dns = DnsFixture.start();
        dns.answer("drp.wscheck.test", "127.0.0.1");
        dns.answer("reflector.wscheck.test", "127.0.0.1");
        accepting = TcpFixture.accepting();
        silentUdp = UdpFixture.silent();
        InetAddress lo = InetAddress.getLoopbackAddress();
        reflector = Reflector.start(lo, List.of(0), List.of(0), Wire.key(KEY), ReflectorLimits.DEFAULT, Clock.systemUTC(), s -> {});
        tcpOnly = Reflector.start(lo, List.of(), List.of(0), Wire.key(KEY), ReflectorLimits.DEFAULT, Clock.systemUTC(), s -> {});
        // UDP on the TCP-only reflector's port is silent (not closed): a firewall that drops UDP.
        silentOnTcpOnlyPort = new DatagramSocket(new InetSocketAddress(lo, tcpOnly.tcpPorts().get(0)));
        String text = """
                schemaVersion: 1
                version: "test"
                expectPrivateAddresses: true
                sources:
                  T: {title: "test fixtures", url: "https://example.invalid/", date: "2026-12-02"}
                protocols:
                  pcoip: {title: PCoIP, latency: {high: 100ms, critical: 375ms}, source: T, quality: {lossHigh: 1%%, jitterHigh: 30ms, rationale: "test"}}
                  dcv: {title: DCV, latency: {high: 250ms, critical: 400ms}, source: T}
                publicRoots:
                  - {name: "placeholder", spkiSha256: "0000000000000000000000000000000000000000000000000000000000000000"}
                regions:
                  ap-northeast-1:
                    name: "Test Tokyo"
                    airport: nrt
                    source: T
                    healthCheck: {host: drp.wscheck.test}
                    gateways:
                      pcoip: {ipv4: [198.18.2.0/24]}
                requirements:
                  - {id: pcoip-streaming-tcp, category: streaming, title: "PCoIP TCP", protocol: pcoip, proxy: never, probes: [dns, tcp], endpoints: ["tcp://drp.wscheck.test:%d"], source: T}
                  - {id: pcoip-streaming-udp, category: streaming, title: "PCoIP UDP", protocol: pcoip, proxy: never, probes: [dns, udp, reflector], endpoints: ["udp://drp.wscheck.test:%d"], rule: {udpFallback: pcoip-streaming-tcp}, source: T}
                """.formatted(accepting.port(), silentUdp.port());
        catalog = Files.writeString(tmp.resolve("catalog.yaml"), text);
    }

    @AfterAll
    static void stop() throws Exception {
        reflector.close();
        tcpOnly.close();
        silentOnTcpOnlyPort.close();
        silentUdp.close();
        accepting.close();
        dns.close();
    }

    static JsonNode run(String key, int reflectorPort, int expectedExit) throws IOException {
        List<String> args = new ArrayList<>(List.of("check", "--region", "ap-northeast-1", "--catalog", catalog.toString(),
                "--dns-server", "127.0.0.1:" + dns.address().getPort(), "--timeout", "2s", "--format", "json",
                "--reflector", "reflector.wscheck.test:" + reflectorPort, "--reflector-samples", "20"));
        CliRun r = CliRun.of(Map.of("WSCHECK_REFLECTOR_KEY", key), args.toArray(new String[0]));
        assertEquals(expectedExit, r.exit(), r.err() + r.out());
        assertTrue(!r.out().contains(KEY) && !r.err().contains(KEY), "the key is in no output");
        return new ObjectMapper().readTree(r.out());
    }

    static JsonNode requirement(JsonNode report, String id) {
        for (JsonNode q : report.path("requirements")) {
            if (q.path("id").asText().equals(id)) {
                return q;
            }
        }
        throw new AssertionError("no " + id);
    }

    static JsonNode reflectorCheck(JsonNode req, String transport) {
        for (JsonNode c : req.path("checks")) {
            if (c.path("probe").asText().equals("reflector") && c.path("target").asText().endsWith("/" + transport)) {
                return c;
            }
        }
        throw new AssertionError("no reflector " + transport + " check in " + req);
    }

    @Test
    void aReflectorThatAnswersTurnsSilentUdpIntoAPass() throws IOException {
        int port = reflector.udpPorts().get(0);
        JsonNode report = run(KEY, port, 0);
        JsonNode udpReq = requirement(report, "pcoip-streaming-udp");
        assertEquals("pass", udpReq.path("status").asText(), udpReq.toPrettyString());
        JsonNode udp = reflectorCheck(udpReq, "udp");
        assertEquals("reflector.wscheck.test:" + port + "/udp", udp.path("target").asText());
        assertEquals("ok", udp.path("outcome").asText(), udp.toPrettyString());
        JsonNode ev = udp.path("evidence");
        assertEquals(20, ev.path("sent").asInt());
        assertEquals(20, ev.path("received").asInt());
        assertEquals(0.0, ev.path("lossPct").asDouble());
        assertEquals(1472, ev.path("largestDatagram").asInt());
        assertTrue(ev.path("rttMs").path("min").asDouble() > 0 && ev.path("rttMs").path("median").asDouble() <= ev.path("rttMs").path("p95").asDouble(),
                ev.toPrettyString());
        assertTrue(ev.has("jitterMs") && ev.has("reordered"), ev.toPrettyString());
        assertEquals("ok", reflectorCheck(udpReq, "tcp").path("outcome").asText());
        assertTrue(udpReq.path("note").asText().contains("the reflector answered"), udpReq.path("note").asText());
    }

    @Test
    void aReflectorThatAnswersOnTcpButNotUdpMakesTheBlockCertain() throws IOException {
        int port = tcpOnly.tcpPorts().get(0);
        JsonNode report = run(KEY, port, 1);
        JsonNode udpReq = requirement(report, "pcoip-streaming-udp");
        JsonNode udp = reflectorCheck(udpReq, "udp");
        assertEquals("udp-no-reply", udp.path("outcome").asText());
        assertEquals("fail", udp.path("status").asText(), "certain: the reflector answers on TCP");
        assertEquals("ok", reflectorCheck(udpReq, "tcp").path("outcome").asText());
        assertEquals("warn", udpReq.path("status").asText(), "TCP 4172 passes, so the client falls back: warn");
    }

    @Test
    void anotherKeyGetsSilenceAndDecidesNothing() throws IOException {
        int port = reflector.udpPorts().get(0);
        JsonNode report = run("not the key the reflector has", port, 1);
        JsonNode udpReq = requirement(report, "pcoip-streaming-udp");
        assertEquals("udp-no-reply", reflectorCheck(udpReq, "udp").path("outcome").asText());
        assertEquals("inconclusive", reflectorCheck(udpReq, "udp").path("status").asText());
        assertEquals("reflector-silent", reflectorCheck(udpReq, "tcp").path("outcome").asText());
        assertEquals("warn", udpReq.path("status").asText(), "as without a reflector: silent UDP, TCP fallback");
    }

    @Test
    void withoutTheKeyVariableReflectorIsBadInput() {
        CliRun r = CliRun.of(Map.of(), "check", "--region", "ap-northeast-1", "--catalog", catalog.toString(),
                "--dns-server", "127.0.0.1:" + dns.address().getPort(), "--reflector", "reflector.wscheck.test");
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("set WSCHECK_REFLECTOR_KEY"), r.err());
    }
}
