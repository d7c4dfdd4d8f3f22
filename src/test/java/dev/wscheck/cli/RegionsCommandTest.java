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
import dev.wscheck.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wscheck regions} against a test catalog of six "regions" on loopback fixtures: two that
 * accept, one that refuses, three black-holed, one with no health-check host.
 */
class RegionsCommandTest {
    @TempDir
    static Path tmp;

    static final FixtureSet FIXTURES = new FixtureSet();
    static DnsFixture dns;
    static Path catalog;
    static Path root;

    @BeforeAll
    static void start() throws IOException {
        dns = FIXTURES.keep(DnsFixture.start());
        for (String h : List.of("a", "b", "c", "d", "e", "f", "ws")) {
            dns.answer(h + ".wscheck.test", "127.0.0.1");
        }
        TcpFixture accept1 = FIXTURES.keep(TcpFixture.accepting());
        TcpFixture accept2 = FIXTURES.keep(TcpFixture.accepting());
        TcpFixture refused = FIXTURES.keep(TcpFixture.refusing());
        TcpFixture hole = FIXTURES.keep(TcpFixture.blackHoled());
        TlsFixture ws = FIXTURES.keep(TlsFixture.start(TlsFixture.Mode.ANSWER,
                TestCertificates.serving(TestCertificates.leaf("ws.wscheck.test", TestCertificates.GENUINE_INTERMEDIATE), TestCertificates.GENUINE_INTERMEDIATE),
                TlsFixture.Reply.of(200, "OK", "healthy")));
        root = Files.writeString(tmp.resolve("root.pem"), TestCertificates.GENUINE_ROOT.certificatePem());
        StringBuilder regions = new StringBuilder();
        String[][] rs = {{"lab-a", "a", "" + accept1.port()}, {"lab-b", "b", "" + accept2.port()}, {"lab-c", "c", "" + refused.port()},
            {"lab-d", "d", "" + hole.port()}, {"lab-e", "e", "" + hole.port()}, {"lab-f", "f", "" + hole.port()}};
        for (String[] r : rs) {
            regions.append("""
                      %s:
                        name: "Region %s"
                        source: T
                        healthCheck: {host: %s.wscheck.test}
                        endpoints:
                          pcoip-latency: ["tcp://%s.wscheck.test:%s"]
                          dcv-latency: ["tcp://%s.wscheck.test:%s"]
                    """.formatted(r[0], r[1], r[1], r[1], r[2], r[1], r[2]));
        }
        regions.append("""
                  lab-none:
                    name: "No health check"
                    source: T
                    notPublished:
                      pcoip-latency: "no health-check host published"
                      dcv-latency: "no health-check host published"
                """);
        String text = """
                schemaVersion: 1
                version: "test"
                expectPrivateAddresses: true
                sources:
                  T: {title: "test fixtures", url: "https://example.invalid/", date: "2026-12-02"}
                protocols:
                  pcoip: {title: PCoIP, latency: {high: 100ms, critical: 375ms}, source: T}
                  dcv: {title: DCV, latency: {high: 250ms, critical: 400ms}, source: T}
                publicRoots:
                  - {name: "placeholder", spkiSha256: "0000000000000000000000000000000000000000000000000000000000000000"}
                requirements:
                  - {id: ws-broker, category: broker, title: "Ping", protocol: any, probes: [dns, tcp, tls, https], endpoints: ["https://ws.wscheck.test:%d/ping"], source: T}
                  - {id: pcoip-latency, category: streaming, title: "PCoIP RTT", protocol: pcoip, proxy: never, probes: [dns, latency], endpoints: ["tcp://{healthCheckHost}:4172"], source: T}
                  - {id: dcv-latency, category: streaming, title: "DCV RTT", protocol: dcv, proxy: never, probes: [dns, latency], endpoints: ["tcp://{healthCheckHost}:4195"], source: T}
                regions:
                """.formatted(ws.port()) + regions;
        catalog = Files.writeString(tmp.resolve("regions.yaml"), text);
    }

