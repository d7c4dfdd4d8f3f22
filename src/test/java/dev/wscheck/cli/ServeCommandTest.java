package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.WscheckException;
import dev.wscheck.serve.ServeSettings;
import dev.wscheck.testing.CliRun;
import java.net.InetSocketAddress;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code wscheck serve}'s options: bad input is one line and exit 3 before anything listens; loopback by default. */
class ServeCommandTest {
    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of("a listen address without a port", new String[] {"--listen", "127.0.0.1"}, "use HOST:PORT"),
                Arguments.of("a port out of range", new String[] {"--listen", "127.0.0.1:70000"}, "0 to 65535"),
                Arguments.of("a host name to look up", new String[] {"--listen", "office-pc.example.com:9469"}, "not a name"),
                Arguments.of("too many probes at once", new String[] {"--max-probes", "0"}, "use 1 to 64"),
                Arguments.of("too many kept reports", new String[] {"--keep", "5000"}, "use 0 to 1000"),
                Arguments.of("an overlong timeout", new String[] {"--timeout", "10m"}, "at most 5m"),
                Arguments.of("an unknown option", new String[] {"--target", "10.0.0.1"}, "Unknown option"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void badOptionsAreOneLineAndExit3(String name, String[] options, String says) {
        String[] args = Stream.concat(Stream.of("serve"), Stream.of(options)).toArray(String[]::new);
        CliRun r = CliRun.of(args);
        assertEquals(3, r.exit(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains(says), r.err());
    }

    @Test
    void theDefaultListenAddressIsLoopback() {
        InetSocketAddress a = ServeCommand.listenAddress(ServeSettings.DEFAULT_LISTEN);
        assertTrue(a.getAddress().isLoopbackAddress());
        assertEquals(9469, a.getPort());
        assertTrue(ServeCommand.listenAddress("localhost:0").getAddress().isLoopbackAddress());
        assertTrue(ServeCommand.listenAddress("[::1]:9469").getAddress().isLoopbackAddress());
    }

    @Test
    void aNameIsNeverLookedUp() {
        try {
            ServeCommand.listenAddress("wscheck.invalid:9469");
            throw new AssertionError("a name was accepted");
        } catch (WscheckException e) {
            assertTrue(e.getMessage().contains("not a name"), e.getMessage());
        }
    }
}
