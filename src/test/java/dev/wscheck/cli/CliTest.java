package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wscheck.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real command line, with captured streams. Every case here ends before the first packet:
 * bad input is rejected up front, with one line and exit code 3.
 */
class CliTest {
    @TempDir
    static Path tmp;

    record BadInput(String name, List<String> args, String expectedMessage) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadInput> badInput() throws IOException {
        Path notYaml = Files.writeString(tmp.resolve("not-a-catalog.yaml"), "this: [is not: a catalog");
        Path badRanges = Files.writeString(tmp.resolve("ip-ranges.json"), "{\"syncToken\": \"1\", \"createDate\": \"yesterday\", \"prefixes\": []}");
        Path notPem = Files.writeString(tmp.resolve("root.pem"), "not a certificate");
        return Stream.of(
                new BadInput("unknown region", List.of("check", "--region", "mars-north-1"), "--region mars-north-1: unknown region"),
                new BadInput("unknown region from WSCHECK_REGION is named as such", List.of("check"), "WSCHECK_REGION"),
                new BadInput("malformed catalog", List.of("check", "--catalog", notYaml.toString()), "--catalog " + notYaml),
                new BadInput("missing catalog", List.of("check", "--catalog", tmp.resolve("nope.yaml").toString()), "no such file"),
                new BadInput("malformed ip-ranges", List.of("check", "--ip-ranges", badRanges.toString()), "createDate missing or not in YYYY-MM-DD-hh-mm-ss form"),
                new BadInput("invalid duration", List.of("check", "--timeout", "fast"), "'fast' is not a duration"),
                new BadInput("zero duration", List.of("check", "--deadline", "0s"), "must be longer than zero"),
                new BadInput("samples out of range", List.of("check", "--samples", "0"), "--samples 0: use 1 to 100"),
                new BadInput("malformed DNS server", List.of("check", "--dns-server", "300.1.2.3"), "--dns-server 300.1.2.3: not an IP address or host name"),
                new BadInput("DNS server port out of range", List.of("check", "--dns-server", "127.0.0.1:70000"), "port out of range"),
                new BadInput("unknown format", List.of("check", "--format", "yaml"), "--format yaml: unknown format"),
                new BadInput("output into a missing directory", List.of("check", "-o", tmp.resolve("no/such/dir/r.json").toString()), "does not exist"),
                new BadInput("output with an unknown extension", List.of("check", "-o", tmp.resolve("r.txt").toString()), "cannot tell the format"),
                new BadInput("trust file that holds no certificate", List.of("check", "--trust", notPem.toString()), "--trust " + notPem),
                new BadInput("unknown --only value", List.of("check", "--only", "teleport"), "--only teleport: no requirement id or category"),
                new BadInput("unknown protocol", List.of("check", "--protocol", "rdp"), "--protocol rdp"),
                new BadInput("malformed registration code", List.of("check", "--registration-code", "hello"), "--registration-code: registration code 'hello' has no '+'"),
                new BadInput("unknown registration-code prefix: an error, not a silent fallback to Tokyo", List.of("check", "--registration-code", "WSxyz+ABC123"),
                        "--registration-code WSxyz+...: the prefix names no region this catalog knows"),
                new BadInput("a directory as the catalog", List.of("check", "--catalog", tmp.toString()), "--catalog " + tmp + ": is a directory, not a catalog file"),
                new BadInput("unknown language", List.of("--lang", "fr", "check"), "--lang fr"),
                new BadInput("unknown option", List.of("check", "--frobnicate"), "Unknown option: '--frobnicate'"),
                new BadInput("explain of nothing known", List.of("explain", "no-such-thing"), "explain no-such-thing"),
                new BadInput("requirements in an unknown format", List.of("requirements", "--region", "ap-northeast-1", "--format", "xml"), "--format xml"));
    }

