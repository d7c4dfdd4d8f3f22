package dev.wscheck.serve;

import dev.wscheck.report.Exposition;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The exporter's own health, answered on {@code /metrics} (contract §8): probes by result, their
 * duration as a histogram, the probes in flight, and the process series Prometheus users expect
 * from a JVM exporter (CPU, open file descriptors, threads, heap, start time).
 *
 * <p>Results: {@code success} a probe ran and WorkSpaces can work (wscheck_success 1);
 * {@code failure} a probe ran and it cannot, or the probe broke; {@code rejected} no probe ran
 * (bad parameters, too many probes at once).
 */
final class ExporterMetrics {
    /** Upper bounds of the duration histogram's buckets, in seconds (a probe is bounded by its scrape timeout). */
    static final double[] BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final AtomicLong success = new AtomicLong();
    private final AtomicLong failure = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLongArray bucketCounts = new AtomicLongArray(BUCKETS.length);
    private final AtomicLong count = new AtomicLong();
    private final DoubleAdder sum = new DoubleAdder();

    void started() {
        inFlight.incrementAndGet();
    }

    /** A probe that ran ends: its result and how long it took. */
    void finished(boolean ok, double seconds) {
        inFlight.decrementAndGet();
        (ok ? success : failure).incrementAndGet();
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                bucketCounts.incrementAndGet(i);
            }
        }
        count.incrementAndGet();
        sum.add(seconds);
    }

    void rejected() {
        rejected.incrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    void write(Writer out) throws IOException {
        Exposition x = new Exposition(out);
        x.family("wscheck_exporter_probes_total", "counter", "Probes answered, by result: success, failure (WorkSpaces cannot work, or the probe broke), rejected (no probe ran).")
                .sample("wscheck_exporter_probes_total", success.get(), "result", "success")
                .sample("wscheck_exporter_probes_total", failure.get(), "result", "failure")
                .sample("wscheck_exporter_probes_total", rejected.get(), "result", "rejected");
        x.family("wscheck_exporter_probe_duration_seconds", "histogram", "How long the probes that ran took.");
        for (int i = 0; i < BUCKETS.length; i++) {
            x.sample("wscheck_exporter_probe_duration_seconds_bucket", bucketCounts.get(i), "le", le(BUCKETS[i]));
        }
        long n = count.get();
        x.sample("wscheck_exporter_probe_duration_seconds_bucket", n, "le", "+Inf");
        x.sample("wscheck_exporter_probe_duration_seconds_sum", sum.sum());
        x.sample("wscheck_exporter_probe_duration_seconds_count", n);
        x.family("wscheck_exporter_probes_in_flight", "gauge", "Probes running now.")
                .sample("wscheck_exporter_probes_in_flight", inFlight.get());
        processSeries(x);
        out.flush();
    }

    private static String le(double b) {
        return b == Math.rint(b) ? Long.toString((long) b) + ".0" : Double.toString(b);
    }

    /** The process and JVM series, named as the Prometheus Java client names them. */
    private static void processSeries(Exposition x) throws IOException {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
            x.family("process_cpu_seconds_total", "counter", "User and system CPU time spent, in seconds.")
                    .sample("process_cpu_seconds_total", sun.getProcessCpuTime() / 1e9);
        }
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            x.family("process_open_fds", "gauge", "Open file descriptors.").sample("process_open_fds", unix.getOpenFileDescriptorCount());
            x.family("process_max_fds", "gauge", "The limit of open file descriptors.").sample("process_max_fds", unix.getMaxFileDescriptorCount());
        }
        long rss = residentBytes();
        if (rss >= 0) {
            x.family("process_resident_memory_bytes", "gauge", "Resident memory size, in bytes.").sample("process_resident_memory_bytes", rss);
        }
        x.family("process_start_time_seconds", "gauge", "When the process started, in seconds since the Unix epoch.")
                .sample("process_start_time_seconds", ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0);
        x.family("jvm_threads_current", "gauge", "Live threads of the JVM.")
                .sample("jvm_threads_current", ManagementFactory.getThreadMXBean().getThreadCount());
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        x.family("jvm_memory_used_bytes", "gauge", "Memory in use, by area.")
                .sample("jvm_memory_used_bytes", heap.getUsed(), "area", "heap")
                .sample("jvm_memory_used_bytes", nonHeap.getUsed(), "area", "nonheap");
        x.family("jvm_memory_max_bytes", "gauge", "The most memory the area may use (-1 when unbounded).")
                .sample("jvm_memory_max_bytes", heap.getMax(), "area", "heap");
    }

    /** VmRSS from /proc/self/status on Linux; -1 elsewhere. */
    private static long residentBytes() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
