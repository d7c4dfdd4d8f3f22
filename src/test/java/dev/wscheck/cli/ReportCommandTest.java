package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.testing.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code wscheck report FILE.json}: a saved report in every format and language, redacted on request; a bad file is one line, exit 3. */
class ReportCommandTest {
    private static final Path SAVED = Path.of("src/test/resources/golden/check-tokyo-inspected.json");

    record Case(String name, List<String> args, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("console by default", List.of(), "TLS inspection detected"),
                new Case("console in Japanese", List.of("--lang", "ja"), "このネットワークから Amazon WorkSpaces を使えますか"),
                new Case("HTML", List.of("--format", "html"), "<tr id=\"req-ws-broker\">"),
                new Case("Markdown", List.of("--format", "markdown"), "| `ws-broker` | **FAIL** | `tls-intercepted` |"),
                new Case("JUnit XML", List.of("--format", "junit"), "<failure type=\"tls-intercepted\""),
                new Case("an English report read in Japanese: titles and details translated whole", List.of("--lang", "ja", "--format", "html"),
                        "Zscaler Root CA (Zscaler Inc.) でしか検証できません（AWS の公開ルートではありません）"),
                new Case("an English report read in Japanese: requirement titles", List.of("--lang", "ja", "--format", "markdown"),
                        "| `ws-broker` | **不合格** |"),
                new Case("JSON again", List.of("--format", "json"), "\"schemaVersion\" : 1"),
                new Case("redacted JSON", List.of("--format", "json", "--redact"), "\"hostname\" : \"<redacted>\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersSavedReport(Case c) {
        List<String> args = new java.util.ArrayList<>(List.of("report", SAVED.toString()));
        args.addAll(c.args());
        CliRun r = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(c.expected()), r.out());
        assertEquals("", r.err());
    }

    record RoundTrip(String saved, String format, String golden) {
        @Override
        public String toString() {
            return saved + " --lang ja --format " + format + " = " + golden;
        }
    }

    /** Each recorded English report, read back in Japanese in every format: the Japanese goldens (the Prometheus series have no language). */
    static Stream<RoundTrip> roundTrips() {
        List<RoundTrip> out = new java.util.ArrayList<>();
        for (String scenario : List.of("check-tokyo", "check-tokyo-inspected")) {
            out.add(new RoundTrip(scenario + ".json", "console", scenario + ".ja.console.txt"));
            out.add(new RoundTrip(scenario + ".json", "json", scenario + ".ja.json"));
            out.add(new RoundTrip(scenario + ".json", "html", scenario + ".ja.html"));
            out.add(new RoundTrip(scenario + ".json", "markdown", scenario + ".ja.md"));
            out.add(new RoundTrip(scenario + ".json", "junit", scenario + ".ja.junit.xml"));
            out.add(new RoundTrip(scenario + ".json", "prometheus", scenario + ".prom"));
            out.add(new RoundTrip(scenario + ".json", "nagios", scenario + ".ja.nagios.txt"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void anEnglishReportReadsInJapaneseInEveryFormat(RoundTrip t) throws Exception {
        Path golden = SAVED.resolveSibling(t.golden());
        CliRun r = CliRun.of("report", SAVED.resolveSibling(t.saved()).toString(), "--lang", "ja", "--format", t.format(), "--no-color");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), r.out().replace("\r\n", "\n"), "differs from " + golden);
    }

    @Test
    void writesEveryFileFormat(@TempDir Path tmp) throws Exception {
        List<String> names = List.of("r.json", "r.html", "r.md", "r.xml");
        List<String> args = new java.util.ArrayList<>(List.of("report", SAVED.toString(), "--redact"));
        for (String n : names) {
            args.add("-o");
            args.add(tmp.resolve(n).toString());
        }
        CliRun r = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, r.exit(), r.err());
        for (String n : names) {
            String s = Files.readString(tmp.resolve(n), StandardCharsets.UTF_8);
            assertTrue(s.contains("ws-broker"), n);
            assertFalse(s.contains("branch-pc-01"), n + " is redacted");
        }
    }

    @Test
    void malformedFileIsOneLineExitThree(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"schemaVersion\": 1, \"tool\": ");
        for (Path p : List.of(bad, tmp.resolve("missing.json"))) {
            CliRun r = CliRun.of("report", p.toString(), "--format", "html");
            assertEquals(3, r.exit());
            assertEquals(1, r.errLines().length, r.err());
            assertTrue(r.err().startsWith("wscheck: report " + p), r.err());
            assertEquals("", r.out());
        }
    }
}
