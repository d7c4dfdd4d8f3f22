package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wscheck.fixtures.DnsFixture;
import dev.wscheck.fixtures.TcpFixture;
import dev.wscheck.history.HistoryLock;
import dev.wscheck.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --history} end to end against loopback fixtures (contract §7): a requirement that
 * passes, then fails twice (its name starts resolving to an address where nothing listens), with
 * {@code --alert-after 2}: exit 0, then 1 with a change and failStreak 1, then 2 with failStreak 2;
 * the stored runs are the reports as written; {@code wscheck history} shows the transition; -q
 * and the Nagios line; a held lock stops a second run at once.
 */
class CheckHistoryTest {
    @TempDir
    static Path tmp;

    private static DnsFixture dns;
    private static TcpFixture accepting;
    private static Path catalog;

    @BeforeAll
    static void start() throws IOException {
        dns = DnsFixture.start();
        dns.answer("up.wscheck.test", "127.0.0.1");
        accepting = TcpFixture.accepting();
        catalog = Files.writeString(tmp.resolve("catalog.yaml"), """
                schemaVersion: 1
                version: "test"
                expectPrivateAddresses: true
                sources:
                  T: {title: "test fixtures", url: "https://example.invalid/", date: "2026-11-28"}
                protocols:
                  pcoip: {title: PCoIP, latency: {high: 100ms, critical: 375ms}, source: T}
                  dcv: {title: DCV, latency: {high: 250ms, critical: 400ms}, source: T}
                publicRoots:
                  - {name: "placeholder", spkiSha256: "0000000000000000000000000000000000000000000000000000000000000000"}
                regions:
                  ap-northeast-1: {name: "Test Tokyo", airport: nrt, source: T, healthCheck: {host: drp.wscheck.test}}
                requirements:
                  - {id: pcoip-streaming-tcp, category: streaming, title: "PCoIP TCP", protocol: pcoip, proxy: never, probes: [dns, tcp], endpoints: ["tcp://drp.wscheck.test:PORT"], source: T}
                  - {id: dcv-streaming-tcp, category: streaming, title: "DCV TCP", protocol: dcv, proxy: never, probes: [dns, tcp], endpoints: ["tcp://up.wscheck.test:PORT"], source: T}
                """.replace("PORT", Integer.toString(accepting.port())));
    }

    @AfterAll
    static void stop() throws Exception {
        dns.close();
        accepting.close();
    }

