package dev.wscheck.probe.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/**
 * Asks one server for one record type of a name over dnsjava's raw query path, so that rcodes and
 * flags stay visible, and follows the CNAME chain itself: through the answer section first, then
 * with a further query to the same server when an answer stops at an alias (as an authoritative
 * server for another zone does). At most {@value #MAX_HOPS} aliases; a name seen twice is a loop.
 *
 * <p>One instance serves one lookup; its state is touched by one completion stage at a time.
 */
final class TypeLookup {
    /** The same bound as dnsjava's LookupSession. */
    static final int MAX_HOPS = 16;

    private final Resolver resolver;
    private final Name start;
    private final int type;
    private final List<Name> chain = new ArrayList<>();
    private final Set<Name> seen = new HashSet<>();
    private long minTtl = Long.MAX_VALUE;

    private TypeLookup(Resolver resolver, Name start, int type) {
        this.resolver = resolver;
        this.start = start;
        this.type = type;
        seen.add(start);
    }

    /** Starts the lookup; the future fails with the resolver's exception (timeout, ICMP, garbage). */
    static CompletableFuture<TypeAnswer> start(Resolver resolver, Name name, int type) {
        return new TypeLookup(resolver, name, type).query(name);
    }

    private CompletableFuture<TypeAnswer> query(Name name) {
        Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        return resolver.sendAsync(q).toCompletableFuture()
                .thenCompose(response -> response.getHeader().getFlag(Flags.TC) ? overTcp(q, name, response) : read(name, response));
    }

    /**
     * A UDP answer with the TC bit set is retried over TCP, as a stub resolver does (the caller
     * switches dnsjava's own retry off, so that a failed retry can say it was one).
     */
    private CompletableFuture<TypeAnswer> overTcp(Message q, Name name, Message truncated) {
        if (!(resolver instanceof SimpleResolver udp)) {
            return read(name, truncated);
        }
        SimpleResolver tcp = new SimpleResolver(udp.getAddress());
        tcp.setTCP(true);
        tcp.setTimeout(udp.getTimeout());
        return tcp.sendAsync(q).toCompletableFuture().handle((response, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
                return CompletableFuture.<TypeAnswer>failedFuture(new TruncatedRetryFailed(cause));
            }
            return read(name, response);
        }).thenCompose(f -> f);
    }

    /** The UDP answer was truncated (TC bit) and the retry over TCP failed too. */
    static final class TruncatedRetryFailed extends java.io.IOException {
        TruncatedRetryFailed(Throwable cause) {
            super("the UDP answer was truncated (TC bit set) and the retry over TCP failed: " + describe(cause), cause);
        }

        private static String describe(Throwable t) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.io.InterruptedIOException) {
                return "no answer over TCP";
            }
            String m = t.getMessage();
            return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
        }
    }

    private CompletableFuture<TypeAnswer> read(Name asked, Message response) {
        int rcode = response.getRcode();
        List<Record> answer = response.getSection(Section.ANSWER);
        Name current = asked;
        boolean moved = false;
        while (true) {
            List<InetAddress> addresses = new ArrayList<>();
            for (Record r : answer) {
                if (r.getType() == type && r.getName().equals(current)) {
                    addresses.add(address(r));
                    ttl(r);
                }
            }
            if (!addresses.isEmpty()) {
                return done(response, addresses, Optional.empty());
            }
            Optional<CNAMERecord> alias = cname(answer, current);
            if (alias.isEmpty()) {
                break;
            }
            Name target = alias.get().getTarget();
            ttl(alias.get());
            if (chain.isEmpty()) {
                chain.add(start);
            }
            if (!seen.add(target)) {
                chain.add(target);
                return done(response, List.of(), Optional.of("the CNAME chain loops back to " + display(target)));
            }
            chain.add(target);
            if (chain.size() - 1 > MAX_HOPS) {
                return done(response, List.of(), Optional.of("the CNAME chain is longer than " + MAX_HOPS + " aliases"));
            }
            current = target;
            moved = true;
        }
        if (moved && rcode == Rcode.NOERROR) {
            // The answer stopped at an alias without its target's records: ask for the target.
            return query(current);
        }
        return done(response, List.of(), Optional.empty());
    }

    private CompletableFuture<TypeAnswer> done(Message response, List<InetAddress> addresses, Optional<String> problem) {
        long ttl = minTtl == Long.MAX_VALUE ? -1 : minTtl;
        Optional<InetSocketAddress> server = response.getResolver()
                .filter(SimpleResolver.class::isInstance)
                .map(r -> ((SimpleResolver) r).getAddress());
        return CompletableFuture.completedFuture(new TypeAnswer(response.getRcode(), response.getHeader().getFlag(Flags.AA),
                chain, addresses, ttl, problem, server));
    }

    private void ttl(Record r) {
        minTtl = Math.min(minTtl, r.getTTL());
    }

    private static Optional<CNAMERecord> cname(List<Record> answer, Name owner) {
        for (Record r : answer) {
            if (r instanceof CNAMERecord c && r.getName().equals(owner)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the record's address without a host name: dnsjava attaches the owner name (with its
     * trailing dot), which later steps could mistake for a name to verify or to show.
     */
    private static InetAddress address(Record r) {
        InetAddress a = r instanceof ARecord v4 ? v4.getAddress() : ((AAAARecord) r).getAddress();
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a DNS record's address has a bad length", e);
        }
    }

    /** Returns a name as reports show it: without the root's trailing dot. */
    static String display(Name name) {
        return name.toString(true);
    }
}
