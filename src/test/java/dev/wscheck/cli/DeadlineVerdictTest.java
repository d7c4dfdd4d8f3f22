package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wscheck.fixtures.DnsFixture;
import dev.wscheck.fixtures.TcpFixture;
import dev.wscheck.testing.CliRun;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract §2: a run is never OK unless it was judged. A dead network (every check cut by
 * --deadline) is UNKNOWN, not OK; a run some of whose checks were cut is at least WARNING.
 */
class DeadlineVerdictTest {
    @TempDir
    Path tmp;

    static final String CATALOG = TestCatalogs.HEAD + """
            requirements:
              - {id: pcoip-streaming-tcp, category: streaming, title: "open port", protocol: pcoip, proxy: never, probes: [dns, tcp], endpoints: ["tcp://drp.wscheck.test:${ACCEPT}"], source: T}
              - {id: dcv-streaming-tcp, category: streaming, title: "black hole", protocol: dcv, proxy: never, probes: [dns, tcp], endpoints: ["tcp://ws.wscheck.test:${BLACKHOLE}"], source: T}
            """;

    record Case(String name, boolean dnsSilent, int exit, String status, Set<String> outcomes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a silent DNS server and a deadline shorter than the timeout: nothing judged, UNKNOWN (3)", true, 3, "inconclusive",
                        Set.of("deadline-exceeded")),
                new Case("one port open, one black hole cut by the deadline: WARNING (1), not OK", false, 1, "warn",
                        Set.of("ok", "deadline-exceeded")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aRunCutShortIsNeverOk(Case c) throws Exception {
        try (DnsFixture dns = DnsFixture.start(); TcpFixture accept = TcpFixture.accepting(); TcpFixture blackHole = TcpFixture.blackHoled()) {
            if (c.dnsSilent()) {
                dns.silent();
            } else {
                dns.answer("drp.wscheck.test", "127.0.0.1").answer("ws.wscheck.test", "127.0.0.1");
            }
            Path catalog = TestCatalogs.write(tmp.resolve("deadline.yaml"), CATALOG,
                    Map.of("ACCEPT", Integer.toString(accept.port()), "BLACKHOLE", Integer.toString(blackHole.port())));
            CliRun r = CliRun.of("check", "--region", "ap-northeast-1", "--catalog", catalog.toString(), "--format", "json",
                    "--dns-server", "127.0.0.1:" + dns.address().getPort(), "--timeout", "20s", "--deadline", "1500ms");
            JsonNode report = new ObjectMapper().readTree(r.out());
            Set<String> outcomes = new HashSet<>();
            for (JsonNode q : report.path("requirements")) {
                for (JsonNode check : q.path("checks")) {
                    outcomes.add(check.path("outcome").asText());
                }
            }
            assertTrue(outcomes.containsAll(c.outcomes()), "outcomes " + outcomes);
            assertEquals(c.status(), report.path("status").asText());
            assertEquals(c.exit(), r.exit(), r.err());
        }
    }
}