    @AfterAll
    static void stop() throws Exception {
        FIXTURES.close();
    }

    static CliRun regions(String... extra) {
        List<String> args = new ArrayList<>(List.of("regions", "--catalog", catalog.toString(), "--dns-server", "127.0.0.1:" + dns.address().getPort(),
                "--trust", root.toString(), "--public-roots", root.toString(), "--proxy", "none", "--timeout", "1s", "--samples", "5"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(new String[0]));
    }

    @Test
    void ranksReachableRegionsFirstAndTakesAboutOneTimeoutNotTheSum() throws IOException {
        regions("--format", "json", "--protocol", "pcoip"); // class loading and TLS set-up are not what is measured here
        long t0 = System.nanoTime();
        CliRun r = regions("--format", "json");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, r.exit(), r.err());
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertEquals(1, report.path("schemaVersion").asInt());
        JsonNode list = report.path("regions");
        assertEquals(6, list.size(), r.out());
        List<String> reachable = List.of(list.get(0).path("region").asText(), list.get(1).path("region").asText());
        assertTrue(reachable.containsAll(List.of("lab-a", "lab-b")), r.out());
        assertEquals(1, list.get(0).path("rank").asInt());
        assertEquals(2, list.get(1).path("rank").asInt());
        assertTrue(list.get(0).path("rttMs").path("median").asDouble() <= list.get(1).path("rttMs").path("median").asDouble());
        JsonNode a = list.get(0);
        assertTrue(a.path("rttMs").path("min").asDouble() > 0, a.toPrettyString());
        assertTrue(a.path("httpsMs").path("median").asDouble() > 0, "HTTPS to the broker is measured: " + a.toPrettyString());
        assertEquals(0.0, a.path("lossPct").asDouble());
        assertEquals("pass", a.path("status").path("pcoip").asText());
        assertEquals("pass", a.path("status").path("dcv").asText());
        assertEquals("Region " + a.path("region").asText().substring(4), a.path("name").asText());
        for (int i = 2; i < 6; i++) {
            JsonNode u = list.get(i);
            assertTrue(u.path("rank").isNull() && u.path("rttMs").isNull(), u.toPrettyString());
            assertEquals("fail", u.path("status").path("pcoip").asText());
            assertEquals(100.0, u.path("lossPct").asDouble());
        }
        assertEquals(List.of("lab-c", "lab-d", "lab-e", "lab-f"),
                List.of(list.get(2).path("region").asText(), list.get(3).path("region").asText(), list.get(4).path("region").asText(),
                        list.get(5).path("region").asText()), "unreachable regions last, by code");
        assertEquals("lab-none", report.path("notMeasured").get(0).path("region").asText());
        // Three black-holed regions of 1 s each: concurrently about 1 s, in sequence at least 3 s.
        assertTrue(seconds < 2.8, "took " + seconds + " s");
    }

    @Test
    void aTableForPeopleAndOneProtocolOnly() {
        CliRun r = regions("--protocol", "dcv");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("rank"), r.out());
        assertTrue(r.out().contains("lab-a") && r.out().contains("dcv pass") && !r.out().contains("pcoip"), r.out());
        assertTrue(r.out().contains("lab-none") && r.out().contains("not measured: no health-check host published"), r.out());
    }

    @Test
    void aTableInJapaneseUnderLangJa() {
        CliRun r = regions("--protocol", "dcv", "--lang", "ja");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\\R");
        assertEquals(List.of(), EnglishWords.in(lines[0]), "the heading: " + lines[0]);
        assertTrue(r.out().contains("dcv 合格") && r.out().contains("到達不能"), r.out());
        // The custom catalog's own reason and names stay as it writes them; the words around them are Japanese.
        assertTrue(r.out().contains("測定なし: no health-check host published"), r.out());
    }

    @Test
    void badInputIsOneLine() {
        CliRun r = regions("--format", "xml");
        assertEquals(3, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains("--format xml"), r.err());
    }
}
