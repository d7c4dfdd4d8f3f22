package dev.wscheck.probe.dns;

import dev.wscheck.net.DnsServers;
import dev.wscheck.net.Route;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Phase;
import dev.wscheck.probe.Probe;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResult;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TextParseException;

/**
 * Resolves the check's host with direct A and AAAA queries to the run's DNS servers (the system's,
 * or --dns-server), tells the ways resolution fails apart, and flags answers a public endpoint
 * never has (sinkholes). With the system's servers it also asks the operating system's resolver,
 * which sees hosts files, VPN split DNS and NRPT, and reports when the two views disagree.
 *
 * <p>Servers are asked in order. A server that stays silent or errors (ICMP, garbage) passes the
 * question to the next; any answer, NXDOMAIN, SERVFAIL and REFUSED included, ends the search. The
 * whole probe stays within {@code ctx.timeout()}: each server gets
 * {@code max(left / min(servers left, 3), 500 ms)} of the time left, and never more than is left.
 *
 * <p>dnsjava checks its timers once per NIO selector wake-up (1 s by default); the CLI and the tests
 * set {@code dnsjava.nio.selector_timeout=100} before dnsjava loads so that sub-second shares hold.
 * This probe does not rely on it: it waits on its own clock and abandons late queries.
 */
public final class DnsProbe implements Probe {
    /** The smallest time share a server gets, so that a slow but working resolver is not cut off. */
    static final Duration MIN_SERVER_SHARE = Duration.ofMillis(500);
    /** How many servers the budget is split between; later servers are asked only if time is left. */
    static final int SHARES = 3;

    private static final String SYSTEM = "system";
    private static final String OS_HINT = "hosts file, VPN split DNS or NRPT?";

