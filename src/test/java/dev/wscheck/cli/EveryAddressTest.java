package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wscheck.fixtures.DnsFixture;
import dev.wscheck.fixtures.TcpFixture;
import dev.wscheck.testing.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a name with A 127.0.0.3, 127.0.0.1 and AAAA ::1 where only 127.0.0.1 listens was reported
 * FAIL (tcp-refused on the first address). The client gets through, so the requirement passes, and
 * the dead addresses are named as a warning; a name whose every address is dead still fails.
 */
class EveryAddressTest {
    @TempDir
    Path tmp;

    @Test
    void aNameWithOneListeningAddressAmongDeadOnesPassesAndNamesTheDeadOnes() throws Exception {
        try (DnsFixture dns = DnsFixture.start(); TcpFixture accept = TcpFixture.accepting()) {
            dns.answer("multi.wscheck.test", "127.0.0.3", "127.0.0.1", "::1").answer("dead.wscheck.test", "127.0.0.3", "127.0.0.4")
                    .answer("drp.wscheck.test", "127.0.0.1");
            Path catalog = TestCatalogs.write(tmp.resolve("multi.yaml"), TestCatalogs.MULTI, Map.of("ACCEPT", Integer.toString(accept.port())));
            CliRun r = CliRun.of("check", "--region", "ap-northeast-1", "--catalog", catalog.toString(), "--format", "json",
                    "--dns-server", "127.0.0.1:" + dns.address().getPort(), "--timeout", "2s", "--samples", "2");
            JsonNode report = new ObjectMapper().readTree(r.out());
            JsonNode multi = requirement(report, "multi-tcp");
            assertEquals("pass", multi.path("status").asText(), multi.toString());
            JsonNode tcp = multi.path("checks").get(1);
            assertEquals("ok", tcp.path("outcome").asText(), tcp.toString());
            assertEquals("127.0.0.1", tcp.path("address").asText(), "the address the client gets through on");
            List<String> probed = new ArrayList<>();
            for (JsonNode a : tcp.path("evidence").path("confirmation").path("addresses")) {
                probed.add(a.path("address").asText() + " " + a.path("outcome").asText());
            }
            assertTrue(probed.contains("127.0.0.3 tcp-refused") && probed.contains("127.0.0.1 ok") && probed.size() == 3,
                    "every address with its own outcome: " + probed);
            assertTrue(multi.path("note").asText().contains("127.0.0.3"), "the dead address is named as a warning: " + multi.path("note"));
            JsonNode dead = requirement(report, "dead-tcp");
            assertEquals("fail", dead.path("status").asText(), dead.toString());
            assertTrue(dead.path("checks").get(1).path("detail").asText().contains("all 2 addresses failed"), dead.toString());
            assertEquals(2, r.exit(), r.err());
            assertTrue(report.path("host").has("globalIpv6"), "the report says whether this PC has IPv6: " + report.path("host"));
        }
    }

    private static JsonNode requirement(JsonNode report, String id) {
        for (JsonNode q : report.path("requirements")) {
            if (q.path("id").asText().equals(id)) {
                return q;
            }
        }
        throw new AssertionError("no requirement " + id);
    }
}
