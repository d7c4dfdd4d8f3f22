package dev.wscheck.probe;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the calling thread's time went (issue 16, "honest timings"): the wall clock, the thread's
 * own CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime}), and, on Linux, the time it was
 * runnable but waiting for a CPU (the run-queue wait, second field of
 * {@code /proc/thread-self/schedstat}, in ns). Wall time minus both is the time the thread slept:
 * waiting for the wire. On a busy PC a phase's wall time holds a large run-queue wait, which is
 * this PC's slowness and not the network's.
 *
 * <p>Contract: a figure the platform cannot give is empty, never zero (no {@code /proc}: Windows,
 * macOS; no thread CPU clock). One {@link #now} costs one small file read (a few µs). The one
 * source of these per-thread figures in wscheck: the engine's {@code BusyMeter} reads the CPU time
 * through it too.
 */
public final class ThreadClock {
    private static final Path SCHEDSTAT = Path.of("/proc/thread-self/schedstat");
    private static final boolean HAS_SCHEDSTAT = readWait() >= 0;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean HAS_CPU = cpuSupported();

    private ThreadClock() {}

    /**
     * A reading of the calling thread's clocks. The counters are read between two clock readings
     * ({@code wallNanos} before, {@code wallNanos + readingNanos} after), and a span runs from the
     * first clock reading of its start to the last of its end: a thread preempted while reading
     * (likely on a busy PC) has that wait inside the span's wall time too, so the wire time (wall
     * minus CPU minus CPU wait) is never pushed below what the wire really took.
     *
     * @param wallNanos {@link System#nanoTime()} before the counters were read
     * @param cpuNanos the thread's CPU time; -1 where unknown
     * @param waitNanos the thread's run-queue wait so far; -1 where unknown
     * @param readingNanos how long reading the counters took
     */
    public record Reading(long wallNanos, long cpuNanos, long waitNanos, long readingNanos) {
        /** A reading that took no time (tests, and readings without counters). */
        public Reading(long wallNanos, long cpuNanos, long waitNanos) {
            this(wallNanos, cpuNanos, waitNanos, 0);
        }

        /** What happened on this thread from this reading until {@code end} (taken on the same thread). */
        public Span until(Reading end) {
            Duration wall = Duration.ofNanos(Math.max(0, end.wallNanos + end.readingNanos - wallNanos));
            Optional<Duration> cpu = cpuNanos < 0 || end.cpuNanos < 0 ? Optional.empty()
                    : Optional.of(Duration.ofNanos(Math.max(0, end.cpuNanos - cpuNanos)));
            Optional<Duration> wait = waitNanos < 0 || end.waitNanos < 0 ? Optional.empty()
                    : Optional.of(Duration.ofNanos(Math.max(0, end.waitNanos - waitNanos)));
            return new Span(wall, new Use(cpu, wait));
        }

        /** What happened on this thread from this reading until now. */
        public Span untilNow() {
            return until(now());
        }
    }

    /** A phase's wall time and how much of it the thread computed or waited for a CPU. */
    public record Span(Duration wall, Use use) {}

    /**
     * How a thread spent part of a phase's wall time.
     *
     * @param cpu on a CPU, computing (empty where the JVM has no thread CPU clock)
     * @param cpuWait runnable but waiting for a CPU (empty where the OS does not say: no /proc)
     */
    public record Use(Optional<Duration> cpu, Optional<Duration> cpuWait) {
        public static final Use UNKNOWN = new Use(Optional.empty(), Optional.empty());

        public boolean known() {
            return cpu.isPresent() || cpuWait.isPresent();
        }
    }

    /** Reads the calling thread's clocks. */
    public static Reading now() {
        long before = System.nanoTime();
        long cpu = HAS_CPU ? THREADS.getCurrentThreadCpuTime() : -1;
        long wait = HAS_SCHEDSTAT ? readWait() : -1;
        return new Reading(before, cpu, wait, System.nanoTime() - before);
    }

    /** The calling thread's CPU time in ns, or -1 where the JVM cannot tell. */
    public static long cpuNanos() {
        return HAS_CPU ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /** True where the run-queue wait is measured (Linux with schedstat). */
    public static boolean measuresCpuWait() {
        return HAS_SCHEDSTAT;
    }

    /** The second field of the calling thread's schedstat ("on-cpu-ns wait-ns timeslices"), or -1. */
    private static long readWait() {
        try {
            String s = new String(Files.readAllBytes(SCHEDSTAT), StandardCharsets.US_ASCII).trim();
            String[] f = s.split(" ");
            return f.length >= 2 ? Long.parseLong(f[1]) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean cpuSupported() {
        try {
            return THREADS.isCurrentThreadCpuTimeSupported() && THREADS.getCurrentThreadCpuTime() >= 0;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }
}
