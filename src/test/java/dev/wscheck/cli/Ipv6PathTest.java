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
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: the IPv6 names were listed, never probed. Here each requirement of a test catalog has an
 * IPv6 name the DNS fixture answers with AAAA ::1: a broker whose IPv6 name works (a TLS fixture on
 * [::1]), one whose IPv6 name has no AAAA record, and the region's IPv6 health-check host where
 * nothing listens on ::1. With --ipv6 on the IPv6 path is checked and a broken one warns; with
 * --ipv6 off (as on a PC without IPv6) it is skipped with the reason and changes no verdict.
 */
class Ipv6PathTest {
    @TempDir
    static Path tmp;

    private static final FixtureSet FIXTURES = new FixtureSet();
    private static DnsFixture dns;
    private static Path catalog;
    private static Path root;

    @BeforeAll
    static void startFixtures() throws IOException {
        dns = FIXTURES.keep(DnsFixture.start());
        dns.answer("broker.wscheck.test", "127.0.0.1").answer("drp.wscheck.test", "127.0.0.1").answer("broker6.wscheck.test", "::1")
                .answer("nov6.wscheck.test", "127.0.0.1").answer("drp6.wscheck.test", "::1");
        // The IPv4 broker answers /ping "healthy" as the catalog expects; the IPv6 one just "ok": the
        // expectation is written for the IPv4 URL, and any answer of the genuine server proves the IPv6 path.
        TlsFixture broker = FIXTURES.keep(TlsFixture.start(TlsFixture.Mode.ANSWER, TestCertificates.genuine("broker.wscheck.test"), TlsFixture.Reply.of(200, "OK", "healthy")));
        TlsFixture broker6 = FIXTURES.keep(TlsFixture.start(TlsFixture.Mode.ANSWER, TestCertificates.genuine("broker6.wscheck.test"), TlsFixture.Reply.of(200, "OK", "ok"),
                InetAddress.getByName("::1")));
        TcpFixture accepting = FIXTURES.keep(TcpFixture.accepting()); // on 127.0.0.1 only: the same port on ::1 refuses
        catalog = TestCatalogs.write(tmp.resolve("ipv6.yaml"), TestCatalogs.IPV6, Map.of("BROKER", Integer.toString(broker.port()),
                "BROKER6", Integer.toString(broker6.port()), "ACCEPT", Integer.toString(accepting.port())));
        root = Files.writeString(tmp.resolve("root.pem"), TestCertificates.GENUINE_ROOT.certificatePem());
    }

    @AfterAll
    static void stopFixtures() throws Exception {
        FIXTURES.close();
    }

