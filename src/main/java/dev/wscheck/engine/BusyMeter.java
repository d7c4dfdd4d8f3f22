package dev.wscheck.engine;

import dev.wscheck.probe.Confirmation;
import dev.wscheck.probe.ThreadClock;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Tells "the network did not answer" from "this PC was too busy to notice" (docs/probes-tls-https.md,
 * "Confirmation"). A daemon thread sleeps {@value #TICK_MS} ms at a time and records how late it
 * woke up (scheduler lag: CPU starvation, a GC pause, a stalled VM); an attempt is measured by the
 * clock, by its own thread's CPU time and run-queue wait ({@link ThreadClock}, the one source of these
 * per-thread figures), by the worst lag seen while it ran, and by the load average.
 *
 * <p>An attempt that waited for the network counts as <em>busy</em> when a single stall took
 * {@link #STALL_SHARE_BUSY} of its time, the stalls together took {@link #LAG_SHARE_BUSY} of it, or the
 * probing thread itself was on the CPU for {@link #CPU_SHARE_BUSY} of it (it was computing, not
 * waiting for the wire). A short GC pause in a long wait does not make a timeout doubtful. The load average is evidence only: a high one on a many-core PC says little about
 * this process.
 */
final class BusyMeter implements AutoCloseable {
    static final long TICK_MS = 10;
    static final double STALL_SHARE_BUSY = 0.2;
    static final double LAG_SHARE_BUSY = 0.5;
    static final double CPU_SHARE_BUSY = 0.3;
    /** Lags below this are noise (timer slack) and not recorded. */
    private static final long NOISE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long KEEP_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final ConcurrentSkipListMap<Long, Long> lags = new ConcurrentSkipListMap<>();
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private final Thread ticker;
    private volatile boolean closed;
    /** Tests only: every attempt is (or is not) busy, whatever the machine is doing. */
    private final Optional<Boolean> forced;

    BusyMeter() {
        forced = Optional.empty();
        ticker = new Thread(this::tick, "wscheck-busy-meter");
        ticker.setDaemon(true);
        ticker.start();
    }

    private BusyMeter(boolean busy) {
        forced = Optional.of(busy);
        ticker = new Thread(() -> { }, "wscheck-busy-meter-fixed");
    }

    /** A meter that reports every attempt as busy (or not), for tests on a machine whose load is unknown. */
    static BusyMeter fixed(boolean busy) {
        return new BusyMeter(busy);
    }

    private void tick() {
        long tick = TimeUnit.MILLISECONDS.toNanos(TICK_MS);
        while (!closed) {
            long t0 = System.nanoTime();
            LockSupport.parkNanos(tick);
            long woke = System.nanoTime();
            long lag = woke - t0 - tick;
            if (lag > NOISE_NANOS) {
                // Keyed by when the sleep began: the lag happened inside [t0, woke].
                lags.put(t0, lag);
                lags.headMap(woke - KEEP_NANOS).clear();
            }
        }
    }

    /** A started measurement on the calling thread. */
    final class Watch {
        private final ThreadClock.Reading start = ThreadClock.now();
        private final long startNanos = start.wallNanos();

        /** Ends the measurement of an attempt that had {@code outcome}. */
        Confirmation.Attempt stop(String outcome) {
            ThreadClock.Span span = start.untilNow();
            long end = startNanos + span.wall().toNanos();
            long wall = span.wall().toNanos();
            long cpuUsed = span.use().cpu().map(Duration::toNanos).orElse(0L);
            long lag = maxLag(startNanos, end);
            long total = totalLag(startNanos, end);
            double load = loadPerCore();
            boolean busy = forced.isPresent() ? forced.get() : wall > 0 && (lag >= STALL_SHARE_BUSY * wall || total >= LAG_SHARE_BUSY * wall || cpuUsed >= CPU_SHARE_BUSY * wall);
            return new Confirmation.Attempt(outcome, millis(wall), millis(cpuUsed), millis(lag), millis(total), load, busy,
                    span.use().cpuWait().map(d -> millis(d.toNanos())).orElse(null));
        }
    }

    Watch start() {
        return new Watch();
    }

    /** The scheduler lag of all sleeps that began within [from, to], added up. */
    long totalLag(long from, long to) {
        long sum = 0;
        for (long lag : lags.subMap(from - TimeUnit.MILLISECONDS.toNanos(TICK_MS), true, to, true).values()) {
            sum += lag;
        }
        return sum;
    }

    /** The worst scheduler lag of a sleep that began within [from, to]. */
    long maxLag(long from, long to) {
        long max = 0;
        for (long lag : lags.subMap(from - TimeUnit.MILLISECONDS.toNanos(TICK_MS), true, to, true).values()) {
            max = Math.max(max, lag);
        }
        return max;
    }

    private double loadPerCore() {
        double load = os.getSystemLoadAverage();
        if (load < 0) {
            return -1;
        }
        return Math.round(load / Math.max(1, os.getAvailableProcessors()) * 100) / 100.0;
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }

    @Override
    public void close() {
        closed = true;
        ticker.interrupt();
    }
}
