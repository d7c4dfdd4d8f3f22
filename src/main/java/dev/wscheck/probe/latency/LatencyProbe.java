package dev.wscheck.probe.latency;

import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.ConnectFailures;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Phase;
import dev.wscheck.probe.Probe;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.ThreadClock;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures round-trip time as TCP connect time: the connect returns when the SYN-ACK arrives, one
 * round trip after the SYN left. Takes {@code ctx.resources().latencySamples()} samples through
 * the check's transport (direct for streaming), started {@code latencySpacing()} apart (start to
 * start, or back to back when a round trip is longer), and closes each socket at once.
 *
 * <p>Warm-up: the first connect pays for class loading, the JIT and the socket machinery of a fresh
 * JVM, which skews min, max and jitter; it is made, reported as {@code warmupMs}, and left out of
 * the statistics. {@code samples} connects follow it.
 *
 * <p>A busy PC: a connected sample during which the probing thread waited for a CPU for
 * {@link #BUSY_WAIT} or more ({@link #busy}) is measured again, at most twice {@code samples} times in a
 * run, and counted in {@code busyRetakes}; after that, samples are kept as measured. The wait is
 * not subtracted instead: a blocking connect cannot tell a wait after the SYN-ACK arrived (which
 * stretched the sample) from one while the SYN was still on the path (which did not), and in the
 * lab under load waits of 130-180 ms fell inside 150 ms round trips. A kept sample is therefore
 * never shorter than the path.
 *
 * <p>Failures: if the warm-up connect fails, the probe stops and reports that failure's TCP outcome
 * (a black-holed target costs one timeout, not samples × timeout). A later sample that fails
 * within the full timeout, or fails outright (refused, reset), counts as lost.
 *
 * <p>Time bound: the probe ends by {@code start + timeout + samples × (spacing + first RTT)}. A
 * sample starts only if its start time fits before that bound, and its connect timeout is cut to
 * what is left; a sample that times out because it was cut is not counted (neither sent nor lost)
 * and ends the sampling. The reserve of one timeout lets one lost sample wait its full timeout.
 *
 * <p>The probe reports facts only ({@code ok} with {@link LatencyEvidence}); the Evaluator grades
 * the median against the protocol's bounds.
 */
public final class LatencyProbe implements Probe {
    @Override
    public ProbeKind kind() {
        return ProbeKind.LATENCY;
    }

    @Override
    public ProbeResult run(CheckSpec check, ProbeContext ctx) {
        String host = check.target().host();
        int port = check.target().port();
        String where = ctx.transport().describe() + " => " + check.target().hostPort();
        int planned = Math.max(1, ctx.resources().latencySamples());
        long spacing = Math.max(0, ctx.resources().latencySpacing().toNanos());
        Duration timeout = ctx.timeout();
        ProbeResult.Builder b = ProbeResult.builder().via(ctx.transport().route());
        ctx.address().ifPresent(b::address);

        long start = System.nanoTime();
        List<Double> samples = new ArrayList<>();
        long firstRtt;
        try {
            firstRtt = connectOnce(host, port, ctx, timeout).nanos();
        } catch (IOException e) {
            long took = System.nanoTime() - start;
            Outcome o = Outcome.classify(e, Phase.CONNECT);
            return b.outcome(o).phase(Phase.CONNECT, Duration.ofNanos(took))
                    .detail(where + ": first sample failed, " + ConnectFailures.describe(e, o, timeout))
                    .evidence(new LatencyEvidence(1, 0, List.of(), 0, 0, 0, 0, planned, 0, 100, 0))
                    .build(Duration.ofNanos(took));
        }
        double warmup = millis(firstRtt);
        int sent = 0;
        int lost = 0;
        int retakes = 0;
        boolean cut = false;
        long bound = start + timeout.toNanos() + (planned + 1) * (spacing + firstRtt);
        while (sent < planned) {
            // Samples keep a clock, as ping does: sample k starts k spacings after the warm-up started,
            // or as soon as the one before it ended when the round trip is longer than the spacing.
            // (Pausing a whole spacing after each sample made 10 samples at 50 ms RTT take 1.6 s, the
            // longest chain of a whole check; on the clock they take 1.05 s, the samples unchanged.)
            long startAt = Math.max(System.nanoTime(), start + (sent + 1) * spacing);
            if (startAt >= bound) {
                cut = true;
                break;
            }
            if (!pause(startAt - System.nanoTime())) {
                cut = true;
                break;
            }
            long left = bound - System.nanoTime();
            if (left <= 0) {
                cut = true;
                break;
            }
            boolean shortened = left < timeout.toNanos();
            Duration sampleTimeout = shortened ? Duration.ofNanos(left) : timeout;
            try {
                Sample one = connectOnce(host, port, ctx, sampleTimeout);
                if (retakes < 2 * planned && busy(one.span())) {
                    retakes++; // this PC, not the path, may have made the sample slow: measure it again
                    continue;
                }
                samples.add(millis(one.nanos()));
                sent++;
            } catch (IOException e) {
                if (shortened && Outcome.classify(e, Phase.CONNECT) == Outcome.TCP_TIMEOUT) {
                    cut = true; // cut short by the budget: no evidence of loss
                    break;
                }
                sent++;
                lost++;
            }
        }
        long total = System.nanoTime() - start;
        RttStats s = RttStats.of(samples, sent);
        String detail = String.format(Locale.ROOT, "%s: %d/%d connects, median %.1f ms (min %.1f, p95 %.1f, max %.1f, jitter %.1f ms; warm-up %.1f ms not counted)",
                where, samples.size(), sent, s.median(), s.min(), s.p95(), s.max(), s.jitter(), warmup);
        if (lost > 0) {
            detail += ", " + lost + " lost";
        }
        if (cut) {
            detail += ", stopped after " + sent + " of " + planned + " samples: time budget used up";
        }
        return b.outcome(Outcome.OK).detail(detail)
                .phase(Phase.CONNECT, Duration.ofNanos(Math.round(s.median() * 1_000_000)))
                .evidence(new LatencyEvidence(sent, samples.size(), samples, s.median(), s.min(), s.max(), s.jitter(), planned,
                        s.p95(), s.lossPct(), warmup, retakes))
                .build(Duration.ofNanos(total));
    }

    /**
     * Run-queue wait that makes a sample doubtful: above the few milliseconds a quiet PC shows, and
     * a third of PCoIP's 30 ms jitter bound. (The first rule, 20 ms and half the sample, let a
     * 150 ms path read as 185 ms in CI: each slow sample had waited 20-45 ms, under half of it.)
     */
    static final Duration BUSY_WAIT = Duration.ofMillis(10);

    /**
     * True when the probing thread spent {@link #BUSY_WAIT} or more of a sample runnable but without
     * a CPU: this PC may have stretched the measured connect by that much. Never true where the OS
     * does not report the wait.
     */
    static boolean busy(ThreadClock.Span span) {
        return span.use().cpuWait().map(w -> w.compareTo(BUSY_WAIT) >= 0).orElse(false);
    }

    /**
     * One connect: its time in nanoseconds (the clock read just around the connect) and what the
     * probing thread did meanwhile (the span of two {@link ThreadClock} readings around it).
     */
    record Sample(long nanos, ThreadClock.Span span) {}

    /** Opens one connection and measures its connect, then closes it at once (outside the measure). */
    private static Sample connectOnce(String host, int port, ProbeContext ctx, Duration timeout) throws IOException {
        ThreadClock.Reading before = ThreadClock.now();
        long t0 = System.nanoTime();
        Socket s = ctx.transport().connect(host, port, ctx.address(), timeout);
        long took = System.nanoTime() - t0;
        ThreadClock.Span span = before.untilNow();
        try {
            s.close();
        } catch (IOException e) {
            // the sample connected; how the close went does not change its round trip
        }
        return new Sample(took, span);
    }

    /** Sleeps; returns false if interrupted (the run is being cancelled), keeping the interrupt. */
    private static boolean pause(long nanos) {
        if (nanos <= 0) {
            return !Thread.currentThread().isInterrupted();
        }
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Milliseconds rounded to the microsecond. */
    static double millis(long nanos) {
        return Math.round(nanos / 1000.0) / 1000.0;
    }
}
