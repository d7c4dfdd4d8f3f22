package dev.wscheck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.WscheckException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The file feeds fuzz what they claim: a well-formed configuration gets through every option's
 * conversion and checks and stops only at planning (so a mutation that is still accepted is
 * really parsed), and well-formed history runs are read back as runs, not passed over.
 */
class FileFeedsTest {

    static Stream<Arguments> configSeeds() {
        List<byte[]> seeds = FileFeeds.configSeeds();
        return Stream.of(Arguments.of("the shipped branch-office configuration", seeds.get(0)),
                Arguments.of("a configuration with every kind of value", seeds.get(1)));
    }

    @ParameterizedTest(name = "{0} is accepted and the run stops at planning, before any packet")
    @MethodSource("configSeeds")
    void aWellFormedConfigurationReachesPlanning(String name, byte[] seed) {
        WscheckException stop = assertThrows(WscheckException.class, () -> FileFeeds.config(seed));
        assertTrue(stop.getMessage().contains("--only " + FileFeeds.NO_SUCH_REQUIREMENT + ": no requirement"), stop.getMessage());
    }

    static Stream<Arguments> badConfigurations() {
        return Stream.of(
                Arguments.of("an unknown key", "regoin=ap-northeast-1\n", "wscheck.properties:1: unknown key 'regoin'"),
                Arguments.of("a bad duration", "region=ap-northeast-1\ntimeout=soon\n", "wscheck.properties:2: key 'timeout'"),
                Arguments.of("samples out of range", "samples=0\n", "wscheck.properties:1: key 'samples': --samples 0: use 1 to 100"),
                Arguments.of("a vertical tab in a value (shown escaped, not as a line break)", "alert-after=3\u000bx\n",
                        "key 'alert-after': Invalid value for option '--alert-after': '3\\u000bx' is not an int"),
                Arguments.of("an escape sequence in a key (never sent to the terminal)", "\u001b[31mregion=x\n", "unknown key '\\u001b[31mregion'"));
    }

    @ParameterizedTest(name = "{0} is one line naming file, line and key")
    @MethodSource("badConfigurations")
    void aBadConfigurationIsOneLine(String name, String text, String expected) {
        WscheckException e = assertThrows(WscheckException.class, () -> FileFeeds.config(text.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void theHistorySeedsAreReadBackAsRunsNotPassedOver(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        List<byte[]> seeds = FileFeeds.historySeeds();
        java.nio.file.Files.write(dir.resolve("run-20261201T090000.000Z.json"), seeds.get(0));
        java.nio.file.Files.write(dir.resolve("run-20261201T100000.000Z.json"), seeds.get(1));
        dev.wscheck.testing.CliRun run = dev.wscheck.testing.CliRun.of("history", "--history", dir.toString(), "--format", "csv");
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertEquals(List.of("run", "run", "transition"), run.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList(), run.out());
        for (byte[] seed : seeds) {
            assertNull(FuzzRule.violation(FuzzTargets.named("history-run"), seed));
        }
    }
}