    private static CliRun check(Path history, String... extra) {
        List<String> args = new ArrayList<>(List.of("check", "--region", "ap-northeast-1", "--catalog", catalog.toString(), "--proxy", "none",
                "--dns-server", "127.0.0.1:" + dns.address().getPort(), "--timeout", "2s", "--history", history.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(new String[0]));
    }

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    private static JsonNode requirement(JsonNode report, String id) {
        for (JsonNode r : report.path("requirements")) {
            if (r.path("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no " + id);
    }

    private static void reachable(boolean yes) {
        // 127.0.0.2 is loopback too, but nothing listens there: the connect is refused.
        dns.answer("drp.wscheck.test", yes ? "127.0.0.1" : "127.0.0.2");
    }

    @Test
    void cleanThenFailingTwiceWithAlertAfterTwoGivesExitZeroOneTwo() throws IOException {
        Path history = tmp.resolve("three-runs");
        reachable(true);
        CliRun first = check(history, "--alert-after", "2", "--format", "json");
        assertEquals(0, first.exit(), first.err());
        JsonNode r1 = json(first.out());
        assertTrue(r1.path("changes").isArray() && r1.path("changes").isEmpty(), "first run: changes [] " + r1.path("changes"));

        reachable(false);
        Path written = tmp.resolve("second.json");
        CliRun second = check(history, "--alert-after", "2", "--format", "json", "-o", written.toString());
        assertEquals(1, second.exit(), "one failing run of two needed: at most WARNING " + second.err());
        JsonNode r2 = json(second.out());
        assertEquals("warn", r2.path("status").asText(), "the top-level status follows the exit code");
        JsonNode q2 = requirement(r2, "pcoip-streaming-tcp");
        assertEquals("fail", q2.path("status").asText(), "the requirement keeps its own status");
        assertEquals(1, q2.path("failStreak").asInt());
        assertTrue(requirement(r2, "dcv-streaming-tcp").path("failStreak").isMissingNode(), "failStreak only on failing requirements");
        assertEquals(1, r2.path("changes").size(), r2.path("changes").toString());
        JsonNode change = r2.path("changes").get(0);
        assertEquals("pcoip-streaming-tcp", change.path("requirement").asText());
        assertEquals("pass", change.path("from").asText());
        assertEquals("fail", change.path("to").asText());
        assertEquals(r1.path("startedAt").asText(), change.path("since").asText(), "since = the previous run's startedAt");

        CliRun third = check(history, "--alert-after", "2");
        assertEquals(2, third.exit(), third.out() + third.err());
        assertFalse(third.out().contains("Changed since"), "nothing changed between the second and third run:\n" + third.out());

        // What is stored is the report as the run wrote it.
        List<Path> stored;
        try (Stream<Path> s = Files.list(history)) {
            stored = s.filter(p -> p.getFileName().toString().startsWith("run-")).sorted().toList();
        }
        assertEquals(3, stored.size(), stored.toString());
        assertEquals(Files.readString(written), Files.readString(stored.get(1)), "stored run 2 = its -o JSON");
        JsonNode r3 = json(Files.readString(stored.get(2)));
        assertEquals(2, requirement(r3, "pcoip-streaming-tcp").path("failStreak").asInt());
        assertEquals("fail", r3.path("status").asText());

        CliRun timeline = CliRun.of("history", "--history", history.toString(), "--format", "json");
        assertEquals(0, timeline.exit(), timeline.err());
        JsonNode t = json(timeline.out());
        assertEquals(3, t.path("runs").size());
        assertEquals(1, t.path("transitions").size(), t.toString());
        JsonNode tr = t.path("transitions").get(0);
        assertEquals("pcoip-streaming-tcp", tr.path("requirement").asText());
        assertEquals("tcp-refused", tr.path("outcome").asText(), tr.toString());
        assertEquals(r2.path("startedAt").asText(), tr.path("at").asText());

        CliRun csv = CliRun.of("history", "--history", history.toString(), "--format", "csv");
        assertEquals(5, csv.out().split("\r\n").length, csv.out());
        CliRun table = CliRun.of("history", "--history", history.toString());
        assertTrue(table.out().contains("pcoip-streaming-tcp: pass -> fail (tcp-refused on tcp drp.wscheck.test:"), table.out());
    }

    @Test
    void theConsoleLeadsWithTheChange() {
        Path history = tmp.resolve("console");
        reachable(true);
        assertEquals(0, check(history).exit());
        reachable(false);
        CliRun r = check(history);
        List<String> lines = List.of(r.out().split("\\R"));
        int changed = lines.indexOf("Changed since the previous run:");
        int firstVerdict = lines.indexOf(lines.stream().filter(l -> l.startsWith("  FAIL") || l.startsWith("  PASS")).findFirst().orElse(""));
        assertTrue(changed > 0 && changed < firstVerdict, "the change leads, after the header and before any verdict:\n" + r.out());
        assertTrue(lines.get(changed + 1).matches("  TCP \\d+ to drp\\.wscheck\\.test: pass -> fail since \\d\\d:\\d\\d \\(pcoip-streaming-tcp\\)"), lines.get(changed + 1));
        assertEquals(2, r.exit(), "without --alert-after the first failure is CRITICAL");
    }

    @Test
    void quietPrintsTheVerdictLinesAndTheResultLineOnly() {
        reachable(false);
        CliRun r = check(tmp.resolve("quiet"), "-q");
        String[] lines = r.out().split("\\R");
        assertEquals(4, lines.length, r.out());
        assertTrue(lines[0].contains("HTTPS 443"), r.out());
        assertTrue(lines[1].startsWith("PCoIP") && lines[1].contains("pcoip-streaming-tcp"), r.out());
        assertTrue(lines[3].startsWith("Result: 1 pass, 0 warn, 1 fail"), r.out());
    }

    @Test
    void nagiosIsOneLineWithPerformanceData() {
        reachable(false);
        CliRun r = check(tmp.resolve("nagios"), "--format", "nagios");
        assertEquals(2, r.exit());
        assertTrue(r.out().matches("WSCHECK CRITICAL - pcoip-streaming-tcp fail \\(tcp-refused, failed 1 run in a row\\) \\| "
                + "duration=\\d+\\.\\ds pass=1 warn=0 fail=1 inconclusive=0 skip=0\\R"), r.out());
        reachable(true);
        CliRun ok = check(tmp.resolve("nagios-ok"), "--format", "nagios");
        assertTrue(ok.out().startsWith("WSCHECK OK - 2 requirements pass | duration="), ok.out());
    }

    @Test
    void aHeldHistoryStopsASecondRunAtOnceNamingTheHolder() throws IOException {
        Path history = Files.createDirectories(tmp.resolve("held"));
        check(history, "--samples", "0"); // loads the command line's classes: what follows measures the lock alone
        try (HistoryLock held = HistoryLock.acquire(history)) {
            long t0 = System.nanoTime();
            CliRun r = check(history);
            assertEquals(3, r.exit());
            assertEquals("wscheck: --history " + history + ": another wscheck run (PID " + ProcessHandle.current().pid()
                    + ") is using this history; this run did not start", r.err().strip());
            assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "at once: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            assertEquals("", r.out());
        }
        assertEquals(0, check(history).exit() & 0, "released: runs again");
    }

    @Test
    void alertAfterWithoutHistoryIsBadInput() {
        CliRun r = CliRun.of("check", "--region", "ap-northeast-1", "--catalog", catalog.toString(), "--alert-after", "2");
        assertEquals(3, r.exit());
        assertEquals("wscheck: --alert-after 2: needs --history DIR (the runs it counts)", r.err().strip());
    }
}
