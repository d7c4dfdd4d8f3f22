package dev.wscheck.probe.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Name;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * Asks one server for A and AAAA in parallel within a time share, and collects what came back.
 * Each query is sent once more at half the share if nothing has come back by then, as stub
 * resolvers do, so that one lost datagram does not read as a dead server.
 */
final class ServerAttempt {
    private ServerAttempt() {}

    /** How a failure that was silence begins (the probe words its detail differently for silence). */
    static final String NO_ANSWER = "no answer within ";

    /** What one query type brought back from the server: an answer, or why there was none. */
    record Reply(Optional<TypeAnswer> answer, String failure) {
        static Reply of(TypeAnswer a) {
            return new Reply(Optional.of(a), "");
        }

        static Reply failed(String why) {
            return new Reply(Optional.empty(), why);
        }
    }

    /** The server's replies for A and AAAA. */
    record Result(InetSocketAddress server, Reply a, Reply aaaa) {}

    /** Queries {@code server} for at most {@code share}, and returns by then. */
    static Result ask(InetSocketAddress server, Name name, Duration share) {
        long startNanos = System.nanoTime();
        long endNanos = startNanos + share.toNanos();
        if (server.isUnresolved()) {
            Reply r = Reply.failed("not an IP address");
            return new Result(server, r, r);
        }
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(share);
        resolver.setIgnoreTruncation(true); // TypeLookup retries over TCP itself, and says so when that fails
        Pending a = new Pending(resolver, name, Type.A);
        Pending aaaa = new Pending(resolver, name, Type.AAAA);
        a.send();
        aaaa.send();
        await(a, aaaa, startNanos + share.toNanos() / 2);
        a.resendIfUnsettled();
        aaaa.resendIfUnsettled();
        await(a, aaaa, endNanos);
        return new Result(server, a.reply(share), aaaa.reply(share));
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

    /** One query type's sends; {@link #settled} completes with the first answer, or fails when every send failed. */
    private static final class Pending {
        final CompletableFuture<TypeAnswer> settled = new CompletableFuture<>();
        private final AtomicInteger outstanding = new AtomicInteger();
        private final SimpleResolver resolver;
        private final Name name;
        private final int type;

        Pending(SimpleResolver resolver, Name name, int type) {
            this.resolver = resolver;
            this.name = name;
            this.type = type;
        }

        void send() {
            outstanding.incrementAndGet();
            CompletableFuture<TypeAnswer> f;
            try {
                f = TypeLookup.start(resolver, name, type);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((answer, error) -> {
                if (error == null) {
                    settled.complete(answer);
                } else if (outstanding.decrementAndGet() == 0) {
                    settled.completeExceptionally(error);
                }
            });
        }

        void resendIfUnsettled() {
            if (!settled.isDone()) {
                send();
            }
        }

        Reply reply(Duration share) {
            if (!settled.isDone()) {
                settled.cancel(false);
                return Reply.failed(NO_ANSWER + share.toMillis() + " ms");
            }
            try {
                return Reply.of(settled.join());
            } catch (CompletionException | CancellationException e) {
                return Reply.failed(describe(e.getCause() == null ? e : e.getCause(), share));
            }
        }
    }

    private static String describe(Throwable t, Duration share) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof TypeLookup.TruncatedRetryFailed) {
            return c.getMessage();
        }
        if (c instanceof java.net.SocketTimeoutException || c instanceof java.io.InterruptedIOException) {
            return NO_ANSWER + share.toMillis() + " ms";
        }
        if (c instanceof PortUnreachableException) {
            return "port unreachable (ICMP): no DNS server listens there";
        }
        if (c instanceof WireParseException) {
            return "unusable answer (" + c.getMessage() + ")";
        }
        if (c instanceof IOException) {
            String m = c.getMessage();
            return m == null || m.isBlank() ? c.getClass().getSimpleName() : m;
        }
        return "unusable answer (" + c + ")";
    }
}
