package dev.wscheck.fuzz;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every input the fuzzer ever found, kept: {@code src/test/resources/fuzz/TARGET/NAME.hex} (the
 * bytes in hex, whitespace ignored; NAME says what it broke), replayed against the same rule.
 * Also replays every target's seeds, which must be accepted without an error.
 */
class FuzzRegressionTest {
    record Found(String name, FuzzTargets.FuzzTarget target, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static Stream<Found> corpus() throws IOException, URISyntaxException {
        Path root = Path.of(FuzzRegressionTest.class.getResource("/fuzz").toURI());
        List<Found> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".hex")).sorted().toList()) {
                String target = f.getParent().getFileName().toString();
                byte[] bytes = HexFormat.of().parseHex(Files.readString(f).replaceAll("\\s", ""));
                out.add(new Found(target + "/" + f.getFileName(), FuzzTargets.named(target), bytes));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aFindingStaysFixed(Found f) {
        assertNull(FuzzRule.violation(f.target(), f.bytes()));
    }

    @Test
    void theCorpusIsNotEmpty() throws Exception {
        assertTrue(corpus().findAny().isPresent(), "src/test/resources/fuzz holds the findings");
    }

    static Stream<Found> seeds() {
        List<Found> out = new ArrayList<>();
        for (FuzzTargets.FuzzTarget t : FuzzTargets.ALL) {
            for (int i = 0; i < t.seeds().size(); i++) {
                out.add(new Found(t.name() + " seed " + i, t, t.seeds().get(i)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void everySeedKeepsTheRule(Found f) {
        assertNull(FuzzRule.violation(f.target(), f.bytes()));
    }
}
