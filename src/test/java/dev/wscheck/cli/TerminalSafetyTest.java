package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.testing.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A saved report or a stored history run is a file that may come from anywhere (a ticket's
 * attachment, a branch PC): terminal escape sequences planted in its texts reach no output of
 * {@code wscheck report} or {@code wscheck history}; they are shown as {@code \\u001b}.
 */
class TerminalSafetyTest {
    private static final Path SAVED = Path.of("src/test/resources/golden/check-tokyo-inspected.json");
    /** Clears the screen, then retitles the terminal window (OSC 0), then a C1 control. */
    private static final String PLANTED = "\u001b[2J\u001b]0;pwned\u0007\u009b";

    @TempDir
    static Path tmp;

    record Case(String name, List<String> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        String json = Files.readString(SAVED, StandardCharsets.UTF_8)
                .replace("\"title\" : \"WS broker\"", "\"title\" : \"WS broker" + escaped(PLANTED) + "\"")
                .replace("\"detail\" : \"direct => skylight-cm.ap-northeast-1.amazonaws.com:443: ok\"",
                        "\"detail\" : \"direct => skylight-cm.ap-northeast-1.amazonaws.com:443: ok" + escaped(PLANTED) + "\"")
                .replace("\"status\" : \"fail\"", "\"status\" : \"fail" + escaped(PLANTED) + "\"");
        Path report = Files.writeString(tmp.resolve("planted.json"), json, StandardCharsets.UTF_8);
        Path history = Files.createDirectories(tmp.resolve("history"));
        Files.writeString(history.resolve("run-20261128T100000.000Z.json"), json, StandardCharsets.UTF_8);
        return Stream.of(
                new Case("report, console", List.of("report", report.toString(), "--no-color")),
                new Case("report, console -v", List.of("report", report.toString(), "--no-color", "-v")),
                new Case("report, console in Japanese", List.of("report", report.toString(), "--no-color", "--lang", "ja")),
                new Case("report, Markdown", List.of("report", report.toString(), "--format", "markdown")),
                new Case("history, table", List.of("history", "--history", history.toString())),
                new Case("history, csv", List.of("history", "--history", history.toString(), "--format", "csv")));
    }

    /** The JSON escape of each character, as a file would carry it. */
    private static String escaped(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(String.format("\\u%04x", c)));
        return b.toString();
    }

    @ParameterizedTest(name = "{0}: no control character reaches the output")
    @MethodSource("cases")
    void plantedEscapesAreShownNotSent(Case c) {
        CliRun r = CliRun.of(c.args().toArray(new String[0]));
        assertEquals("", r.err(), "no error: " + r.err());
        assertFalse(r.out().isEmpty(), "the command printed something");
        for (char ctl : new char[] {'\u001b', '\u0007', '\u009b'}) {
            assertFalse(r.out().indexOf(ctl) >= 0, "control character " + (int) ctl + " in the output:\n" + r.out());
        }
        assertTrue(r.out().contains("\\u001b"), "the planted escape is shown as text:\n" + r.out());
    }
}
