package dev.wscheck.probe.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * Asks one server for A and AAAA in parallel within a time share, and collects what came back.
 * An unanswered query is re-sent on the operating system's schedule ({@link StubSchedule}), so that
 * a lost datagram does not read as a dead server; every send is recorded for the evidence.
 *
 * <p>An ICMP error (port unreachable, no route) is a fact about the path, not silence: it ends the
 * query when it comes back twice in a row (a single one may be a resolver restarting), and the
 * probe then reports it as such instead of a timeout. After a first "no route" the query is sent
 * again {@link #NO_ROUTE_CONFIRM} later rather than at the schedule's next send (1.25 s with the
 * default budget): a PC with no network at all then hears so in a quarter of a second per name,
 * not seconds, and one stray error still does not decide.
 */
final class ServerAttempt {
    private ServerAttempt() {}

    /** Why a query got no answer. */
    enum Failure {
        /** nothing came back */
        SILENT,
        /** ICMP port unreachable: nothing listens on the server's port */
        PORT_UNREACHABLE,
        /** ICMP host/network unreachable, or no route from this PC */
        NO_ROUTE,
        /** something came back that is not a usable DNS answer */
        GARBAGE
    }

    /** What one query type brought back from the server: an answer, or why there was none. */
    record Reply(Optional<TypeAnswer> answer, String failure, Failure kind) {
        static Reply of(TypeAnswer a) {
            return new Reply(Optional.of(a), "", Failure.SILENT);
        }

        static Reply failed(String why, Failure kind) {
            return new Reply(Optional.empty(), why, kind);
        }
    }

    /**
     * ICMP errors seen from each server in this JVM, with when: routers rate-limit ICMP (Linux: about
     * one a second per host after a small burst), so of many queries to a rejecting resolver most get
     * silence; a query that got none is then classified by what its siblings got just before.
     */
    private static final java.util.concurrent.ConcurrentMap<InetSocketAddress, java.util.Map.Entry<Failure, Long>> ICMP_SEEN =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** How soon a query that came back "no route" is sent again to confirm it. */
    static final Duration NO_ROUTE_CONFIRM = Duration.ofMillis(250);

    /** How long an ICMP error from a server explains silence from it. */
    private static final long ICMP_MEMORY_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** The ICMP error another query to {@code server} got recently, if any. */
    static Optional<Failure> recentIcmp(InetSocketAddress server) {
        java.util.Map.Entry<Failure, Long> e = ICMP_SEEN.get(server);
        if (e == null || System.nanoTime() - e.getValue() > ICMP_MEMORY_NANOS) {
            return Optional.empty();
        }
        return Optional.of(e.getKey());
    }

    /** The server's replies for A and AAAA, and every datagram sent to it. */
    record Result(InetSocketAddress server, Reply a, Reply aaaa, List<DnsEvidence.Send> sends) {}

    /** Sends one query of a type and completes with its answer or why there was none (tests give their own). */
    @FunctionalInterface
    interface Lookup {
        CompletableFuture<TypeAnswer> start(SimpleResolver resolver, Name name, int type);
    }

    /** Queries {@code server} for at most {@code share}, re-sending as {@code schedule} says, and returns by then. */
    static Result ask(InetSocketAddress server, Name name, Duration share, StubSchedule schedule) {
        return ask(server, name, share, schedule, TypeLookup::start);
    }

    /** As above, each send made by {@code lookup}. */
    static Result ask(InetSocketAddress server, Name name, Duration share, StubSchedule schedule, Lookup lookup) {
        long startNanos = System.nanoTime();
        long endNanos = startNanos + share.toNanos();
        String who = DnsProbe.display(server);
        List<DnsEvidence.Send> sends = new CopyOnWriteArrayList<>();
        if (server.isUnresolved()) {
            Reply r = Reply.failed("not an IP address", Failure.GARBAGE);
            return new Result(server, r, r, List.of());
        }
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(share);
        resolver.setIgnoreTruncation(true); // TypeLookup retries over TCP itself, and says so when that fails
        Pending a = new Pending(resolver, name, Type.A, who, startNanos, sends, server, lookup);
        Pending aaaa = new Pending(resolver, name, Type.AAAA, who, startNanos, sends, server, lookup);
        for (Duration at : schedule.sendOffsets(share)) {
            await(a, aaaa, startNanos + at.toNanos());
            if (System.nanoTime() >= endNanos || (a.settled.isDone() && aaaa.settled.isDone())) {
                break;
            }
            a.sendIfUnsettled();
            aaaa.sendIfUnsettled();
        }
        await(a, aaaa, endNanos);
        return new Result(server, a.reply(share), aaaa.reply(share), List.copyOf(sends));
    }

