package dev.wscheck.probe.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * When a query is sent again after an ICMP error, with the sends made by a scripted lookup (no
 * packet leaves the test): a "no route" (a PC with no network) is confirmed a quarter of a second
 * later instead of at the schedule's next send, and still needs two in a row; a port unreachable
 * (a resolver restarting) keeps the schedule. Read from the sends the evidence records.
 */
class ServerAttemptTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 53);
    private static final Duration SHARE = Duration.ofSeconds(5);
    /** glibc's defaults: sends at 0, 1.25, 2.5 and 3.75 s of a 5 s share. */
    private static final StubSchedule GLIBC = StubSchedule.glibc("");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("every send says no route: decided by the early second send, long before the schedule's",
                        (Supplier<Throwable>) () -> new NoRouteToHostException("Network is unreachable"), 0,
                        ServerAttempt.Failure.NO_ROUTE, 2, 200L, 1000L),
                Arguments.of("every send says port unreachable: the second send waits for the schedule",
                        (Supplier<Throwable>) () -> new PortUnreachableException("ICMP Port Unreachable"), 0,
                        ServerAttempt.Failure.PORT_UNREACHABLE, 2, 1200L, 1400L),
                Arguments.of("one no route, then an answer: the early second send gets it",
                        (Supplier<Throwable>) () -> new NoRouteToHostException("Network is unreachable"), 1,
                        ServerAttempt.Failure.SILENT, 2, 200L, 1000L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anIcmpErrorIsConfirmedOnItsOwnClock(String name, Supplier<Throwable> error, int failuresBeforeAnswer,
                                             ServerAttempt.Failure expected, int sendsPerType, long secondFromMs, long secondToMs)
            throws Exception {
        AtomicInteger callsA = new AtomicInteger();
        AtomicInteger callsAaaa = new AtomicInteger();
        ServerAttempt.Lookup lookup = (resolver, n, type) -> {
            int call = (type == org.xbill.DNS.Type.A ? callsA : callsAaaa).incrementAndGet();
            if (failuresBeforeAnswer == 0 || call <= failuresBeforeAnswer) {
                return CompletableFuture.failedFuture(error.get());
            }
            return CompletableFuture.completedFuture(new TypeAnswer(Rcode.NOERROR, false, List.of(), List.of(), -1, Optional.empty(),
                    Optional.of(SERVER)));
        };
        ServerAttempt.Result r = ServerAttempt.ask(SERVER, Name.fromString("broker.example."), SHARE, GLIBC, lookup);

        for (ServerAttempt.Reply reply : List.of(r.a(), r.aaaa())) {
            if (expected == ServerAttempt.Failure.SILENT) {
                assertTrue(reply.answer().isPresent(), name + ": " + reply.failure());
            } else {
                assertTrue(reply.answer().isEmpty(), name);
                assertEquals(expected, reply.kind(), reply.failure());
            }
        }
        for (String type : List.of("A", "AAAA")) {
            List<DnsEvidence.Send> sends = r.sends().stream().filter(s -> s.type().equals(type)).toList();
            assertEquals(sendsPerType, sends.size(), type + " sends: " + sends);
            assertTrue(sends.get(0).atMs() < 100, type + " first send at once: " + sends);
            long second = sends.get(1).atMs();
            assertTrue(second >= secondFromMs && second <= secondToMs, type + " second send at " + second + " ms, expected "
                    + secondFromMs + "-" + secondToMs + ": " + sends);
        }
    }
}