    @ParameterizedTest(name = "{0}: one line, exit 3")
    @MethodSource("badInput")
    void badInputIsOneLineAndExitThree(BadInput c) {
        java.util.Map<String, String> env = c.name().contains("WSCHECK_REGION") ? java.util.Map.of("WSCHECK_REGION", "atlantis-1") : java.util.Map.of();
        CliRun r = CliRun.of(env, c.args().toArray(new String[0]));
        assertEquals(3, r.exit(), r.err());
        String[] lines = r.errLines();
        assertEquals(1, lines.length, "exactly one line on stderr, got: " + r.err());
        assertTrue(lines[0].startsWith("wscheck: "), lines[0]);
        assertTrue(lines[0].contains(c.expectedMessage()), lines[0]);
        assertFalse(r.err().contains("\tat "), "no stack trace without -v");
        assertEquals("", r.out(), "nothing on stdout");
    }

    @Test
    void badInputLeavesNoReportFileBehind() throws IOException {
        Path report = tmp.resolve("left-behind.json");
        CliRun r = CliRun.of("check", "--region", "mars-north-1", "-o", report.toString());
        assertEquals(3, r.exit());
        assertFalse(Files.exists(report));
        try (Stream<Path> files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("left-behind")), "no temporary file either");
        }
    }

    @Test
    void versionPrintsTheVersionAndExitsZero() {
        CliRun r = CliRun.of("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("wscheck "), r.out());
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.exit());
        for (String s : List.of("check", "requirements", "explain", "Exit codes", "CRITICAL")) {
            assertTrue(r.out().contains(s), "help mentions " + s);
        }
    }

    @Test
    void verboseShowsTheStackTraceOfAnError() {
        CliRun r = CliRun.of("check", "-v", "--region", "mars-north-1");
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void requirementsJsonIsTheEffectiveCatalogWithStableIds() throws IOException {
        CliRun r = CliRun.of("requirements", "--region", "ap-northeast-1", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("ap-northeast-1", root.path("region").path("code").asText());
        List<String> ids = new ArrayList<>();
        root.path("requirements").forEach(n -> ids.add(n.path("id").asText()));
        assertTrue(ids.containsAll(List.of("session-broker", "ws-broker", "pcoip-streaming-udp", "dcv-streaming-tcp", "pcoip-latency")), ids.toString());
        JsonNode udp = root.path("requirements").get(ids.indexOf("pcoip-streaming-udp"));
        assertEquals("never", udp.path("proxy").asText());
        assertEquals("udp://drp-nrt.amazonworkspaces.com:4172", udp.path("endpoints").get(0).asText());
    }

    @Test
    void requirementsTableNamesTokyoHostsPortsAndRanges() {
        CliRun r = CliRun.of("requirements", "--region", "ap-northeast-1");
        assertEquals(0, r.exit(), r.err());
        for (String s : List.of("skylight-cm.ap-northeast-1.amazonaws.com", "drp-nrt.amazonworkspaces.com", "54.250.251.0/24",
                "3.114.164.0/22", "TCP+UDP 4172", "TCP+UDP 4195", "best below 100 ms")) {
            assertTrue(r.out().contains(s), "table mentions " + s);
        }
    }

    @Test
    void explainPrintsMeaningAndRemediationOfAnOutcome() {
        CliRun r = CliRun.of("explain", "tcp-refused");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("tcp-refused (tcp probe): "), r.out());
        assertTrue(r.out().contains("What to do: Allow outbound TCP"), r.out());
    }

    @Test
    void explainSpeaksJapaneseWhenAsked() {
        CliRun r = CliRun.of("--lang", "ja", "explain", "udp-no-reply");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("UDP"), r.out());
        assertTrue(r.out().contains("許可してください"), r.out());
    }

    @Test
    void explainDescribesARequirement() {
        CliRun r = CliRun.of("explain", "pcoip-streaming-udp");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("udp://{healthCheckHost}:4172"), r.out());
    }

    @Test
    void checkIsTheDefaultCommand() {
        assertEquals(List.of("check", "--region", "x"), List.of(Cli.withDefaultCommand(new String[] {"--region", "x"})));
        assertEquals(List.of("--version"), List.of(Cli.withDefaultCommand(new String[] {"--version"})));
        assertEquals(List.of("requirements", "--region", "x"), List.of(Cli.withDefaultCommand(new String[] {"requirements", "--region", "x"})));
    }
}
