package dev.wscheck.fuzz;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;

/**
 * The fuzz suite: inputs mutated from each target's seeds (bit flips, cuts, repeats, random bytes,
 * structural characters), fed to every parser of {@link FuzzTargets#ALL}, each held to
 * {@link FuzzRule}. A failing input is printed by jqwik; keep it as a regression case under
 * {@code src/test/resources/fuzz/TARGET/} (replayed by {@link FuzzRegressionTest}) and fix the parser.
 *
 * <p>Time-boxed: jqwik.tries.default tries in all (src/test/resources/junit-platform.properties: 1400), spread over the targets by
 * their {@link FuzzTargets.FuzzTarget#weight() weight} (about a minute on the 2-core CI machine); {@code -Djqwik.tries.default=N} runs longer, locally, and
 * {@code -Dwscheck.fuzz.targets=config-file,history-run} spends the tries on the targets named.
 */
class ParserFuzzTest {

    record Input(FuzzTargets.FuzzTarget target, byte[] bytes) {
        @Override
        public String toString() {
            return target.name() + " " + FuzzRegressionTest.hex(bytes);
        }
    }

    @Property(shrinking = ShrinkingMode.OFF)
    void everyParserAnswersWithAnOutcomeOrOneLine(@ForAll("inputs") Input input) {
        String violation = FuzzRule.violation(input.target(), input.bytes());
        assertNull(violation, () -> violation + "; input: " + input);
    }

    @Provide
    Arbitrary<Input> inputs() {
        List<Tuple.Tuple2<Integer, FuzzTargets.FuzzTarget>> weighted = targets().stream().map(t -> Tuple.of(t.weight(), t)).toList();
        return Combinators.combine(Arbitraries.frequency(weighted), Arbitraries.longs()).as((t, seed) -> new Input(t, mutate(t, seed)));
    }

    /** Every target, or only those named in {@code -Dwscheck.fuzz.targets=a,b} (a longer local run of a few parsers). */
    static java.util.List<FuzzTargets.FuzzTarget> targets() {
        String only = System.getProperty("wscheck.fuzz.targets", "").trim();
        return only.isEmpty() ? FuzzTargets.ALL : java.util.Arrays.stream(only.split(",")).map(String::trim).map(FuzzTargets::named).toList();
    }

    private static final byte[][] TOKENS = {"{".getBytes(), "}".getBytes(), "[".getBytes(), "]".getBytes(), ":".getBytes(), ",".getBytes(),
            "\"".getBytes(), "\n".getBytes(), "- ".getBytes(), "&a ".getBytes(), "*a".getBytes(), "!!binary ".getBytes(), ";".getBytes(),
            " ".getBytes(), "\0".getBytes(), "\u00ff".getBytes(), "999999999999999999999".getBytes(), "-1".getBytes(), "::".getBytes(),
            "/".getBytes(), "%".getBytes(), "\r\n".getBytes()};

    /** One deterministic mutation of one of the target's seeds. */
    static byte[] mutate(FuzzTargets.FuzzTarget t, long seed) {
        Random r = new Random(seed);
        byte[] b = t.seeds().get(r.nextInt(t.seeds().size())).clone();
        int rounds = 1 + r.nextInt(8);
        for (int i = 0; i < rounds; i++) {
            int op = r.nextInt(7);
            int at = b.length == 0 ? 0 : r.nextInt(b.length);
            switch (op) {
                case 0 -> { // flip bits
                    if (b.length > 0) {
                        b[at] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 1 -> b = java.util.Arrays.copyOf(b, at); // cut
                case 2 -> { // random bytes
                    if (b.length > 0) {
                        b[at] = (byte) r.nextInt(256);
                    }
                }
                case 3 -> b = splice(b, at, TOKENS[r.nextInt(TOKENS.length)]);
                case 4 -> { // repeat a slice
                    int len = Math.min(b.length - at, 1 + r.nextInt(64));
                    b = splice(b, at, java.util.Arrays.copyOfRange(b, at, at + len));
                }
                case 5 -> { // delete a slice
                    int len = Math.min(b.length - at, 1 + r.nextInt(32));
                    byte[] out = new byte[b.length - len];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + len, out, at, b.length - at - len);
                    b = out;
                }
                default -> { // all random
                    if (r.nextInt(10) == 0) {
                        b = new byte[r.nextInt(256)];
                        r.nextBytes(b);
                    }
                }
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, byte[] insert) {
        byte[] out = new byte[b.length + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at, out, at + insert.length, b.length - at);
        return out;
    }
}
