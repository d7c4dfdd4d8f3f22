package dev.wscheck.reflector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reflector's rules on byte arrays: who gets an answer, and how large it is. */
class ResponderTest {
    static final byte[] KEY = "test key, at least sixteen bytes".getBytes(StandardCharsets.UTF_8);
    static final byte[] OTHER_KEY = "another key of sixteen bytes or more".getBytes(StandardCharsets.UTF_8);
    static final long NOW = 1_800_000_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    static final InetAddress SOURCE = InetAddress.getLoopbackAddress();

    record Case(String name, Function<Long, byte[]> message, boolean answered) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a probe signed with the key, timestamped now: answered", s -> Wire.encode(KEY, Wire.PROBE, s, 0, NOW, 64), true),
                new Case("the smallest message (44 bytes): answered", s -> Wire.encode(KEY, Wire.PROBE, s, 0, NOW, Wire.MIN_SIZE), true),
                new Case("the largest message (1472 bytes): answered", s -> Wire.encode(KEY, Wire.PROBE, s, 0, NOW, Wire.MAX_SIZE), true),
                new Case("a probe timestamped 59 s ago: fresh enough, answered", s -> Wire.encode(KEY, Wire.PROBE, s, 0, NOW - 59_000, 64), true),
                new Case("signed with another key: silence", s -> Wire.encode(OTHER_KEY, Wire.PROBE, s, 0, NOW, 64), false),
                new Case("one bit of the sequence number flipped after signing: silence", s -> {
                    byte[] m = Wire.encode(KEY, Wire.PROBE, s, 7, NOW, 64);
                    m[19] ^= 1;
                    return m;
                }, false),
                new Case("the tag cut off: silence", s -> Arrays.copyOf(Wire.encode(KEY, Wire.PROBE, s, 0, NOW, 64), 48), false),
                new Case("an echo sent to the reflector (a reflection loop between two reflectors): silence",
                        s -> Wire.encode(KEY, Wire.ECHO, s, 0, NOW, 64), false),
                new Case("a probe 61 s old: stale, silence", s -> Wire.encode(KEY, Wire.PROBE, s, 0, NOW - 61_000, 64), false),
                new Case("a probe 61 s in the future: stale, silence", s -> Wire.encode(KEY, Wire.PROBE, s, 0, NOW + 61_000, 64), false),
                new Case("an empty datagram: silence", s -> new byte[0], false),
                new Case("43 zero bytes: silence", s -> new byte[43], false),
                new Case("a DNS-looking query: silence", s -> "\u0012\u0034\u0001\u0000\u0000\u0001wscheck".getBytes(StandardCharsets.ISO_8859_1), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersOnlyAuthenticatedFreshProbes(Case c) {
        Responder r = new Responder(KEY, ReflectorLimits.DEFAULT, CLOCK);
        byte[] m = c.message().apply(42L);
        int length = m.length;
        byte[] buf = Arrays.copyOf(m, Math.max(length, 1));
        Optional<Integer> answer = r.answer(buf, length, SOURCE);
        assertEquals(c.answered(), answer.isPresent());
        if (answer.isPresent()) {
            assertEquals(length, answer.get(), "the echo is exactly as long as the probe");
            Wire.Message echo = Wire.parse(KEY, buf, answer.get()).orElseThrow(() -> new AssertionError("the echo is signed with the key"));
            assertEquals(Wire.ECHO, echo.kind());
            assertEquals(42L, echo.session());
        }
    }

    @Test
    void aReplayedProbeGetsSilenceWhileOthersOfTheSessionAreAnswered() {
        Responder r = new Responder(KEY, ReflectorLimits.DEFAULT, CLOCK);
        assertTrue(answer(r, Wire.encode(KEY, Wire.PROBE, 9, 5, NOW, 64)));
        assertEquals(false, answer(r, Wire.encode(KEY, Wire.PROBE, 9, 5, NOW, 64)), "the same probe again");
        assertTrue(answer(r, Wire.encode(KEY, Wire.PROBE, 9, 3, NOW, 64)), "an earlier number not yet seen (reordered)");
        assertEquals(false, answer(r, Wire.encode(KEY, Wire.PROBE, 9, 3, NOW, 64)), "and that one again");
        assertTrue(answer(r, Wire.encode(KEY, Wire.PROBE, 9, 5000, NOW, 64)), "far ahead");
        assertEquals(false, answer(r, Wire.encode(KEY, Wire.PROBE, 9, 6, NOW, 64)), "fallen out of the 4096-number window");
        assertTrue(answer(r, Wire.encode(KEY, Wire.PROBE, 10, 5, NOW, 64)), "the same number in another session");
        assertEquals(3, r.counts().replayed());
    }

    @Test
    void aSourceGetsItsBurstThenItsRate() throws Exception {
        ReflectorLimits limits = new ReflectorLimits(Duration.ofSeconds(60), 10, 20, 100, 100, 4, 2, Duration.ofSeconds(1), Duration.ofSeconds(5));
        Responder r = new Responder(KEY, limits, CLOCK);
        int answered = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            if (answer(r, Wire.encode(KEY, Wire.PROBE, 1, i, NOW, 64))) {
                answered++;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(answered >= 20 && answered <= 20 + Math.ceil(10 * seconds) + 1, answered + " answered in " + seconds + " s");
        assertTrue(answer(r, Wire.encode(KEY, Wire.PROBE, 2, 0, NOW, 64), InetAddress.getByAddress(new byte[] {127, 0, 0, 2})) ,
                "another source has its own bucket");
    }

    @Test
    void replayMemoryIsBounded() {
        ReflectorLimits limits = new ReflectorLimits(Duration.ofSeconds(60), 1e6, 1_000_000, 100, 3, 4, 2, Duration.ofSeconds(1), Duration.ofSeconds(5));
        Responder r = new Responder(KEY, limits, CLOCK);
        for (int s = 0; s < 3; s++) {
            assertTrue(answer(r, Wire.encode(KEY, Wire.PROBE, s, 0, NOW, 64)));
        }
        assertEquals(false, answer(r, Wire.encode(KEY, Wire.PROBE, 3, 0, NOW, 64)), "a fourth session while three are remembered");
    }

    private static boolean answer(Responder r, byte[] m) {
        return r.answer(m, m.length, SOURCE).isPresent();
    }

    private static boolean answer(Responder r, byte[] m, InetAddress from) {
        return r.answer(m, m.length, from).isPresent();
    }
}