    /** The OS resolver blocks; its lookups run here so that the probe can stop waiting on time. */
    private static final ExecutorService OS_LOOKUPS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wscheck-os-resolver");
        t.setDaemon(true);
        return t;
    });

    private final OsResolver os;
    private final StubSchedule schedule = StubSchedule.current();

    /** A probe that compares with the operating system's real resolver. */
    public DnsProbe() {
        this(OsResolver.SYSTEM);
    }

    /** A probe that takes the operating system's view from {@code os} (tests inject a fake). */
    public DnsProbe(OsResolver os) {
        this.os = Objects.requireNonNull(os, "os");
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.DNS;
    }

    @Override
    public ProbeResult run(CheckSpec check, ProbeContext ctx) {
        long t0 = System.nanoTime();
        long end = t0 + ctx.timeout().toNanos();
        String host = check.target().host();
        DnsServers servers = ctx.resources().dnsServers();
        if (check.target().isIpLiteral()) {
            return literal(host, servers);
        }
        Name name;
        try {
            name = Name.fromString(host, Name.root);
        } catch (TextParseException e) {
            return ProbeResult.of(Outcome.ERROR, "dns => " + host + ": not a valid DNS name (" + e.getMessage() + ")");
        }
        // Only the system's servers are comparable with the OS view; explicit ones never ask the OS.
        Optional<CompletableFuture<List<InetAddress>>> osLookup = SYSTEM.equals(servers.source())
                ? Optional.of(startOsLookup(host))
                : Optional.empty();

        // Halfway through the budget with no answer yet, the silent-resolver knock starts beside the
        // search, so that it has come back by the time the search gives up (see knock()).
        AtomicBoolean searching = new AtomicBoolean(true);
        Duration knockTimeout = ResolverKnock.timeoutFor(ctx.timeout());
        CompletableFuture.runAsync(() -> {
            if (searching.get()) {
                servers.servers().forEach(server -> ResolverKnock.knock(server, knockTimeout, OS_LOOKUPS));
            }
        }, CompletableFuture.delayedExecutor(ctx.timeout().toMillis() / 2, TimeUnit.MILLISECONDS, OS_LOOKUPS));
        Search search = search(name, servers.servers(), ctx.timeout(), end, schedule);
        searching.set(false);
        Duration dnsTime = Duration.ofNanos(System.nanoTime() - t0);
        OsView view = osLookup.map(f -> awaitOs(f, end, ctx.timeout())).orElse(OsView.NOT_ASKED);

        Map<InetSocketAddress, ResolverKnock.Result> knocks = search.answer().isEmpty() && !view.resolved() ? knock(search, ctx.timeout()) : Map.of();
        Finding direct = search.answer().map(r -> fromAnswer(r, ctx.resources().privateAddressesExpected()))
                .orElseGet(() -> noAnswer(search, servers, ctx.timeout(), knocks));
        Finding finding;
        if (search.answer().isEmpty() && view.resolved()) {
            // No direct answer at all (silence, ICMP, no server) is not a disagreement: the client asks the
            // OS, which answered, so the later steps check the OS's addresses.
            finding = new Finding(Outcome.OK, "the direct query got no answer (" + direct.text() + "), but the operating system's resolver returns "
                    + list(view.addresses()) + ", which the client uses", view.addresses());
        } else {
            finding = view.disagreesWith(direct.addresses()) ? inconsistent(direct, view) : direct;
        }

        ProbeResult.Builder b = ProbeResult.builder()
                .outcome(finding.outcome())
                .via(Route.DIRECT)
                .phase(Phase.DNS, dnsTime)
                .detail(who(search, servers) + " => " + host + ": " + finding.text() + failover(search))
                .evidence(evidence(name, servers, search, view, schedule));
        first(finding.addresses()).ifPresent(b::address);
        return b.build(Duration.ofNanos(System.nanoTime() - t0));
    }

    // ---- asking the servers ------------------------------------------------------------------

    /**
     * The servers asked, why the ones that failed failed (in words and in kind), every datagram
     * sent, and the answer that counts, if any.
     */
    record Search(List<InetSocketAddress> tried, List<String> failures, List<ServerAttempt.Failure> kinds,
                          List<DnsEvidence.Send> sends, Optional<ServerAttempt.Result> answer) {}

    private static Search search(Name name, List<InetSocketAddress> servers, Duration timeout, long end, StubSchedule schedule) {
        List<InetSocketAddress> tried = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<ServerAttempt.Failure> kinds = new ArrayList<>();
        List<DnsEvidence.Send> sends = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < servers.size(); i++) {
            InetSocketAddress server = servers.get(i);
            long left = end - System.nanoTime();
            if (left <= 0) {
                failures.add(display(server) + ": not asked, the " + timeout.toMillis() + " ms budget was spent");
                kinds.add(ServerAttempt.Failure.SILENT);
                continue;
            }
            // Shares are recomputed from what is left, so that time a server did not use (an ICMP
            // error comes back at once) goes to the ones after it.
            long share = Math.min(left, Math.max(left / Math.min(servers.size() - i, SHARES), MIN_SERVER_SHARE.toNanos()));
            tried.add(server);
            // Rounded to whole milliseconds, for a readable detail ("within 1000 ms", not "999 ms").
            long offset = Math.round((System.nanoTime() - start) / 1e6);
            ServerAttempt.Result r = ServerAttempt.ask(server, name, Duration.ofMillis(Math.max(1, Math.round(share / 1e6))), schedule);
            // Send times are relative to the probe's start, not to this server's share.
            r.sends().forEach(x -> sends.add(new DnsEvidence.Send(x.server(), x.type(), x.atMs() + offset, x.result())));
            if (isDefinite(r)) {
                return new Search(tried, failures, kinds, sends, Optional.of(r));
            }
            ServerAttempt.Failure kind = r.a().answer().isPresent() ? r.aaaa().kind() : r.a().kind();
            Optional<ServerAttempt.Failure> icmp = kind == ServerAttempt.Failure.SILENT ? ServerAttempt.recentIcmp(server) : Optional.empty();
            failures.add(display(server) + ": " + whyNoAnswer(r)
                    + icmp.map(k -> " (other queries to it got ICMP " + (k == ServerAttempt.Failure.PORT_UNREACHABLE ? "port" : "host")
                            + " unreachable just before: ICMP is rate-limited)").orElse(""));
            kinds.add(icmp.orElse(kind));
        }
        return new Search(tried, failures, kinds, sends, Optional.empty());
    }

    /**
     * Whether a server's replies end the search: it gave addresses, or it answered the A query
     * (whatever the rcode), or it answered AAAA with an error rcode. A server that answered only
     * AAAA, and with no address, has not said what matters, so the next server is asked.
     */
    private static boolean isDefinite(ServerAttempt.Result r) {
        if (!addresses(r.a()).isEmpty() || !addresses(r.aaaa()).isEmpty()) {
            return true;
        }
        if (r.a().answer().isPresent()) {
            return true;
        }
        return r.aaaa().answer().map(x -> x.rcode() != Rcode.NOERROR).orElse(false);
    }

    private static String whyNoAnswer(ServerAttempt.Result r) {
        String a = r.a().failure();
        String aaaa = r.aaaa().answer().map(x -> x.rcodeName() + " without address").orElse(r.aaaa().failure());
        return a.equals(aaaa) ? a : "A: " + a + ", AAAA: " + aaaa;
    }

    // ---- what the answer means ---------------------------------------------------------------

    /** An outcome, the detail text after "host: ", and the addresses the direct query found. */
    record Finding(Outcome outcome, String text, List<InetAddress> addresses) {}

    private static Finding fromAnswer(ServerAttempt.Result r, boolean privateExpected) {
        List<InetAddress> all = new ArrayList<>(addresses(r.a()));
        all.addAll(addresses(r.aaaa()));
        String via = chain(r).size() > 1 ? " via CNAME " + joinNames(chain(r)) : "";
        if (!all.isEmpty()) {
            for (InetAddress address : all) {
                Optional<String> reason = Sinkholes.reason(address, privateExpected);
                if (reason.isPresent()) {
                    return new Finding(Outcome.DNS_SINKHOLED, "answer " + address.getHostAddress() + " is " + reason.get()
                            + ", which a public endpoint never has (DNS sinkhole or internal record)" + via, all);
                }
            }
            return new Finding(Outcome.OK, "A " + list(addresses(r.a())) + "; AAAA " + list(addresses(r.aaaa())) + via, all);
        }
        // No address: the A answer decides; without one, the AAAA answer (an error rcode, see isDefinite).
        TypeAnswer deciding = r.a().answer().or(() -> r.aaaa().answer()).orElseThrow();
        if (deciding.problem().isPresent()) {
            return new Finding(Outcome.DNS_SERVFAIL, deciding.problem().get() + " (" + joinNames(deciding.chain()) + ")", all);
        }
        String end = deciding.chain().isEmpty() ? ""
                : " for " + TypeLookup.display(deciding.chain().get(deciding.chain().size() - 1))
                        + " at the end of CNAME chain " + joinNames(deciding.chain());
        switch (deciding.rcode()) {
            case Rcode.NOERROR:
                return new Finding(Outcome.DNS_NODATA, "NOERROR but no A or AAAA record" + end + " (the name exists without an address)", all);
            case Rcode.NXDOMAIN:
                return new Finding(Outcome.DNS_NXDOMAIN, "NXDOMAIN" + end + ", the name does not exist", all);
            case Rcode.REFUSED:
                return new Finding(Outcome.DNS_REFUSED, "REFUSED" + end + ", the resolver will not answer this query from here", all);
            case Rcode.SERVFAIL:
                return new Finding(Outcome.DNS_SERVFAIL, "SERVFAIL" + end + ", the resolver failed to resolve the name", all);
            default:
                // FORMERR, NOTIMP and the rest: the resolver did not resolve the name either.
                return new Finding(Outcome.DNS_SERVFAIL, deciding.rcodeName() + end + ", the resolver did not resolve the name", all);
        }
    }

    /**
     * When every server asked was silent (no answer, no ICMP), one TCP connect to each one's port
     * tells "no way to the resolver" from "the resolver's UDP is dropped" (see {@link ResolverKnock}).
     * The connects started halfway through the budget while no answer had come (a resolver that has
     * not answered in half the time rarely answers later), so they are usually back when the search
     * ends; a connect that is not adds at most one knock timeout.
     */
    private static Map<InetSocketAddress, ResolverKnock.Result> knock(Search search, Duration timeout) {
        if (search.tried().isEmpty() || !search.kinds().stream().allMatch(k -> k == ServerAttempt.Failure.SILENT)) {
            return Map.of();
        }
        Duration knockTimeout = ResolverKnock.timeoutFor(timeout);
        Map<InetSocketAddress, CompletableFuture<ResolverKnock.Result>> running = new LinkedHashMap<>();
        for (InetSocketAddress server : search.tried()) {
            running.put(server, ResolverKnock.knock(server, knockTimeout, OS_LOOKUPS));
        }
        Map<InetSocketAddress, ResolverKnock.Result> out = new LinkedHashMap<>();
        for (Map.Entry<InetSocketAddress, CompletableFuture<ResolverKnock.Result>> e : running.entrySet()) {
            try {
                out.put(e.getKey(), e.getValue().get(knockTimeout.toMillis() + 500, TimeUnit.MILLISECONDS));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException ex) {
                // this PC did not finish the connect in time: nothing learned about this server
            }
        }
        return out;
    }

    private static Finding noAnswer(Search search, DnsServers servers, Duration timeout, Map<InetSocketAddress, ResolverKnock.Result> knocks) {
        if (servers.servers().isEmpty()) {
            return new Finding(Outcome.DNS_TIMEOUT, "no server to ask", List.of());
        }
        if (!knocks.isEmpty()) {
            return silentServers(search, servers, timeout, knocks);
        }
        String why = " (" + String.join("; ", search.failures()) + ")";
        // Silence from any server is a timeout; only when every server's side answered with ICMP is it
        // something else: nothing listens on the resolver's port, or there is no route to it.
        if (!search.kinds().isEmpty() && !search.kinds().contains(ServerAttempt.Failure.SILENT)
                && !search.kinds().contains(ServerAttempt.Failure.GARBAGE)) {
            if (search.kinds().stream().allMatch(k -> k == ServerAttempt.Failure.PORT_UNREACHABLE)) {
                return new Finding(Outcome.DNS_PORT_UNREACHABLE, "ICMP port unreachable: no DNS server listens at the resolver's address" + why, List.of());
            }
            return new Finding(Outcome.DNS_UNREACHABLE, "the resolver cannot be reached (no route, or ICMP unreachable)" + why, List.of());
        }
        // "no answer within" only when silence is what happened: a garbage or truncated reply that
        // failed in a second is said as what it was.
        boolean silence = search.kinds().stream().allMatch(k -> k == ServerAttempt.Failure.SILENT);
        return new Finding(Outcome.DNS_TIMEOUT, (silence ? "no answer within " + timeout.toMillis() + " ms" : "no usable answer") + why, List.of());
    }

    /**
     * Every server asked was silent over UDP, and each was knocked on over TCP. Only when every
     * server was asked and every knock met "no route" is the resolver unreachable; otherwise it is
     * a timeout, with what the knocks showed in the detail.
     */
    static Finding silentServers(Search search, DnsServers servers, Duration timeout, Map<InetSocketAddress, ResolverKnock.Result> knocks) {
        List<String> why = new ArrayList<>();
        for (int i = 0; i < search.failures().size(); i++) {
            String f = search.failures().get(i);
            InetSocketAddress server = i < search.tried().size() ? search.tried().get(i) : null;
            ResolverKnock.Result k = server == null ? null : knocks.get(server);
            why.add(k == null ? f : f + "; " + k.text());
        }
        String list = " (" + String.join("; ", why) + ")";
        boolean everyServerAsked = search.tried().size() == servers.servers().size();
        boolean allUnreachable = everyServerAsked && search.tried().stream()
                .allMatch(s -> knocks.containsKey(s) && knocks.get(s).answer() == ResolverKnock.Answer.UNREACHABLE);
        if (allUnreachable) {
            return new Finding(Outcome.DNS_UNREACHABLE, "the resolver cannot be reached: no answer over UDP, and a TCP connect to it met"
                    + " no route (ICMP host or network unreachable)" + list, List.of());
        }
        return new Finding(Outcome.DNS_TIMEOUT, "no answer within " + timeout.toMillis() + " ms" + list, List.of());
    }

    private static Finding inconsistent(Finding direct, OsView view) {
        String dns = direct.outcome() == Outcome.OK ? "the direct query answers " + list(direct.addresses())
                : "the direct query: " + direct.text();
        String osText = view.resolved() ? "the operating system's resolver returns " + list(view.addresses())
                : "the operating system's resolver does not resolve it (" + view.status() + ")";
        // Where the direct query found nothing but the OS resolved, the later steps check the addresses
        // the client (which asks the OS) would use.
        List<InetAddress> use = direct.addresses().isEmpty() && view.resolved() ? view.addresses() : direct.addresses();
        return new Finding(Outcome.DNS_INCONSISTENT, dns + ", but " + osText + " (" + OS_HINT + ")", use);
    }

    private static String who(Search search, DnsServers servers) {
        if (servers.servers().isEmpty()) {
            return "no DNS resolver is configured (" + servers.source() + ")";
        }
        if (search.answer().isPresent()) {
            return "resolver " + display(answeredBy(search.answer().get())) + " (" + servers.source() + ")";
        }
        List<String> all = servers.servers().stream().map(DnsProbe::display).toList();
        return (all.size() == 1 ? "resolver " : "resolvers ") + String.join(", ", all) + " (" + servers.source() + ")";
    }

    private static String failover(Search search) {
        if (search.answer().isEmpty() || search.failures().isEmpty()) {
            return "";
        }
        return " (after " + String.join("; ", search.failures()) + ")";
    }

    // ---- the operating system's view ---------------------------------------------------------

    /** What the OS resolver said; {@code resolved} with addresses, or why not. */
    private record OsView(String status, List<InetAddress> addresses, boolean resolved, boolean unknownHost) {
        static final OsView NOT_ASKED = new OsView("not asked (explicit servers)", List.of(), false, false);

        /**
         * Whether the two views disagree: the OS resolves and the direct query has no address in
         * common with it (none at all included), or the direct query resolves and the OS says the
         * name is unknown. An OS lookup that failed otherwise or did not finish proves nothing.
         */
        boolean disagreesWith(List<InetAddress> direct) {
            if (resolved) {
                return Collections.disjoint(Set.copyOf(addresses), Set.copyOf(direct));
            }
            return unknownHost && !direct.isEmpty();
        }
    }

    private CompletableFuture<List<InetAddress>> startOsLookup(String host) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return List.copyOf(os.resolve(host));
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, OS_LOOKUPS);
    }

    private static OsView awaitOs(CompletableFuture<List<InetAddress>> f, long end, Duration timeout) {
        try {
            List<InetAddress> found = f.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (found.isEmpty()) {
                return new OsView("failed (no address returned)", List.of(), false, false);
            }
            return new OsView("ok", found, true, false);
        } catch (TimeoutException e) {
            // The lookup thread finishes on its own (the OS resolver has its own timeouts).
            return new OsView("no answer within " + timeout.toMillis() + " ms", List.of(), false, false);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() instanceof CompletionException && e.getCause().getCause() != null ? e.getCause().getCause() : e.getCause();
            if (c instanceof UnknownHostException) {
                // getaddrinfo's EAI_AGAIN ("Temporary failure in name resolution", "try again") is the OS
                // resolver timing out, not the name being unknown: it proves nothing about the answer.
                String m = String.valueOf(c.getMessage()).toLowerCase(java.util.Locale.ROOT);
                boolean temporary = m.contains("temporary failure") || m.contains("try again") || m.contains("timed out");
                return new OsView((temporary ? "no answer: " : "unknown host: ") + c.getMessage(), List.of(), false, !temporary);
            }
            return new OsView("failed (" + c + ")", List.of(), false, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OsView("interrupted", List.of(), false, false);
        }
    }

    // ---- evidence and small helpers ----------------------------------------------------------

    private static DnsEvidence evidence(Name name, DnsServers servers, Search search, OsView view, StubSchedule schedule) {
        Optional<ServerAttempt.Result> r = search.answer();
        boolean aa = r.flatMap(x -> x.a().answer().or(() -> x.aaaa().answer())).map(TypeAnswer::authoritative).orElse(false);
        long ttl = r.map(x -> minTtl(x.a(), x.aaaa())).orElse(-1L);
        return new DnsEvidence(
                TypeLookup.display(name),
                servers.source(),
                search.tried().stream().map(DnsProbe::display).toList(),
                search.failures(),
                r.map(x -> display(answeredBy(x))).orElse(""),
                r.map(x -> rcode(x.a())).orElse(""),
                r.map(x -> rcode(x.aaaa())).orElse(""),
                aa,
                r.map(x -> chain(x).stream().map(TypeLookup::display).toList()).orElse(List.of()),
                r.map(x -> texts(addresses(x.a()))).orElse(List.of()),
                r.map(x -> texts(addresses(x.aaaa()))).orElse(List.of()),
                ttl,
                view.status(),
                texts(view.addresses()),
                schedule.os(),
                search.sends());
    }

    private static ProbeResult literal(String host, DnsServers servers) {
        InetAddress a;
        try {
            a = Address.getByAddress(host);
        } catch (UnknownHostException e) {
            return ProbeResult.of(Outcome.ERROR, "dns => " + host + ": not a valid IP address");
        }
        boolean v4 = a instanceof Inet4Address;
        return ProbeResult.builder()
                .address(a)
                .detail("dns => " + host + ": an IP address, nothing to resolve")
                .evidence(new DnsEvidence(host, servers.source(), List.of(), List.of(), "", "", "", false, List.of(),
                        v4 ? List.of(host) : List.of(), v4 ? List.of() : List.of(host), -1, "not asked (IP address)", List.of()))
                .build(Duration.ZERO);
    }

    /** Returns the server that answered as dnsjava recorded it on the response, else the server asked. */
    private static InetSocketAddress answeredBy(ServerAttempt.Result r) {
        return r.a().answer().flatMap(TypeAnswer::answeredBy)
                .or(() -> r.aaaa().answer().flatMap(TypeAnswer::answeredBy))
                .orElse(r.server());
    }

    private static List<InetAddress> addresses(ServerAttempt.Reply reply) {
        return reply.answer().map(TypeAnswer::addresses).orElse(List.of());
    }

    private static List<Name> chain(ServerAttempt.Result r) {
        List<Name> a = r.a().answer().map(TypeAnswer::chain).orElse(List.of());
        return a.isEmpty() ? r.aaaa().answer().map(TypeAnswer::chain).orElse(List.of()) : a;
    }

    private static long minTtl(ServerAttempt.Reply a, ServerAttempt.Reply aaaa) {
        long ttl = Long.MAX_VALUE;
        for (ServerAttempt.Reply r : List.of(a, aaaa)) {
            long t = r.answer().map(TypeAnswer::minTtl).orElse(-1L);
            if (t >= 0) {
                ttl = Math.min(ttl, t);
            }
        }
        return ttl == Long.MAX_VALUE ? -1 : ttl;
    }

    private static String rcode(ServerAttempt.Reply reply) {
        return reply.answer().map(TypeAnswer::rcodeName).orElse("no answer");
    }

    private static Optional<InetAddress> first(List<InetAddress> addresses) {
        // The first A record if there is one, else the first AAAA (the list holds A before AAAA).
        return addresses.stream().findFirst();
    }

    private static List<String> texts(List<InetAddress> addresses) {
        return addresses.stream().map(InetAddress::getHostAddress).toList();
    }

    private static String list(List<InetAddress> addresses) {
        return addresses.isEmpty() ? "none" : String.join(", ", texts(addresses));
    }

    private static String joinNames(List<Name> names) {
        return names.stream().map(TypeLookup::display).collect(Collectors.joining(" -> "));
    }

    /** Returns {@code ip:port}, {@code [v6]:port} for IPv6. */
    static String display(InetSocketAddress s) {
        String h = s.isUnresolved() ? s.getHostString() : s.getAddress().getHostAddress();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + s.getPort();
    }
}
