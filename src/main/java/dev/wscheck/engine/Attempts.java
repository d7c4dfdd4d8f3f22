package dev.wscheck.engine;

import dev.wscheck.net.HostFacts;
import dev.wscheck.net.Transport;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Confirmation;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Probe;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResources;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.dns.DnsEvidence;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * How the engine runs one check before it believes the result (docs/probes-tls-https.md,
 * "Confirmation" and "Every address"):
 *
 * <ul>
 *   <li><b>Confirmation.</b> A failure that came back quickly (refused, reset, ICMP, a TLS alert, a
 *       proxy's answer) is tried once more at once; the result says how many attempts agreed. A
 *       failure that took the whole timeout already holds the operating system's own retries (TCP
 *       re-sends its SYN, the DNS probe re-sends its query, the UDP probe sends several datagrams),
 *       so it is tried again only when this PC was busy while it waited ({@link BusyMeter}): then a
 *       fresh attempt, up to {@value #MAX_BUSY_ATTEMPTS} in all, and if every one ran busy, the result
 *       is marked busy (the Evaluator makes it inconclusive). A black-holed network therefore still
 *       costs one timeout, not two.</li>
 *   <li><b>Every address.</b> A step that follows the DNS step is run against every address the name
 *       resolved to, concurrently, IPv6 ones only where this PC has global IPv6 (or the address is
 *       loopback). The addresses are ordered as RFC 8305 clients try them (IPv6 first, families
 *       interleaved); the reported result is the first address that works, as the client would get
 *       through there, else the first address's failure. Every address is in the confirmation.</li>
 * </ul>
 */
final class Attempts {
    static final int MAX_BUSY_ATTEMPTS = 3;
    /** A failure that took at least this share of the timeout counts as one that waited for the network. */
    static final double WAITED_SHARE = 0.8;

    private final BusyMeter meter;
    private final ExecutorService fanOut;
    private final boolean ipv6;
    private final long deadlineNanos;

    Attempts(BusyMeter meter, ExecutorService fanOut, boolean ipv6, long deadlineNanos) {
        this.meter = meter;
        this.fanOut = fanOut;
        this.ipv6 = ipv6;
        this.deadlineNanos = deadlineNanos;
    }

    /** The addresses a DNS result found, A before AAAA; empty for other results. */
    static List<InetAddress> resolved(ProbeResult dns) {
        List<InetAddress> out = new ArrayList<>();
        if (dns.evidence().orElse(null) instanceof DnsEvidence e) {
            for (String s : e.a()) {
                literal(s).ifPresent(out::add);
            }
            for (String s : e.aaaa()) {
                literal(s).ifPresent(out::add);
            }
            if (out.isEmpty()) {
                // dns-inconsistent without a direct answer: the OS's addresses are what the client uses
                for (String s : e.osAddresses()) {
                    literal(s).ifPresent(out::add);
                }
            }
        }
        if (out.isEmpty()) {
            dns.address().ifPresent(out::add);
        }
        return out;
    }

    /** The addresses of a fanned-out result that worked; the result's own address otherwise. */
    static List<InetAddress> live(ProbeResult r) {
        List<InetAddress> out = new ArrayList<>();
        r.confirmation().ifPresent(c -> c.addresses().stream().filter(Confirmation.AddressResult::ok)
                .forEach(a -> literal(a.address()).ifPresent(out::add)));
        if (out.isEmpty()) {
            r.address().ifPresent(out::add);
        }
        return out;
    }

    /** Runs {@code spec} over {@code addresses} (fanned out when there are several) with confirmation. */
    ProbeResult run(Probe probe, CheckSpec spec, List<InetAddress> addresses, Transport transport, Duration timeout, ProbeResources resources) {
        List<InetAddress> ordered = clientOrder(addresses);
        List<InetAddress> probed = ordered.stream().filter(this::reachableFamily).toList();
        if (ordered.size() <= 1 || spec.probe() == ProbeKind.DNS) {
            // One address: nothing to fan out.
            Optional<InetAddress> one = probed.isEmpty() ? ordered.stream().findFirst() : probed.stream().findFirst();
            return confirmed(probe, spec, one, transport, timeout, resources);
        }
        if (probed.isEmpty()) {
            probed = ordered; // IPv6-only name on an IPv4-only PC: probe anyway and let the wire say so
        }
        List<CompletableFuture<ProbeResult>> runs = new ArrayList<>();
        for (InetAddress a : probed) {
            runs.add(CompletableFuture.supplyAsync(() -> confirmed(probe, spec, Optional.of(a), transport, timeout, resources), fanOut));
        }
        List<ProbeResult> results = runs.stream().map(CompletableFuture::join).toList();
        List<Confirmation.AddressResult> each = new ArrayList<>();
        int chosen = -1;
        for (InetAddress a : ordered) {
            int i = probed.indexOf(a);
            if (i < 0) {
                each.add(new Confirmation.AddressResult(a.getHostAddress(), family(a), Outcome.SKIPPED.code(), 0, 0,
                        "not probed: this PC has no global IPv6 address, so the client uses IPv4"));
                continue;
            }
            ProbeResult r = results.get(i);
            each.add(new Confirmation.AddressResult(a.getHostAddress(), family(a), r.outcome().code(),
                    r.confirmation().map(Confirmation::attempts).orElse(1), r.duration().toMillis(), r.detail()));
            if (chosen < 0 && r.isOk()) {
                chosen = i;
            }
        }
        ProbeResult deciding = results.get(chosen < 0 ? 0 : chosen);
        Confirmation c = deciding.confirmation().orElse(new Confirmation(1, 1, false, List.of(), List.of()));
        long dead = each.stream().filter(x -> !x.ok() && !x.outcome().equals(Outcome.SKIPPED.code())).count();
        String detail = deciding.detail();
        if (chosen >= 0 && dead > 0) {
            detail += " (" + dead + " of " + probed.size() + " addresses failed: " + deadList(each) + ")";
        } else if (chosen < 0 && probed.size() > 1) {
            detail += " (all " + probed.size() + " addresses failed)";
        }
        return deciding.withAddress(probed.get(chosen < 0 ? 0 : chosen), detail)
                .withConfirmation(new Confirmation(c.attempts(), c.agreed(), c.busy(), c.each(), each));
    }

    /** Runs the probe on one address until its result is believed. */
    ProbeResult confirmed(Probe probe, CheckSpec spec, Optional<InetAddress> address, Transport transport, Duration timeout,
                          ProbeResources resources) {
        List<Confirmation.Attempt> each = new ArrayList<>();
        List<ProbeResult> results = new ArrayList<>();
        while (true) {
            BusyMeter.Watch w = meter.start();
            ProbeResult r = once(probe, spec, address, transport, timeout, resources);
            Confirmation.Attempt a = w.stop(r.outcome().code());
            if (a.busy() && (r.isOk() || !waited(r, timeout) || a.wallMs() < WAITED_SHARE * timeout.toMillis())) {
                // Busy matters only for an attempt that waited for an answer and got none.
                a = a.notBusy();
            }
            each.add(a);
            results.add(r);
            if (!again(r, a, each, timeout)) {
                break;
            }
        }
        ProbeResult last = results.get(results.size() - 1);
        if (results.size() == 1 && last.isOk()) {
            return last; // nothing to confirm
        }
        int agreed = (int) results.stream().filter(x -> x.outcome() == last.outcome()).count();
        boolean busy = !last.isOk() && waited(last, timeout) && each.stream().allMatch(Confirmation.Attempt::busy);
        String detail = last.detail();
        if (last.isOk() && results.size() > 1) {
            detail += " (attempt " + results.size() + "; the first gave " + results.get(0).outcome().code() + ")";
        } else if (busy && waited(last, timeout)) {
            detail += " (this PC was too busy to tell: scheduler lag up to " + each.stream().mapToLong(Confirmation.Attempt::schedulerLagMs).max().orElse(0)
                    + " ms in " + results.size() + (results.size() == 1 ? " attempt)" : " attempts)");
        } else if (agreed < results.size()) {
            detail += " (" + agreed + " of " + results.size() + " attempts agreed)";
        }
        return last.withOutcome(last.outcome(), detail).withConfirmation(new Confirmation(results.size(), agreed, busy, each, List.of()));
    }

    private boolean again(ProbeResult r, Confirmation.Attempt a, List<Confirmation.Attempt> each, Duration timeout) {
        if (r.isOk() || !confirmable(r, timeout)) {
            return false;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left < timeout.toNanos()) {
            return false; // no time for another full attempt before the run's deadline
        }
        if (!waited(r, timeout)) {
            return each.size() < 2 && r.outcome() != Outcome.ERROR; // a quick failure: once more, at once
        }
        if (r.outcome() == Outcome.ERROR) {
            // A probe that gave up waiting on this PC (a stalled event loop) says the PC was busy itself.
            return each.size() < 2;
        }
        return a.busy() && each.size() < MAX_BUSY_ATTEMPTS;
    }

    private static boolean waited(ProbeResult r, Duration timeout) {
        return r.duration().toNanos() >= WAITED_SHARE * timeout.toNanos() || r.outcome() == Outcome.DNS_TIMEOUT
                || r.outcome() == Outcome.TCP_TIMEOUT || r.outcome() == Outcome.HTTP_TIMEOUT || r.outcome() == Outcome.UDP_NO_REPLY;
    }

    /**
     * Results a second attempt can change: not skipped or deadline-exceeded; wscheck's own error only
     * when it came after a wait (a probe that gave up on a stalled event loop: a busy PC, not a bug).
     */
    private static boolean confirmable(ProbeResult r, Duration timeout) {
        Outcome o = r.outcome();
        if (o == Outcome.ERROR) {
            return r.duration().toNanos() >= WAITED_SHARE * timeout.toNanos();
        }
        return o != Outcome.SKIPPED && o != Outcome.DEADLINE_EXCEEDED;
    }

    private static ProbeResult once(Probe probe, CheckSpec spec, Optional<InetAddress> address, Transport transport, Duration timeout,
                                    ProbeResources resources) {
        try {
            return probe.run(spec, new ProbeContext(timeout, address, transport, resources));
        } catch (RuntimeException | LinkageError e) {
            // A probe must not throw: anything that escapes is a wscheck bug, and is reported as one.
            return ProbeResult.of(Outcome.ERROR, spec.key() + ": internal error: " + e);
        }
    }

    /** RFC 8305 §4: IPv6 first, then the families alternate; within a family, the resolver's order. */
    static List<InetAddress> clientOrder(List<InetAddress> addresses) {
        List<InetAddress> v6 = addresses.stream().filter(a -> a instanceof Inet6Address).toList();
        List<InetAddress> v4 = addresses.stream().filter(a -> !(a instanceof Inet6Address)).toList();
        List<InetAddress> out = new ArrayList<>();
        for (int i = 0; i < Math.max(v6.size(), v4.size()); i++) {
            if (i < v6.size()) {
                out.add(v6.get(i));
            }
            if (i < v4.size()) {
                out.add(v4.get(i));
            }
        }
        return out;
    }

    private boolean reachableFamily(InetAddress a) {
        return !(a instanceof Inet6Address) || ipv6 || a.isLoopbackAddress();
    }

    static String family(InetAddress a) {
        return a instanceof Inet6Address ? "ipv6" : "ipv4";
    }

    private static String deadList(List<Confirmation.AddressResult> each) {
        List<String> out = new ArrayList<>();
        for (Confirmation.AddressResult x : each) {
            if (!x.ok() && !x.outcome().equals(Outcome.SKIPPED.code())) {
                out.add(x.address() + " " + x.outcome());
            }
        }
        return String.join(", ", out);
    }

    private static Optional<InetAddress> literal(String s) {
        try {
            // Never a lookup: dnsjava's parser accepts IP literals only.
            return Optional.of(org.xbill.DNS.Address.getByAddress(s));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static boolean hasIpv6() {
        return HostFacts.hasGlobalIpv6();
    }
}
