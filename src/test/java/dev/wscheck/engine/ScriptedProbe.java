package dev.wscheck.engine;

import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Probe;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResult;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A probe that sends nothing: it answers each check with a scripted outcome after a scripted
 * delay, and counts its runs. For engine tests, where what matters is ordering, sharing,
 * concurrency and deadlines, not the wire.
 */
final class ScriptedProbe implements Probe {
    private final ProbeKind kind;
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private Duration defaultDelay = Duration.ZERO;

    ScriptedProbe(ProbeKind kind) {
        this.kind = kind;
    }

    ScriptedProbe answer(String target, Outcome outcome) {
        outcomes.put(target, outcome);
        return this;
    }

    ScriptedProbe delay(String target, Duration d) {
        delays.put(target, d);
        return this;
    }

    ScriptedProbe delayAll(Duration d) {
        defaultDelay = d;
        return this;
    }

    int runsOf(String target) {
        AtomicInteger n = runs.get(target);
        return n == null ? 0 : n.get();
    }

    @Override
    public ProbeKind kind() {
        return kind;
    }

    @Override
    public ProbeResult run(CheckSpec check, ProbeContext ctx) {
        String t = check.targetDisplay();
        runs.computeIfAbsent(t, k -> new AtomicInteger()).incrementAndGet();
        Duration d = delays.getOrDefault(t, defaultDelay);
        // Like a real probe, never wait longer than the timeout.
        if (d.compareTo(ctx.timeout()) > 0) {
            d = ctx.timeout();
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Outcome o = outcomes.getOrDefault(t, Outcome.OK);
        ProbeResult.Builder b = ProbeResult.builder().outcome(o).detail("scripted " + kind.id() + " " + t + ": " + o.code());
        if (kind == ProbeKind.DNS) {
            b.address(InetAddress.getLoopbackAddress());
        } else {
            ctx.address().ifPresent(b::address);
        }
        return b.build(d);
    }
}
