package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * Issue 13: one lost DNS datagram became a dns-timeout FAIL (or dns-inconsistent), and the same
 * scenario gave exit 1 on one run and 2 on the next. With 10 % of the queries lost at random, 20
 * runs must all pass: wscheck re-sends as the OS's stub resolver does.
 */
class LossyDnsTest {
    @TempDir
    Path tmp;

    @Test
    void twentyRunsWithTenPercentDnsLossGiveNoDnsTimeout() throws Exception {
        try (DnsFixture dns = DnsFixture.start(); TcpFixture accept = TcpFixture.accepting()) {
            dns.answer("multi.wscheck.test", "127.0.0.1").answer("dead.wscheck.test", "127.0.0.1").answer("drp.wscheck.test", "127.0.0.1")
                    .loss(0.10);
            Path catalog = TestCatalogs.write(tmp.resolve("multi.yaml"), TestCatalogs.MULTI, Map.of("ACCEPT", Integer.toString(accept.port())));
            List<String> bad = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                CliRun r = CliRun.of("check", "--region", "ap-northeast-1", "--catalog", catalog.toString(), "--format", "json",
                        "--dns-server", "127.0.0.1:" + dns.address().getPort(), "--timeout", "3s", "--samples", "2");
                JsonNode report = new ObjectMapper().readTree(r.out());
                if (r.exit() != 0 || report.toString().contains("\"dns-timeout\"")) {
                    bad.add("run " + (i + 1) + ": exit " + r.exit() + " " + report.path("status"));
                }
            }
            assertEquals(List.of(), bad, "runs with a DNS failure out of 20 with 10% loss");
        }
    }
}
