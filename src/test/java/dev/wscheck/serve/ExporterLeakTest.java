package dev.wscheck.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-running exporter must not grow: 1,000 probes in one process (four at a time, against the
 * tiny loopback catalog) leave open file descriptors, live threads and the heap after a GC near
 * where they were after a warm-up.
 */
class ExporterLeakTest {
    static final int PROBES = Integer.getInteger("wscheck.leakProbes", 1000);
    static final int WARM_UP = 40;

    @TempDir
    Path tmp;

    @Test
    void aThousandProbesLeaveFdsThreadsAndHeapFlat() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "counting open files needs /proc/self/fd (Linux)");
        try (ServeFixtures fixtures = new ServeFixtures(tmp);
             Exporter exporter = Exporter.start(fixtures.defaults(Duration.ofSeconds(2), Duration.ofSeconds(10)), ServeFixtures.loopback(4, 20))) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI probe = URI.create("http://127.0.0.1:" + exporter.address().getPort()
                    + "/probe?region=ap-northeast-1&" + System.getProperty("wscheck.leakOnly", "only=session-broker&only=pcoip-streaming-tcp&only=dcv-latency"));
            ExecutorService clients = Executors.newFixedThreadPool(4);
            try {
                run(http, probe, clients, WARM_UP);
                Usage before = Usage.settled(null);
                long start = System.nanoTime();
                run(http, probe, clients, PROBES);
                double seconds = (System.nanoTime() - start) / 1e9;
                Usage after = Usage.settled(before);
                String report = "before " + before + ", after " + PROBES + " probes (" + String.format(java.util.Locale.ROOT, "%.1f s", seconds) + ") " + after;
                System.out.println("ExporterLeakTest: " + report);
                if (Boolean.getBoolean("wscheck.leakHistogram")) {
                    Process p = new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                            .redirectErrorStream(true).start();
                    p.getInputStream().transferTo(System.out);
                }
                assertTrue(after.fds <= before.fds + 16, "file descriptors: " + report);
                assertTrue(after.threads <= before.threads + 8, "threads: " + report);
                assertTrue(after.heapBytes <= before.heapBytes + 24L * 1024 * 1024, "heap after GC: " + report);
            } finally {
                clients.shutdownNow();
            }
        }
    }

    private static void run(HttpClient http, URI probe, ExecutorService clients, int n) throws Exception {
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(clients.submit(() -> http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()));
        }
        for (Future<Integer> f : answers) {
            assertEquals(200, f.get(), "every probe answered (four clients, four slots: none is refused)");
        }
    }

    /** Open fds, live threads, heap used after a GC; measured once the process has settled (event loops end asynchronously). */
    record Usage(long fds, int threads, long heapBytes) {
        static Usage settled(Usage baseline) throws IOException, InterruptedException {
            Usage u = now();
            for (int i = 0; i < 50 && baseline != null && (u.threads > baseline.threads || u.fds > baseline.fds); i++) {
                Thread.sleep(100);
                u = now();
            }
            return u;
        }

        static Usage now() throws IOException {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            long fds;
            try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
                fds = s.count();
            }
            return new Usage(fds, ManagementFactory.getThreadMXBean().getThreadCount(),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }

        @Override
        public String toString() {
            return fds + " fds, " + threads + " threads, " + heapBytes / 1024 / 1024 + " MiB heap";
        }
    }
}
