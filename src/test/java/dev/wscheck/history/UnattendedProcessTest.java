package dev.wscheck.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wscheck.Main;
import dev.wscheck.fixtures.DnsFixture;
import dev.wscheck.fixtures.TcpFixture;
import dev.wscheck.testing.JavaProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unattended safety with real processes (contract §7, docs/scheduling.md): the history lock
 * between two wscheck processes and its take-over when the holder is killed -9; SIGTERM during a
 * run still writing a partial report marked interrupted, with no temporary file left; and kill -9
 * during history writes leaving every stored run readable. The slow run checks a black-holed
 * loopback port (the kernel drops the SYNs), so it waits for its timeout.
 */
@DisabledOnOs(OS.WINDOWS) // signals: Process.destroy() is SIGTERM on Unix only
class UnattendedProcessTest {
    @TempDir
    static Path tmp;

    private static DnsFixture dns;
    private static TcpFixture blackHoled;
    private static TcpFixture accepting;
    private static Path catalog;

    @BeforeAll
    static void start() throws IOException {
        dns = DnsFixture.start();
        dns.answer("drp.wscheck.test", "127.0.0.1");
        blackHoled = TcpFixture.blackHoled();
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
                  - {id: pcoip-streaming-tcp, category: streaming, title: "PCoIP TCP", protocol: pcoip, proxy: never, probes: [dns, tcp], endpoints: ["tcp://drp.wscheck.test:OPEN"], source: T}
                  - {id: dcv-streaming-tcp, category: streaming, title: "DCV TCP", protocol: dcv, proxy: never, probes: [dns, tcp], endpoints: ["tcp://drp.wscheck.test:SLOW"], source: T}
                """.replace("OPEN", Integer.toString(accepting.port())).replace("SLOW", Integer.toString(blackHoled.port())));
    }

    @AfterAll
    static void stop() throws Exception {
        dns.close();
        blackHoled.close();
        accepting.close();
    }

    /** wscheck check in its own JVM; {@code timeout} long makes it wait on the black-holed port. */
    private static Process wscheck(String name, String timeout, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("check", "--region", "ap-northeast-1", "--catalog", catalog.toString(), "--proxy", "none",
                "--dns-server", "127.0.0.1:" + dns.address().getPort(), "--timeout", timeout, "--deadline", "60s"));
        args.addAll(List.of(extra));
        return JavaProcess.start(Main.class, tmp.resolve(name + ".out"), tmp.resolve(name + ".err"), args);
    }

    private static String read(String name) throws IOException {
        return Files.readString(tmp.resolve(name));
    }

    /** Waits until the lock file of {@code history} names {@code p}: the run holds the lock and is under way. */
    private static void awaitHolder(Path history, Process p) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Path lock = history.resolve(".lock");
        while (System.nanoTime() < until) {
            if (Files.exists(lock) && Files.readString(lock).trim().equals(Long.toString(p.pid()))) {
                return;
            }
            assertTrue(p.isAlive(), "the run ended early: " + read("a.err"));
            Thread.sleep(50);
        }
        throw new AssertionError("the run never took the lock");
    }

    @Test
    void aSecondProcessExitsAtOnceNamingTheHolderAndAKilledHoldersLockIsTakenOver() throws Exception {
        Path history = tmp.resolve("locked");
        Process a = wscheck("a", "30s", "--history", history.toString());
        try {
            awaitHolder(history, a);
            long t0 = System.nanoTime();
            Process b = wscheck("b", "2s", "--history", history.toString());
            assertTrue(b.waitFor(30, TimeUnit.SECONDS));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(3, b.exitValue(), read("b.err"));
            assertEquals("wscheck: --history " + history + ": another wscheck run (PID " + a.pid() + ") is using this history; this run did not start",
                    read("b.err").strip());
            assertEquals("", read("b.out"));
            System.err.println("UnattendedProcessTest: the second process exited 3 after " + ms + " ms (JVM start included)");
        } finally {
            a.destroyForcibly().waitFor(); // kill -9: the lock file stays, naming a process that is gone
        }
        assertTrue(Files.readString(history.resolve(".lock")).trim().equals(Long.toString(a.pid())), "the stale lock file is still there");
        Process c = wscheck("c", "1s", "--history", history.toString(), "--format", "json");
        assertTrue(c.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, c.exitValue(), "takes over the stale lock and runs (the black-holed port times out: fail): " + read("c.err"));
        try (Stream<Path> s = Files.list(history)) {
            assertEquals(1, s.filter(p -> p.getFileName().toString().startsWith("run-")).count());
        }
    }

    @Test
    void sigtermDuringARunWritesThePartialReportMarkedInterrupted() throws Exception {
        Path history = tmp.resolve("term");
        Path outDir = Files.createDirectories(tmp.resolve("term-out"));
        Path json = outDir.resolve("last.json");
        Process a = wscheck("a", "30s", "--history", history.toString(), "--format", "json", "-o", json.toString(), "-v");
        awaitHolder(history, a);
        // -v prints each finished check: wait for the open port's, while the black-holed one waits for its timeout.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!read("a.err").contains(":" + accepting.port() + ": ok") && System.nanoTime() < until) {
            assertTrue(a.isAlive(), read("a.err"));
            Thread.sleep(50);
        }
        Thread.sleep(200);
        long t0 = System.nanoTime();
        a.destroy(); // SIGTERM
        assertTrue(a.waitFor(20, TimeUnit.SECONDS), "ends within the hook's grace");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.err.println("UnattendedProcessTest: SIGTERM to exit took " + ms + " ms");
        assertEquals(143, a.exitValue(), "ends as SIGTERM says: " + read("a.err"));
        JsonNode stdout = new ObjectMapper().readTree(read("a.out"));
        JsonNode file = new ObjectMapper().readTree(json.toFile());
        for (JsonNode r : List.of(stdout, file)) {
            assertTrue(r.path("interrupted").asBoolean(), r.toString());
            JsonNode reqs = r.path("requirements");
            assertEquals("pass", reqs.get(0).path("status").asText(), "what finished is reported");
            assertEquals("inconclusive", reqs.get(1).path("status").asText());
            JsonNode tcp = reqs.get(1).path("checks").get(1);
            assertEquals("deadline-exceeded", tcp.path("outcome").asText());
            assertTrue(tcp.path("detail").asText().contains("interrupted"), tcp.toString());
        }
        try (Stream<Path> s = Files.list(outDir)) {
            assertEquals(List.of(json), s.toList(), "no temporary file left beside the report");
        }
        try (Stream<Path> s = Files.list(history)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith("run-")).count(), "an interrupted run is not history");
        }
        assertTrue(ms < 10_000, "SIGTERM to exit in " + ms + " ms");
    }

    @Test
    void killMinusNineDuringHistoryWritesLeavesEveryStoredRunReadable() throws Exception {
        Path history = tmp.resolve("kill9");
        new HistoryStore(history).create().append(ChangesTest.report(Instant.parse("2026-12-01T00:00:00Z"), Map.of("udp", "pass")));
        int before = 1;
        for (int round = 0; round < 3; round++) {
            Process w = JavaProcess.start(HistoryWriterMain.class, tmp.resolve("w.out"), tmp.resolve("w.err"), List.of(history.toString()));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!read("w.out").contains("appended 2") && System.nanoTime() < until) {
                assertTrue(w.isAlive(), read("w.err"));
                Thread.sleep(20);
            }
            Thread.sleep(37L * (round + 1)); // somewhere inside a later write
            w.destroyForcibly().waitFor();
            HistoryStore.Read read = new HistoryStore(history).read();
            assertEquals(List.of(), read.unreadable(), "no stored run is half-written");
            assertTrue(read.runs().size() > before, "the runs appended before the kill are all there");
            before = read.runs().size();
        }
    }
}
