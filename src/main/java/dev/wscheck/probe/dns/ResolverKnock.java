package dev.wscheck.probe.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * One TCP connect to the port of a resolver whose UDP queries got no answer at all, to tell two
 * silences apart that a UDP socket cannot (docs/probes-dns.md, "A silent resolver").
 *
 * <p>Why TCP: Linux hands ICMP host- and network-unreachable (codes 0 and 1, "soft" errors) to a
 * UDP socket only when it set {@code IP_RECVERR}, which Java cannot set, so a resolver behind a
 * router that has no way to it looks exactly like one that drops the queries. A TCP connect in
 * SYN_SENT is aborted by any ICMP destination-unreachable and fails at once with "No route to host".
 * So the connect says what the path does to the resolver's host: unreachable (the resolver cannot be
 * reached from here, whatever the protocol), refused (something at that address answered, but no
 * DNS came back over UDP), accepted (the host serves TCP on the DNS port: UDP DNS is dropped on the
 * way or ignored), or silent too (nothing learned). The connect sends a SYN and, when accepted, closes
 * at once; no DNS is asked over TCP (the operating system's stub resolver does not fall back to TCP
 * after a UDP timeout, so the client would not either).
 *
 * <p>A DNS probe starts the knocks halfway through its budget while no answer has come, so that
 * they are back when it gives up; it uses them only when every server stayed silent. The DNS checks
 * of one run wait on the same resolvers together; they share one connect per server (kept
 * {@value #KEEP_SECONDS} s), so a run sends about one SYN per silent server.
 */
final class ResolverKnock {
    /** How long one knock's result is shared by the checks that ask after it. */
    static final int KEEP_SECONDS = 30;

    /** What the connect met. */
    enum Answer {
        /** ICMP host/network unreachable, or no route from this PC: "No route to host". */
        UNREACHABLE,
        /** A TCP reset: something answers at the address. */
        REFUSED,
        /** The connect completed. */
        ACCEPTED,
        /** No answer within the knock's timeout. */
        SILENT
    }

    /** What one knock met, and the words for the detail ("TCP 53: ..."). */
    record Result(Answer answer, String text) {}

    private record Knock(long atNanos, CompletableFuture<Result> result) {}

    private static final Map<InetSocketAddress, Knock> RECENT = new ConcurrentHashMap<>();

    private ResolverKnock() {}

    /** The knock's timeout: a fifth of the probe's, between 200 ms and 1 s. An ICMP error comes back in one round trip. */
    static Duration timeoutFor(Duration probeTimeout) {
        long ms = Math.max(200, Math.min(1000, probeTimeout.toMillis() / 5));
        return Duration.ofMillis(ms);
    }

    /** Knocks on {@code server}'s port, or joins a knock on it started less than {@value #KEEP_SECONDS} s ago. */
    static CompletableFuture<Result> knock(InetSocketAddress server, Duration timeout, Executor executor) {
        long now = System.nanoTime();
        Knock k = RECENT.compute(server, (s, old) -> old != null && now - old.atNanos() < KEEP_SECONDS * 1_000_000_000L ? old
                : new Knock(now, CompletableFuture.supplyAsync(() -> connect(s, timeout), executor)));
        return k.result();
    }

    /** Forgets every knock (tests that reuse an address). */
    static void forget() {
        RECENT.clear();
    }

    static Result connect(InetSocketAddress server, Duration timeout) {
        String port = "TCP " + server.getPort();
        long t0 = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(server, (int) Math.max(1, timeout.toMillis()));
            return new Result(Answer.ACCEPTED, port + " accepted the connection: the host is up, so its UDP DNS is dropped on the way or not served");
        } catch (IOException e) {
            long ms = Math.round((System.nanoTime() - t0) / 1e6);
            switch (ServerAttempt.kindOf(e)) {
                case NO_ROUTE:
                    return new Result(Answer.UNREACHABLE, port + ": " + e.getMessage() + " after " + ms + " ms (ICMP unreachable, or no route from this PC)");
                case PORT_UNREACHABLE:
                    return new Result(Answer.REFUSED, port + " refused the connection: something answers at that address, but no DNS came back over UDP");
                default:
                    return new Result(Answer.SILENT, port + " silent too (no answer within " + timeout.toMillis() + " ms)");
            }
        }
    }
}
