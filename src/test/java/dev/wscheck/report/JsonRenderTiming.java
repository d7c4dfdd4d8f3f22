package dev.wscheck.report;

import java.io.StringWriter;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The cold cost of one JSON report render, for docs/performance.md: run in a fresh JVM (as the
 * launcher runs wscheck), it builds a report of about 80 checks without any Jackson code, then
 * times the first {@link JsonReporter#write} alone: wall time, this thread's CPU, the process's
 * CPU (JIT threads included) and the classes loaded meanwhile. One line of output per run.
 *
 * <pre>java -XX:TieredStopAtLevel=1 -cp target/classes:target/test-classes:DEPS dev.wscheck.report.JsonRenderTiming</pre>
 */
public final class JsonRenderTiming {
    private JsonRenderTiming() {}

    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Report report = JsonReportSamples.large(9);
        long loaded = classes.getTotalLoadedClassCount();
        long cpu = threads.getCurrentThreadCpuTime();
        long processCpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        StringWriter w = new StringWriter();
        new JsonReporter().write(report, w);
        long wall = System.nanoTime() - start;
        System.out.printf(java.util.Locale.ROOT, "wall_ms=%.1f thread_cpu_ms=%.1f process_cpu_ms=%.1f classes=%d bytes=%d%n", wall / 1e6,
                (threads.getCurrentThreadCpuTime() - cpu) / 1e6, (os.getProcessCpuTime() - processCpu) / 1e6,
                classes.getTotalLoadedClassCount() - loaded, w.toString().length());
    }
}
