package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.testing.CliRun;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code wscheck reflector} refuses bad input with one line and exit 3, before binding anything. */
class ReflectorCommandTest {
    static final String GOOD_KEY = "a shared key of more than sixteen bytes";

    record Bad(String name, Map<String, String> env, List<String> args, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> bad() {
        Map<String, String> key = Map.of(ReflectorCommand.KEY_VARIABLE, GOOD_KEY);
        return Stream.of(
                new Bad("no key in the environment", Map.of(), List.of("reflector"), "WSCHECK_REFLECTOR_KEY is not set"),
                new Bad("a key shorter than 16 bytes", Map.of(ReflectorCommand.KEY_VARIABLE, "short"), List.of("reflector"), "at least 16 bytes"),
                new Bad("a port that is not a number", key, List.of("reflector", "--udp", "4172,abc"), "--udp abc: not a port number"),
                new Bad("a port out of range", key, List.of("reflector", "--tcp", "70000"), "--tcp 70000: port out of range"),
                new Bad("a host name to listen on", key, List.of("reflector", "--listen", "example.com"), "give an IP address"),
                new Bad("no port at all", key, List.of("reflector", "--udp", "", "--tcp", ""), "at least one port"));
    }

    @ParameterizedTest(name = "{0}: one line, exit 3")
    @MethodSource("bad")
    void refusesBadInput(Bad c) {
        CliRun r = CliRun.of(c.env(), c.args().toArray(new String[0]));
        assertEquals(3, r.exit(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains(c.message()), r.err());
        assertEquals("", r.out());
    }
}
