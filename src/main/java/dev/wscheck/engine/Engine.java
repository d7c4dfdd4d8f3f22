package dev.wscheck.engine;

import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.PlannedCheck;
import dev.wscheck.catalog.PlannedRequirement;
import dev.wscheck.net.Transport;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Probe;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeRegistry;
import dev.wscheck.probe.ProbeResources;
import dev.wscheck.probe.ProbeResult;
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
        Instant started = Instant.now();
        long deadlineNanos = System.nanoTime() + settings.deadline().toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(settings.parallelism(), r -> {
            Thread t = new Thread(r, "wscheck-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, CompletableFuture<ProbeResult>> futures = new LinkedHashMap<>();
            Map<String, PlannedCheck> first = new LinkedHashMap<>();
            for (PlannedRequirement req : plan.requirements()) {
                for (PlannedCheck pc : req.checks()) {
                    first.putIfAbsent(key(req, pc.spec(), settings), pc);
                }
            }
            int total = first.size();
            AtomicInteger done = new AtomicInteger();
            progress.started(total);
            Map<ProbeKind, CompletableFuture<Void>> prepared = prepare(first.values(), resources, pool);
            // Plan order lists a check's predecessor before it, so one pass in order suffices.
            for (PlannedRequirement req : plan.requirements()) {
                for (PlannedCheck pc : req.checks()) {
                    String key = key(req, pc.spec(), settings);
                    if (futures.containsKey(key)) {
                        continue;
                    }
                    Transport transport = settings.routing().transportFor(req.def().proxy(), pc.spec().probe());
                    Optional<CheckSpec> after = pc.after();
                    // A proxy resolves the target itself: the local DNS answer is not a precondition.
                    if (after.isPresent() && after.get().probe() == ProbeKind.DNS && transport.resolvesRemotely()
                            && pc.spec().probe() != ProbeKind.UDP && pc.spec().probe() != ProbeKind.LATENCY) {
                        after = Optional.empty();
                    }
                    CompletableFuture<Void> ready = prepared.get(pc.spec().probe());
                    CompletableFuture<ProbeResult> f;
                    if (after.isEmpty()) {
                        f = ready.thenApplyAsync(v -> runOne(pc.spec(), Optional.empty(), transport, settings, resources), pool);
                    } else {
                        CheckSpec prevSpec = after.get();
                        CompletableFuture<ProbeResult> prev = futures.get(key(req, prevSpec, settings));
                        f = prev.thenCombine(ready, (p, v) -> p).thenApplyAsync(p -> p.allowsNextStep()
                                ? runOne(pc.spec(), p.address(), transport, settings, resources)
                                : skipped(prevSpec, p), pool);
                    }
                    f = f.whenComplete((r, e) -> {
                        if (r != null) {
                            progress.checkFinished(pc.spec(), r, done.incrementAndGet(), total);
                        }
                    });
                    futures.put(key, f);
                }
            }
            Map<String, ProbeResult> results = await(futures, deadlineNanos);
            progress.finished();
            List<RunResult.RequirementRun> runs = new ArrayList<>();
            for (PlannedRequirement req : plan.requirements()) {
                List<RunResult.CheckRun> checks = new ArrayList<>();
                for (PlannedCheck pc : req.checks()) {
                    checks.add(new RunResult.CheckRun(pc, results.get(key(req, pc.spec(), settings))));
                }
                runs.add(new RunResult.RequirementRun(req, checks));
            }
            return new RunResult(started, Duration.between(started, Instant.now()), runs);
        } finally {
            pool.shutdownNow();
        }
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

    /** Two requirements share a check only when it would also take the same route. */
    private static String key(PlannedRequirement req, CheckSpec spec, RunSettings settings) {
        return spec.key() + " via " + settings.routing().transportFor(req.def().proxy(), spec.probe()).describe();
    }

    private ProbeResult runOne(CheckSpec spec, Optional<InetAddress> address, Transport transport, RunSettings settings, ProbeResources resources) {
        try {
            Probe probe = registry.get(spec.probe());
            return probe.run(spec, new ProbeContext(settings.timeout(), address, transport, resources));
        } catch (RuntimeException | LinkageError e) {
            // A probe must not throw: anything that escapes is a wscheck bug, and is reported as one.
            return ProbeResult.of(Outcome.ERROR, spec.key() + ": internal error: " + e);
        }
    }

    private static ProbeResult skipped(CheckSpec prevSpec, ProbeResult prev) {
        String why = prev.outcome() == Outcome.SKIPPED ? "an earlier step failed" : prevSpec.probe().id() + " " + prevSpec.targetDisplay() + " failed (" + prev.outcome().code() + ")";
        return ProbeResult.of(Outcome.SKIPPED, "not run: " + why);
    }

    private static Map<String, ProbeResult> await(Map<String, CompletableFuture<ProbeResult>> futures, long deadlineNanos) {
        Map<String, ProbeResult> out = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<ProbeResult>> e : futures.entrySet()) {
            long left = deadlineNanos - System.nanoTime();
            ProbeResult r;
            try {
                r = e.getValue().get(Math.max(0, left), TimeUnit.NANOSECONDS);
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
