package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.catalog.RequirementDef;
import dev.wscheck.probe.Outcome;
import dev.wscheck.report.DisplayWidth;
import dev.wscheck.testing.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Japanese all the way through on the command line's side: bad input (wscheck's own errors and
 * picocli's usage errors) is one Japanese line with exit 3, also when the configuration file asks
 * for Japanese; {@code explain} of every outcome code and every requirement, and
 * {@code requirements} in table and Markdown, carry no English sentence. Every case ends before
 * the first packet.
 */
class JapaneseCommandsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TempDir
    static Path tmp;

    record BadInput(String name, List<String> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadInput> badInput() throws IOException {
        Path notYaml = Files.writeString(tmp.resolve("not-a-catalog.yaml"), "this: [is not: a catalog");
        Path badRanges = Files.writeString(tmp.resolve("ip-ranges.json"), "{\"syncToken\": \"1\", \"createDate\": \"yesterday\", \"prefixes\": []}");
        Path notPem = Files.writeString(tmp.resolve("root.pem"), "not a certificate");
        Path notReport = Files.writeString(tmp.resolve("report.json"), "{\"schemaVersion\": 99}");
        return Stream.of(
                new BadInput("an unknown region", List.of("check", "--region", "mars-north-1")),
                new BadInput("a missing catalog", List.of("check", "--catalog", tmp.resolve("nope.yaml").toString())),
                new BadInput("a directory as the catalog", List.of("check", "--catalog", tmp.toString())),
                new BadInput("a malformed ip-ranges.json", List.of("check", "--ip-ranges", badRanges.toString())),
                new BadInput("a word for a duration", List.of("check", "--timeout", "fast")),
                new BadInput("a zero deadline", List.of("check", "--deadline", "0s")),
                new BadInput("samples out of range", List.of("check", "--samples", "0")),
                new BadInput("samples that are no number", List.of("check", "--samples", "abc")),
                new BadInput("a malformed DNS server", List.of("check", "--dns-server", "300.1.2.3")),
                new BadInput("an unknown format", List.of("check", "--format", "yaml")),
                new BadInput("an output into a missing directory", List.of("check", "-o", tmp.resolve("no/such/dir/r.json").toString())),
                new BadInput("an output with an unknown extension", List.of("check", "-o", tmp.resolve("r.txt").toString())),
                new BadInput("a trust file without a certificate", List.of("check", "--trust", notPem.toString())),
                new BadInput("an unknown --only value", List.of("check", "--only", "teleport")),
                new BadInput("an unknown protocol", List.of("check", "--protocol", "rdp")),
                new BadInput("a registration code without '+'", List.of("check", "--registration-code", "hello")),
                new BadInput("a registration code of no known region", List.of("check", "--registration-code", "WSxyz+ABC123")),
                new BadInput("a proxy URL of another scheme", List.of("check", "--proxy", "ftp://proxy.example.com:21")),
                new BadInput("a proxy URL with a password", List.of("check", "--proxy", "http://u:secret@proxy.example.com:3128")),
                new BadInput("--alert-after without --history", List.of("check", "--alert-after", "3")),
                new BadInput("an unknown option", List.of("check", "--frobnicate")),
                new BadInput("two unknown options", List.of("check", "--frob", "--nic")),
                new BadInput("an option without its value", List.of("check", "--region")),
                new BadInput("an option given twice", List.of("check", "--region", "x", "--region", "y")),
                new BadInput("an argument no command takes", List.of("check", "extra")),
                new BadInput("explain of nothing", List.of("explain")),
                new BadInput("explain of nothing known", List.of("explain", "no-such-thing")),
                new BadInput("requirements in an unknown format", List.of("requirements", "--region", "ap-northeast-1", "--format", "xml")),
                new BadInput("a PAC without its proxy", List.of("requirements", "--region", "ap-northeast-1", "--format", "pac")),
                new BadInput("history without --history", List.of("history")),
                new BadInput("history since a word", List.of("history", "--history", tmp.toString(), "--since", "soon")),
                new BadInput("ip-ranges without update or show", List.of("ip-ranges")),
                new BadInput("ip-ranges lookup of a name", List.of("ip-ranges", "show", "--ip-ranges", badRanges.toString(), "--lookup", "x")),
                new BadInput("a report of another schema", List.of("report", notReport.toString())),
                new BadInput("a missing report", List.of("report", tmp.resolve("gone.json").toString())),
                new BadInput("serve on a name", List.of("serve", "--listen", "example.com:9100")),
                new BadInput("a reflector without its key", List.of("reflector")),
                new BadInput("regions in an unknown format", List.of("regions", "--format", "xml")));
    }

    @ParameterizedTest(name = "{0}: one Japanese line, exit 3")
    @MethodSource("badInput")
    void badInputIsOneJapaneseLine(BadInput c) {
        List<String> args = new ArrayList<>(List.of("--lang", "ja"));
        args.addAll(c.args());
        CliRun r = CliRun.of(Map.of("WSCHECK_CACHE_DIR", tmp.resolve("cache").toString()), args.toArray(new String[0]));
        assertEquals(3, r.exit(), r.err());
        assertEquals(1, r.errLines().length, "exactly one line on stderr, got: " + r.err());
        String line = r.errLines()[0];
        assertTrue(line.startsWith("wscheck: "), line);
        assertTrue(line.codePoints().anyMatch(cp -> cp > 0x3000), "Japanese: " + line);
        assertEquals(List.of(), EnglishWords.in(line), "English left in: " + line);
        assertFalse(r.err().contains("\tat "), "no stack trace without -v");
        assertEquals("", r.out(), "nothing on stdout");
    }

    @Test
    void theConfigurationFilesLanguageAppliesToErrorsToo() throws IOException {
        Path config = Files.writeString(tmp.resolve("site.properties"), "lang=ja\nsamples=0\n");
        CliRun r = CliRun.of("check", "--config", config.toString());
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().startsWith("wscheck: " + config + ":2: key 'samples': --samples 0: 1 から 100 の範囲で指定してください"), r.err());
        CliRun en = CliRun.of("--lang", "en", "check", "--config", config.toString());
        assertTrue(en.err().contains("--samples 0: use 1 to 100"), "--lang en on the command line wins: " + en.err());
    }

    static Stream<String> outcomes() {
        return Arrays.stream(Outcome.values()).map(Outcome::code);
    }

    @ParameterizedTest(name = "wscheck --lang ja explain {0}: Japanese throughout")
    @MethodSource("outcomes")
    void explainOfEveryOutcomeInJapanese(String code) {
        CliRun r = CliRun.of("--lang", "ja", "explain", code);
        assertEquals(0, r.exit(), r.err());
        for (String line : r.out().split("\\R")) {
            assertEquals(List.of(), EnglishWords.in(line.replaceAll("<\\w+>", " ")), "English left in: " + line);
        }
    }

    static Stream<String> requirements() {
        return CatalogLoader.builtin().requirements().stream().map(RequirementDef::id);
    }

    @ParameterizedTest(name = "wscheck --lang ja explain {0}: Japanese throughout, one label column")
    @MethodSource("requirements")
    void explainOfEveryRequirementInJapanese(String id) {
        CliRun r = CliRun.of("--lang", "ja", "explain", id);
        assertEquals(0, r.exit(), r.err());
        List<Integer> valueColumns = new ArrayList<>();
        String[] lines = r.out().split("\\R");
        for (String line : lines) {
            assertEquals(List.of(), EnglishWords.in(line.replaceAll("\\{\\w+}|<[^>]+>|\\(([a-z]+( -> )?)+\\)", " ")), "English left in: " + line);
        }
        for (int i = 2; i < lines.length; i++) {
            int gap = lines[i].indexOf(' ', 2);
            int start = gap;
            while (lines[i].charAt(start) == ' ') {
                start++;
            }
            valueColumns.add(DisplayWidth.of(lines[i].substring(0, start)));
        }
        assertEquals(1, valueColumns.stream().distinct().count(), "values start in one column: " + r.out());
    }

    @Test
    void explainMeaningsMirrorTheOutcomesEnglishMeaning() throws IOException {
        Properties en = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/dev/wscheck/cli/explain.properties"), StandardCharsets.UTF_8)) {
            en.load(in);
        }
        for (Outcome o : Outcome.values()) {
            assertEquals(o.meaning(), en.getProperty("meaning." + o.code()), "explain.properties meaning." + o.code());
        }
    }

    static Stream<String> requirementsGoldens() {
        return Stream.of("requirements-table.ja.txt", "requirements-markdown.ja.md", "requirements-table.paris.ja.txt",
                "requirements-table.osaka.ja.txt", "requirements-table.gov-west.ja.txt", "requirements-markdown.ningxia.ja.md");
    }

    /** The Japanese requirements goldens (written by RequirementsGoldenTest) hold no English sentence. */
    @ParameterizedTest(name = "{0}: no English sentences")
    @MethodSource("requirementsGoldens")
    void requirementsInJapaneseHaveNoEnglish(String file) throws IOException {
        List<String> english = new ArrayList<>();
        for (String line : Files.readAllLines(GOLDEN.resolve(file), StandardCharsets.UTF_8)) {
            String text = line.replaceAll("`[^`]*`|\\[[A-Za-z0-9-]+]|</?details>|</?summary>", " ")   // code spans, source keys, HTML
                    .replaceAll("\\b(Get-AWSPublicIpAddressRange|PowerShell|AMAZON|GLOBAL|GLOBALACCELERATOR|EC2|S3|createDate)\\b|<br>", " ")
                    .replaceAll("（builtin）|Global Accelerator|CloudFront|Health ページ|<directory ID>", " ")    // names of things
                    .replaceAll("[0-9a-f]*:[0-9a-f:]*(/\\d+)?", " ");                                       // IPv6 prefixes
            EnglishWords.in(text).forEach(w -> english.add(w + " in: " + line));
        }
        assertEquals(List.of(), english, "English in " + file);
    }

    record Golden(String file, List<String> args) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Golden> goldens() {
        return Stream.of(new Golden("explain-tcp-refused.ja.txt", List.of("--lang", "ja", "explain", "tcp-refused")),
                new Golden("explain-pcoip-streaming-udp.ja.txt", List.of("--lang", "ja", "explain", "pcoip-streaming-udp")),
                new Golden("explain-pcoip-streaming-udp.txt", List.of("explain", "pcoip-streaming-udp")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void explainMatchesGolden(Golden g) throws IOException {
        CliRun r = CliRun.of(g.args().toArray(new String[0]));
        assertEquals(0, r.exit(), r.err());
        String actual = r.out().replace("\r\n", "\n");
        Path file = GOLDEN.resolve(g.file());
        if (Boolean.getBoolean("wscheck.updateGolden") || !Files.exists(file)) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "differs from " + file);
    }
}
