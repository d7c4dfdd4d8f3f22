package dev.wscheck.engine;

import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.PlannedCheck;
import dev.wscheck.catalog.PlannedRequirement;
import dev.wscheck.net.DirectTransport;
import dev.wscheck.net.Ipv6Status;
import dev.wscheck.net.NameResolver;
import dev.wscheck.net.Transport;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Probe;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeRegistry;
import dev.wscheck.probe.ProbeResources;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.dns.DnsEvidence;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a plan: every distinct check once, concurrently on a bounded pool, each after the check it
 * depends on; a check whose predecessor failed is reported as skipped. The whole run is bounded
 * by the deadline: what has not finished by then is reported as {@code deadline-exceeded}.
 *
 * <p>Usable without a command line (tests, the exporter): it knows nothing of picocli or reports.
 */
public final class Engine {
    private final ProbeRegistry registry;

    public Engine(ProbeRegistry registry) {
        this.registry = registry;
    }

    public RunResult run(Plan plan, RunSettings settings, ProbeResources resources, ProgressListener progress) {
        return run(plan, settings, resources, progress, StopSignal.never());
    }

    /** As {@link #run(Plan, RunSettings, ProbeResources, ProgressListener)}, ending early when {@code stop} fires. */
    public RunResult run(Plan plan, RunSettings settings, ProbeResources resources, ProgressListener progress, StopSignal stop) {
        Instant started = Instant.now();
        long deadlineNanos = System.nanoTime() + settings.deadline().toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(settings.parallelism(), r -> {
            Thread t = new Thread(r, "wscheck-probe");
            t.setDaemon(true);
            return t;
        });
        // Per-address runs wait on their own threads: a check waiting for its addresses must not hold
        // the pool's threads that those addresses would need.
        ExecutorService fanOut = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "wscheck-address");
            t.setDaemon(true);
            return t;
        });
        BusyMeter meter = new BusyMeter();
        // This PC's IPv6 status as the plan decided it (once per run); a plan made without one asks the host.
        Attempts attempts = new Attempts(meter, fanOut, plan.ipv6().map(Ipv6Status::checked).orElseGet(Attempts::hasIpv6), deadlineNanos);
        try {
            Map<String, CompletableFuture<ProbeResult>> futures = new LinkedHashMap<>();
            // What each requirement reports: its planned checks, plus direct comparisons where the client uses a proxy.
            Map<PlannedRequirement, List<Entry>> entries = new LinkedHashMap<>();
            Map<String, Entry> distinct = new LinkedHashMap<>();
            for (PlannedRequirement req : plan.requirements()) {
                entries.put(req, entries(req, settings));
                for (Entry e : entries.get(req)) {
                    distinct.putIfAbsent(e.key(), e);
                }
            }
            int total = distinct.size();
            AtomicInteger done = new AtomicInteger();
            progress.started(total);
            Map<ProbeKind, CompletableFuture<Void>> prepared = prepare(distinct.values().stream().map(Entry::check).toList(), resources, pool);
            // Entries list a check's predecessor before it, so one pass in order suffices.
            for (Entry e : distinct.values()) {
                PlannedCheck pc = e.check();
                CompletableFuture<Void> ready = prepared.get(pc.spec().probe());
                CompletableFuture<ProbeResult> f;
                if (pc.notRun().isPresent()) {
                    f = CompletableFuture.completedFuture(notRun(pc, e.transport()));
                } else if (e.after().isEmpty()) {
                    f = ready.thenApplyAsync(v -> ipv6Answer(pc, runOne(attempts, pc.spec(), List.of(), e.transport(), settings, resources)), pool);
                } else {
                    CheckSpec prevSpec = e.after().get().check().spec();
                    CompletableFuture<ProbeResult> prev = futures.get(e.after().get().key());
                    f = prev.thenCombine(ready, (p, v) -> p).thenApplyAsync(p -> p.allowsNextStep()
                            ? runOne(attempts, pc.spec(), addressesFor(pc, prevSpec, p, e.transport()), e.transport(), settings, resources)
                            : skipped(prevSpec, p, e.transport()), pool);
                }
                f = f.whenComplete((r, ex) -> {
                    if (r != null) {
                        progress.checkFinished(pc.spec(), r, done.incrementAndGet(), total);
                    }
                });
                futures.put(e.key(), f);
            }
            Map<String, ProbeResult> results = await(futures, deadlineNanos, stop);
            progress.finished();
            List<RunResult.RequirementRun> runs = new ArrayList<>();
            for (Map.Entry<PlannedRequirement, List<Entry>> re : entries.entrySet()) {
                List<RunResult.CheckRun> checks = new ArrayList<>();
                for (Entry e : re.getValue()) {
                    checks.add(new RunResult.CheckRun(e.check(), results.get(e.key()), e.role()));
                }
                runs.add(new RunResult.RequirementRun(re.getKey(), checks));
            }
            return new RunResult(started, Duration.between(started, Instant.now()), runs);
        } finally {
            pool.shutdownNow();
            fanOut.shutdownNow();
            meter.close();
        }
    }

    /**
     * The addresses a step connects to: every address of the DNS step before it, or the one address
     * the step before it chose; none where a proxy resolves the name (UDP and latency probes never go
     * through a proxy, so they always get the local answer). A step on the IPv6 path gets the IPv6 addresses only.
     */
    private static List<InetAddress> addressesFor(PlannedCheck pc, CheckSpec prevSpec, ProbeResult prev, Transport transport) {
        CheckSpec spec = pc.spec();
        boolean proxied = transport.resolvesRemotely() && spec.probe() != ProbeKind.UDP && spec.probe() != ProbeKind.LATENCY;
        if (proxied) {
            return List.of();
        }
        List<InetAddress> out = prevSpec.probe() == ProbeKind.DNS ? Attempts.resolved(prev) : prev.address().map(List::of).orElse(List.of());
        return pc.ipv6Path() ? out.stream().filter(a -> a instanceof Inet6Address).toList() : out;
    }

    /**
     * The DNS step of an IPv6 path: an answer without an AAAA record leaves that path nowhere to
     * go, so it is {@code dns-nodata} (the step after it is then skipped), whatever A records it has.
     */
    private static ProbeResult ipv6Answer(PlannedCheck pc, ProbeResult r) {
        if (!pc.ipv6Path() || pc.spec().probe() != ProbeKind.DNS || !r.isOk()
                || !(r.evidence().orElse(null) instanceof DnsEvidence e) || !e.aaaa().isEmpty()) {
            return r;
        }
        String a = e.a().isEmpty() ? "" : " (A " + String.join(", ", e.a()) + ")";
        return r.withOutcome(Outcome.DNS_NODATA, pc.spec().targetDisplay() + ": no AAAA record" + a + ", so the IPv6 path has no address to connect to");
    }

    /** A check the plan already knew could not run (this PC has no IPv6): skipped, nothing sent. */
    private static ProbeResult notRun(PlannedCheck pc, Transport transport) {
        return new ProbeResult(Outcome.SKIPPED, "not run: " + pc.notRun().orElse(""), Optional.empty(), transport.route(), Map.of(), Duration.ZERO,
                Optional.empty());
    }

    /** Starts each probe's preparation once, for the kinds the plan uses; a failed preparation still lets checks run. */
    private Map<ProbeKind, CompletableFuture<Void>> prepare(Iterable<PlannedCheck> checks, ProbeResources resources, ExecutorService pool) {
        Map<ProbeKind, CompletableFuture<Void>> out = new java.util.EnumMap<>(ProbeKind.class);
        for (PlannedCheck pc : checks) {
            out.computeIfAbsent(pc.spec().probe(), kind -> CompletableFuture.runAsync(() -> {
                try {
                    registry.get(kind).prepare(resources);
                } catch (RuntimeException | LinkageError e) {
                    // the check itself will fail and say why
                }
            }, pool));
        }
        return out;
    }

    /**
     * One check as the engine runs it: its transport, the entry it waits for, its role, and the
     * sharing key (two requirements share a check only when it also takes the same route).
     */
    private record Entry(PlannedCheck check, Transport transport, Optional<Entry> after, RunResult.Role role) {
        String key() {
            return check.spec().key() + (check.ipv6Path() ? " ipv6" : "") + " via " + transport.describe();
        }
    }

    /**
     * The entries of one requirement, in chain order. Where the client reaches an endpoint through
     * a proxy, the proxy resolves the name (the TCP step does not wait for the local DNS answer,
     * which becomes evidence: LOCAL_DNS), and a direct TCP connect to the same endpoint is added
     * after the DNS step (DIRECT_COMPARISON), so the report can say whether direct would work too.
     */
    private static List<Entry> entries(PlannedRequirement req, RunSettings settings) {
        List<Entry> out = new ArrayList<>();
        Map<CheckSpec, Entry> bySpec = new LinkedHashMap<>();
        Map<String, Boolean> proxiedHosts = new LinkedHashMap<>();
        // One routing decision per check: with a PAC file each decision runs its FindProxyForURL.
        Map<PlannedCheck, Transport> transports = new LinkedHashMap<>();
        for (PlannedCheck pc : req.checks()) {
            Transport t = settings.routing().transportFor(req.def().proxy(), pc.spec().probe(), pc.spec().target());
            transports.put(pc, t);
            if (pc.spec().probe() != ProbeKind.DNS) {
                proxiedHosts.merge(pc.spec().target().host(), t.resolvesRemotely(), Boolean::logicalAnd);
            }
        }
        for (PlannedCheck pc : req.checks()) {
            ProbeKind kind = pc.spec().probe();
            Transport t = transports.get(pc);
            Optional<Entry> after = pc.after().map(bySpec::get);
            RunResult.Role role = pc.ipv6Path() ? RunResult.Role.IPV6_PATH : RunResult.Role.PATH;
            if (kind == ProbeKind.DNS && proxiedHosts.getOrDefault(pc.spec().target().host(), false)) {
                role = RunResult.Role.LOCAL_DNS;
            }
            boolean viaProxy = t.resolvesRemotely() && kind != ProbeKind.UDP && kind != ProbeKind.LATENCY;
            Optional<Entry> dnsStep = after.filter(a -> a.check().spec().probe() == ProbeKind.DNS);
            if (viaProxy && dnsStep.isPresent()) {
                after = Optional.empty(); // the proxy resolves the target itself
            }
            Entry e = new Entry(pc, t, after, role);
            bySpec.put(pc.spec(), e);
            out.add(e);
            if (viaProxy && kind == ProbeKind.TCP && dnsStep.isPresent() && !pc.ipv6Path()) {
                out.add(new Entry(pc, DirectTransport.INSTANCE, dnsStep, RunResult.Role.DIRECT_COMPARISON));
            }
        }
        return out;
    }

    private ProbeResult runOne(Attempts attempts, CheckSpec spec, List<InetAddress> addresses, Transport transport, RunSettings settings,
                               ProbeResources resources) {
        try {
            Probe probe = registry.get(spec.probe());
            // An IP-literal endpoint has no DNS step: the literal is the address.
            List<InetAddress> to = addresses.isEmpty() && !transport.resolvesRemotely()
                    ? NameResolver.literal(spec.target().host()).stream().toList() : addresses;
            return attempts.run(probe, spec, to, transport, settings.timeout(), resources);
        } catch (RuntimeException | LinkageError e) {
            // Anything that escapes is a wscheck bug, and is reported as one.
            return ProbeResult.of(Outcome.ERROR, spec.key() + ": internal error: " + e);
        }
    }

    private static ProbeResult skipped(CheckSpec prevSpec, ProbeResult prev, Transport transport) {
        String why = prev.outcome() == Outcome.SKIPPED ? "an earlier step failed" : prevSpec.probe().id() + " " + prevSpec.targetDisplay() + " failed (" + prev.outcome().code() + ")";
        // Reported on the route it would have taken.
        return new ProbeResult(Outcome.SKIPPED, "not run: " + why, Optional.empty(), transport.route(), Map.of(), Duration.ZERO, Optional.empty());
    }

    private static Map<String, ProbeResult> await(Map<String, CompletableFuture<ProbeResult>> futures, long deadlineNanos, StopSignal stop) {
        Map<String, ProbeResult> out = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<ProbeResult>> e : futures.entrySet()) {
            long left = deadlineNanos - System.nanoTime();
            ProbeResult r;
            try {
                // Waits for the check, the deadline or a stop, whichever comes first.
                CompletableFuture.anyOf(e.getValue(), stop.future()).get(Math.max(0, left), TimeUnit.NANOSECONDS);
                r = e.getValue().isDone() ? e.getValue().get()
                        : ProbeResult.of(Outcome.DEADLINE_EXCEEDED, e.getKey() + ": not finished when the run was stopped (interrupted)");
            } catch (TimeoutException ex) {
                r = ProbeResult.of(Outcome.DEADLINE_EXCEEDED, e.getKey() + ": not finished when the run's deadline passed");
            } catch (ExecutionException ex) {
                r = ProbeResult.of(Outcome.ERROR, e.getKey() + ": internal error: " + ex.getCause());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                r = ProbeResult.of(Outcome.DEADLINE_EXCEEDED, e.getKey() + ": interrupted");
            }
            out.put(e.getKey(), r);
        }
        return out;
    }
}
