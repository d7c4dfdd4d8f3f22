package dev.wscheck.probe.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.fixtures.TcpFixture;
import dev.wscheck.net.DnsServers;
import dev.wscheck.probe.Outcome;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13: a resolver that answers UDP with ICMP host-unreachable looked like a silent one
 * (dns-timeout), because Linux gives that ICMP to a UDP socket only with IP_RECVERR. After a silence,
 * one TCP connect to each silent server's port tells them apart: the table of what the connect meets
 * (on loopback: refused, accepted, silent), and the table of verdicts the knocks give.
 */
class ResolverKnockTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    @Test
    void aPortWithNothingListeningRefusesAndSaysSomethingAnswersThere() {
        try (TcpFixture refusing = TcpFixture.refusing()) {
            ResolverKnock.Result r = ResolverKnock.connect(refusing.socketAddress(), SHORT);
            assertEquals(ResolverKnock.Answer.REFUSED, r.answer(), r.text());
            assertEquals("TCP " + refusing.port() + " refused the connection: something answers at that address, but no DNS came back over UDP", r.text());
        }
    }

    @Test
    void aListeningPortAcceptsAndSaysTheHostIsUp() {
        try (TcpFixture accepting = TcpFixture.accepting()) {
            ResolverKnock.Result r = ResolverKnock.connect(accepting.socketAddress(), SHORT);
            assertEquals(ResolverKnock.Answer.ACCEPTED, r.answer(), r.text());
        }
    }

    @Test
    void aBlackHoledPortIsSilentTooAndTeachesNothing() {
        try (TcpFixture blackHoled = TcpFixture.blackHoled()) {
            long t0 = System.nanoTime();
            ResolverKnock.Result r = ResolverKnock.connect(blackHoled.socketAddress(), SHORT);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(ResolverKnock.Answer.SILENT, r.answer(), r.text());
            assertTrue(ms < SHORT.toMillis() + 500, "the knock is bounded by its timeout: " + ms + " ms");
        }
    }

    @Test
    void theChecksOfOneRunShareOneKnockPerServer() throws Exception {
        ResolverKnock.forget();
        try (TcpFixture accepting = TcpFixture.accepting()) {
            var first = ResolverKnock.knock(accepting.socketAddress(), SHORT, Runnable::run);
            var second = ResolverKnock.knock(accepting.socketAddress(), SHORT, Runnable::run);
            assertTrue(first == second, "one connect, shared");
            assertEquals(ResolverKnock.Answer.ACCEPTED, first.get().answer());
        } finally {
            ResolverKnock.forget();
        }
    }

    @Test
    void theKnockTimeoutIsAFifthOfTheProbesBetween200MsAnd1S() {
        assertEquals(Duration.ofMillis(200), ResolverKnock.timeoutFor(Duration.ofMillis(500)));
        assertEquals(Duration.ofMillis(600), ResolverKnock.timeoutFor(Duration.ofSeconds(3)));
        assertEquals(Duration.ofMillis(1000), ResolverKnock.timeoutFor(Duration.ofSeconds(10)));
    }

    // ---- what the knocks mean ----

    private static final InetSocketAddress A = new InetSocketAddress("198.18.2.2", 53);
    private static final InetSocketAddress B = new InetSocketAddress("198.18.2.3", 53);
    private static final ResolverKnock.Result NO_ROUTE = new ResolverKnock.Result(ResolverKnock.Answer.UNREACHABLE,
            "TCP 53: No route to host after 1 ms (ICMP unreachable, or no route from this PC)");
    private static final ResolverKnock.Result REFUSED = new ResolverKnock.Result(ResolverKnock.Answer.REFUSED, "TCP 53 refused the connection");
    private static final ResolverKnock.Result SILENT = new ResolverKnock.Result(ResolverKnock.Answer.SILENT, "TCP 53 silent too");

    record Case(String name, List<InetSocketAddress> servers, List<InetSocketAddress> asked, Map<InetSocketAddress, ResolverKnock.Result> knocks,
                Outcome outcome, String detail) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> verdicts() {
        return Stream.of(
                new Case("one resolver with no route to it over TCP either: dns-unreachable", List.of(A), List.of(A), Map.of(A, NO_ROUTE),
                        Outcome.DNS_UNREACHABLE, "the resolver cannot be reached: no answer over UDP, and a TCP connect to it met no route (ICMP host or"
                        + " network unreachable) (198.18.2.2:53: no answer within 900 ms; TCP 53: No route to host after 1 ms (ICMP unreachable, or no route from this PC))"),
                new Case("two resolvers, both without a route: dns-unreachable", List.of(A, B), List.of(A, B), ordered(A, NO_ROUTE, B, NO_ROUTE),
                        Outcome.DNS_UNREACHABLE, "the resolver cannot be reached"),
                new Case("two resolvers, one whose host refuses TCP: still a timeout, with both knocks said", List.of(A, B), List.of(A, B),
                        ordered(A, NO_ROUTE, B, REFUSED), Outcome.DNS_TIMEOUT,
                        "no answer within 1000 ms (198.18.2.2:53: no answer within 900 ms; TCP 53: No route to host after 1 ms (ICMP unreachable, or no route from this PC);"
                        + " 198.18.2.3:53: no answer within 900 ms; TCP 53 refused the connection)"),
                new Case("a silent knock teaches nothing: a timeout", List.of(A), List.of(A), Map.of(A, SILENT), Outcome.DNS_TIMEOUT,
                        "no answer within 1000 ms (198.18.2.2:53: no answer within 900 ms; TCP 53 silent too)"),
                new Case("a server left unasked (the budget was spent) may be reachable: a timeout", List.of(A, B), List.of(A), Map.of(A, NO_ROUTE),
                        Outcome.DNS_TIMEOUT, "no answer within 1000 ms"));
    }

    private static Map<InetSocketAddress, ResolverKnock.Result> ordered(InetSocketAddress a, ResolverKnock.Result ra, InetSocketAddress b,
                                                                       ResolverKnock.Result rb) {
        Map<InetSocketAddress, ResolverKnock.Result> m = new LinkedHashMap<>();
        m.put(a, ra);
        m.put(b, rb);
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void theKnocksDecideBetweenUnreachableAndTimeout(Case c) {
        List<String> failures = new ArrayList<>();
        List<ServerAttempt.Failure> kinds = new ArrayList<>();
        for (InetSocketAddress s : c.servers()) {
            failures.add(DnsProbe.display(s) + (c.asked().contains(s) ? ": no answer within 900 ms" : ": not asked, the 1000 ms budget was spent"));
            kinds.add(ServerAttempt.Failure.SILENT);
        }
        DnsProbe.Search search = new DnsProbe.Search(c.asked(), failures, kinds, List.of(), Optional.empty());
        var f = DnsProbe.silentServers(search, new DnsServers(c.servers(), "explicit"), Duration.ofSeconds(1), c.knocks());
        assertEquals(c.outcome(), f.outcome(), f.text());
        assertTrue(f.text().startsWith(c.detail()), f.text());
    }
}