    private static void await(Pending a, Pending aaaa, long untilNanos) {
        try {
            CompletableFuture.allOf(a.settled, aaaa.settled).get(Math.max(0, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Read per type in reply().
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One query type's sends; {@link #settled} completes with the first answer, or fails when two
     * sends in a row came back with an ICMP error. A send that is merely unanswered keeps it open.
     */
    private static final class Pending {
        final CompletableFuture<TypeAnswer> settled = new CompletableFuture<>();
        private final AtomicInteger icmpInARow = new AtomicInteger();
        private volatile Throwable lastError;
        private final SimpleResolver resolver;
        private final Name name;
        private final int type;
        private final String server;
        private final long startNanos;
        private final List<DnsEvidence.Send> sends;
        private final InetSocketAddress address;
        private final Lookup lookup;

        Pending(SimpleResolver resolver, Name name, int type, String server, long startNanos, List<DnsEvidence.Send> sends,
                InetSocketAddress address, Lookup lookup) {
            this.address = address;
            this.lookup = lookup;
            this.resolver = resolver;
            this.name = name;
            this.type = type;
            this.server = server;
            this.startNanos = startNanos;
            this.sends = sends;
        }

        /** Sends once more unless settled; the schedule's loop and the early confirmation of a "no route" may both call it. */
        synchronized void sendIfUnsettled() {
            if (settled.isDone()) {
                return;
            }
            long sentAt = System.nanoTime();
            int index = sends.size();
            sends.add(new DnsEvidence.Send(server, Type.string(type), millis(sentAt - startNanos), "no answer"));
            CompletableFuture<TypeAnswer> f;
            try {
                f = lookup.start(resolver, name, type);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((answer, error) -> {
                long after = millis(System.nanoTime() - sentAt);
                if (error == null) {
                    record(index, Rcode.string(answer.rcode()) + " after " + after + " ms");
                    settled.complete(answer);
                    return;
                }
                Throwable c = unwrap(error);
                Failure kind = kindOf(c);
                record(index, describe(c, Duration.ZERO) + " after " + after + " ms");
                if (kind == Failure.SILENT) {
                    return; // the next send on the schedule, or the end of the share, decides
                }
                lastError = c;
                if (kind != Failure.GARBAGE) {
                    ICMP_SEEN.put(address, java.util.Map.entry(kind, System.nanoTime()));
                }
                int inARow = icmpInARow.incrementAndGet();
                if (kind == Failure.GARBAGE || inARow >= 2) {
                    settled.completeExceptionally(c);
                } else if (kind == Failure.NO_ROUTE) {
                    CompletableFuture.delayedExecutor(NO_ROUTE_CONFIRM.toMillis(), TimeUnit.MILLISECONDS).execute(this::sendIfUnsettled);
                }
            });
        }

        private void record(int index, String result) {
            if (index < sends.size()) {
                DnsEvidence.Send s = sends.get(index);
                sends.set(index, new DnsEvidence.Send(s.server(), s.type(), s.atMs(), result));
            }
        }

        Reply reply(Duration share) {
            if (!settled.isDone()) {
                settled.cancel(false);
                Throwable e = lastError;
                if (e != null) {
                    // One ICMP error, then silence: the error is the only thing the server's side said.
                    return Reply.failed(describe(e, share), kindOf(e));
                }
                return Reply.failed("no answer within " + share.toMillis() + " ms", Failure.SILENT);
            }
            try {
                return Reply.of(settled.join());
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                Throwable c = unwrap(e);
                return Reply.failed(describe(c, share), kindOf(c));
            }
        }
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** Tells the ways a send can fail apart: silence, the two ICMP answers, and garbage. */
    static Failure kindOf(Throwable c) {
        if (c instanceof TypeLookup.TruncatedRetryFailed) {
            return Failure.GARBAGE; // an answer came, truncated; its detail says the TCP retry failed
        }
        if (c instanceof java.net.SocketTimeoutException || c instanceof java.io.InterruptedIOException
                || c instanceof java.util.concurrent.CancellationException) {
            return Failure.SILENT;
        }
        if (c instanceof PortUnreachableException || messageHas(c, "connection refused") || messageHas(c, "port unreachable")) {
            return Failure.PORT_UNREACHABLE;
        }
        if (c instanceof NoRouteToHostException || messageHas(c, "no route to host") || messageHas(c, "network is unreachable")
                || messageHas(c, "host is unreachable") || messageHas(c, "host unreachable")) {
            return Failure.NO_ROUTE;
        }
        if (c instanceof IOException && !(c instanceof WireParseException)) {
            String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            // dnsjava's own timeout ("Query timed out") is silence too
            return m.contains("timed out") || m.contains("timeout") ? Failure.SILENT : Failure.GARBAGE;
        }
        return Failure.GARBAGE;
    }

    private static boolean messageHas(Throwable t, String fragment) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable c, Duration share) {
        switch (kindOf(c)) {
            case SILENT:
                return share.isZero() ? "no answer" : "no answer within " + share.toMillis() + " ms";
            case PORT_UNREACHABLE:
                return "port unreachable (ICMP): no DNS server listens there";
            case NO_ROUTE:
                return "unreachable (" + (c.getMessage() == null ? "no route to host" : c.getMessage()) + ")";
            default:
                if (c instanceof WireParseException) {
                    return "unusable answer (" + c.getMessage() + ")";
                }
                String m = c.getMessage();
                return m == null || m.isBlank() ? "unusable answer (" + c.getClass().getSimpleName() + ")" : m;
        }
    }
}