    private static CliRun check(String... extra) {
        List<String> args = new ArrayList<>(List.of("check", "--region", "ap-northeast-1", "--catalog", catalog.toString(),
                "--dns-server", "127.0.0.1:" + dns.address().getPort(), "--trust", root.toString(), "--public-roots", root.toString(),
                "--timeout", "2s"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(new String[0]));
    }

    @Test
    void onAPcWithIpv6TheIpv6NamesAreCheckedOnIpv6AndABrokenIpv6PathWarns() throws Exception {
        CliRun r = check("--ipv6", "on", "--format", "json");
        JsonNode report = new ObjectMapper().readTree(r.out());

        JsonNode broker = requirement(report, "session-broker");
        assertEquals("pass", broker.path("status").asText(), broker.toString());
        List<JsonNode> v6 = ipv6Path(broker);
        assertEquals(List.of("dns ok", "tcp ok", "tls ok", "https ok"), v6.stream().map(c -> c.path("probe").asText() + " " + c.path("outcome").asText()).toList(),
                broker.toString());
        assertEquals("0:0:0:0:0:0:0:1", v6.get(1).path("address").asText(), "the IPv6 path connects to the AAAA address (::1) only");
        assertEquals("0:0:0:0:0:0:0:1", v6.get(3).path("address").asText(), "HTTPS follows it");

        JsonNode streaming = requirement(report, "pcoip-streaming-tcp");
        assertEquals("warn", streaming.path("status").asText(), "the IPv4 path works, the IPv6 one is refused: " + streaming);
        JsonNode tcp6 = ipv6Path(streaming).get(1);
        assertEquals("tcp-refused", tcp6.path("outcome").asText(), tcp6.toString());
        assertEquals("fail", tcp6.path("status").asText(), tcp6.toString());
        assertTrue(streaming.path("note").asText().contains("IPv6 path fails (tcp drp6.wscheck.test:"), streaming.path("note").asText());
        assertTrue(streaming.path("remediation").size() > 0, "the IPv6 failure has a remedy: " + streaming);

        JsonNode noAaaa = requirement(report, "ws-broker");
        assertEquals("warn", noAaaa.path("status").asText(), noAaaa.toString());
        List<JsonNode> noAaaaPath = ipv6Path(noAaaa);
        assertEquals("dns-nodata", noAaaaPath.get(0).path("outcome").asText(), noAaaaPath.toString());
        assertTrue(noAaaaPath.get(0).path("detail").asText().contains("no AAAA record (A 127.0.0.1)"), noAaaaPath.toString());
        assertEquals("skipped", noAaaaPath.get(1).path("outcome").asText(), "nothing to connect to after it");

        JsonNode ipv6 = report.path("environment").path("ipv6");
        assertEquals("on", ipv6.path("mode").asText(), ipv6.toString());
        assertTrue(ipv6.path("checked").asBoolean(), ipv6.toString());
        assertEquals("[\"ipv6\",\"ipv4\"]", ipv6.path("families").toString());
        assertEquals(1, r.exit(), "warnings only: " + r.err());
    }

    @Test
    void onAPcWithoutIpv6TheIpv6NamesAreSkippedWithTheReasonAndChangeNoVerdict() throws Exception {
        CliRun r = check("--ipv6", "off", "--format", "json");
        JsonNode report = new ObjectMapper().readTree(r.out());
        for (String id : List.of("session-broker", "ws-broker", "pcoip-streaming-tcp")) {
            JsonNode q = requirement(report, id);
            assertEquals("pass", q.path("status").asText(), q.toString());
            List<JsonNode> v6 = ipv6Path(q);
            assertEquals(1, v6.size(), "one line per IPv6 name: " + v6);
            assertEquals("skip", v6.get(0).path("status").asText());
            assertEquals("not run: --ipv6 off", v6.get(0).path("detail").asText());
        }
        JsonNode ipv6 = report.path("environment").path("ipv6");
        assertEquals("--ipv6 off", ipv6.path("reason").asText(), ipv6.toString());
        assertEquals("[\"ipv4\"]", ipv6.path("families").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(dns.queries().stream().noneMatch(q -> q.contains("drp6") || q.contains("broker6")), "nothing is asked about the IPv6 names: "
                + dns.queries());
    }

    @Test
    void theConsoleSaysWhetherThisPcHasIpv6AndWhichFamilyWasChecked() {
        CliRun r = check("--ipv6", "off", "--no-color");
        assertTrue(r.out().contains("address family checked: IPv4 (IPv6 names not checked: --ipv6 off)"), r.out());
    }

    @Test
    void anUnknownIpv6ModeIsBadInputOnOneLine() {
        CliRun r = check("--ipv6", "maybe");
        assertEquals(3, r.exit());
        assertEquals(List.of("wscheck: --ipv6 maybe: use auto, on or off"), List.of(r.errLines()));
    }

    private static List<JsonNode> ipv6Path(JsonNode requirement) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : requirement.path("checks")) {
            if (c.path("role").asText().equals("ipv6-path")) {
                out.add(c);
            }
        }
        return out;
    }

    private static JsonNode requirement(JsonNode report, String id) {
        for (JsonNode q : report.path("requirements")) {
            if (q.path("id").asText().equals(id)) {
                return q;
            }
        }
        throw new AssertionError("no requirement " + id + " in " + report);
    }
}
