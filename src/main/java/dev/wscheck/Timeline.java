package dev.wscheck;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a run's time went, for whoever tunes start-up (docs/performance.md): with the environment
 * variable {@code WSCHECK_TIMELINE=1}, {@link #mark} records named points in milliseconds since the
 * JVM started, with the process's CPU time so far, and {@link #print} writes them to stderr at the
 * end. Off (the default) a mark is one static read: nothing is loaded or allocated.
 */
public final class Timeline {
    private static final boolean ON = "1".equals(System.getenv("WSCHECK_TIMELINE"));
    private static final List<String> MARKS = ON ? new ArrayList<>() : List.of();

    private Timeline() {}

    public static boolean on() {
        return ON;
    }

    /** Records that the run reached {@code point}; a no-op unless the timeline is on. */
    public static void mark(String point) {
        if (!ON) {
            return;
        }
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        long cpuMs = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
        synchronized (MARKS) {
            MARKS.add(String.format("timeline %6d ms  cpu %6d ms  %s", uptime, cpuMs, point));
        }
    }

    /** Writes the marks to {@code err}, one line each, when the timeline is on. */
    public static void print(PrintStream err) {
        if (!ON) {
            return;
        }
        synchronized (MARKS) {
            MARKS.forEach(err::println);
        }
        // The JVM's own exit (shutdown hooks, threads stopping) comes after the last mark; say when it started.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> err.println(String.format("timeline %6d ms  shutdown hooks running",
                ManagementFactory.getRuntimeMXBean().getUptime()))));
    }
}
