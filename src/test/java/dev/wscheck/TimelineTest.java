package dev.wscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * WSCHECK_TIMELINE=1 writes where the run's time went to stderr, after the report; without it
 * nothing changes. Run as a real process (the switch is read from the process environment once),
 * with --version, which sends nothing anywhere.
 */
class TimelineTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "with WSCHECK_TIMELINE=1 the marks follow on stderr, stdout unchanged|1|true",
        "without it stderr stays empty|0|false"})
    void theTimelineIsOnlyWrittenWhenAsked(String name, String value, boolean expected) throws IOException, InterruptedException {
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.wscheck.Main", "--version")
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("WSCHECK_TIMELINE", value);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "wscheck --version ended");
        assertEquals(0, p.exitValue());
        assertEquals("wscheck " + Version.get(), Files.readString(out, StandardCharsets.UTF_8).trim(), name);
        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
        if (expected) {
            assertTrue(lines.size() >= 3, "main, exit and the shutdown line: " + lines);
            assertTrue(lines.get(0).matches("timeline +\\d+ ms  cpu +\\d+ ms  main"), lines.get(0));
            assertTrue(lines.stream().anyMatch(l -> l.endsWith("  exit")), lines.toString());
            assertTrue(lines.get(lines.size() - 1).endsWith("shutdown hooks running"), lines.toString());
        } else {
            assertEquals(List.of(), lines, name);
        }
    }
}
