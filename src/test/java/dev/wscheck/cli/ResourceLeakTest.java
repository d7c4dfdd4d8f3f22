package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wscheck.fixtures.DnsFixture;
import dev.wscheck.fixtures.TcpFixture;
import dev.wscheck.fixtures.TestCertificates;
import dev.wscheck.fixtures.TlsFixture;
import dev.wscheck.fixtures.UdpFixture;
import dev.wscheck.testing.CliRun;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every socket, channel, event loop and thread a run opens is closed again, on every path,
 * including the deadline path: at least 500 checks in one JVM (DNS, TCP, TLS, HTTPS, UDP,
 * latency against in-process fixtures; every fifth run cut short by --deadline while a connect
 * hangs on a black hole), then open file descriptors, live threads and the heap after GC must
 * come back to what they were after the first run.
 */
class ResourceLeakTest {
    private static final int CHECKS = 500;
    /** Slack for the JVM's own helpers (a GC or JIT thread, a lazily opened jar). */
    private static final int FD_SLACK = 8;
    private static final int THREAD_SLACK = 4;
    private static final long HEAP_SLACK = 48L << 20;

    @TempDir
    Path tmp;

    static final String CATALOG = TestCatalogs.HEAD + """
            requirements:
              - {id: session-broker, category: broker, title: "HTTPS", protocol: any, probes: [dns, tcp, tls, https], endpoints: ["https://broker.wscheck.test:${BROKER}/"], source: T}
              - {id: pcoip-streaming-tcp, category: streaming, title: "TCP", protocol: pcoip, proxy: never, probes: [dns, tcp], endpoints: ["tcp://drp.wscheck.test:${ACCEPT}"], source: T}
              - {id: pcoip-streaming-udp, category: streaming, title: "UDP", protocol: pcoip, proxy: never, probes: [dns, udp], endpoints: ["udp://drp.wscheck.test:${UDPECHO}"], source: T}
              - {id: pcoip-latency, category: streaming, title: "RTT", protocol: pcoip, proxy: never, probes: [dns, latency], endpoints: ["tcp://drp.wscheck.test:${ACCEPT}"], source: T}
            """;

    static final String WITH_BLACK_HOLE = CATALOG + """
              - {id: dcv-streaming-tcp, category: streaming, title: "black hole", protocol: dcv, proxy: never, probes: [tcp], endpoints: ["tcp://127.0.0.1:${BLACKHOLE}"], source: T}
            """;

    record Usage(int fds, int threads, long heap) {
        static Usage now() {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            String[] fds = new File("/proc/self/fd").list();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return new Usage(fds == null ? -1 : fds.length, Thread.activeCount(), heap);
        }

        boolean within(Usage base) {
            return fds <= base.fds + FD_SLACK && threads <= base.threads + THREAD_SLACK && heap <= base.heap + HEAP_SLACK;
        }
    }

    @Test
    void fiveHundredChecksLeaveNothingOpen() throws Exception {
        try (DnsFixture dns = DnsFixture.start(); TcpFixture accept = TcpFixture.accepting(); TcpFixture blackHole = TcpFixture.blackHoled();
                UdpFixture udp = UdpFixture.echo();
                TlsFixture tls = TlsFixture.start(TlsFixture.Mode.ANSWER, TestCertificates.serving(
                        TestCertificates.leaf("broker.wscheck.test", TestCertificates.GENUINE_INTERMEDIATE), TestCertificates.GENUINE_INTERMEDIATE),
                        TlsFixture.Reply.of(200, "OK", "ok"))) {
            dns.answer("broker.wscheck.test", "127.0.0.1").answer("drp.wscheck.test", "127.0.0.1");
            Map<String, String> ports = Map.of("BROKER", Integer.toString(tls.port()), "ACCEPT", Integer.toString(accept.port()),
                    "UDPECHO", Integer.toString(udp.port()), "BLACKHOLE", Integer.toString(blackHole.port()));
            Path plain = TestCatalogs.write(tmp.resolve("plain.yaml"), CATALOG, ports);
            Path cut = TestCatalogs.write(tmp.resolve("cut.yaml"), WITH_BLACK_HOLE, ports);
            Path root = Files.writeString(tmp.resolve("root.pem"), TestCertificates.GENUINE_ROOT.certificatePem());
            List<String> common = List.of("check", "--region", "ap-northeast-1", "--format", "json", "--dns-server", "127.0.0.1:" + dns.address().getPort(),
                    "--trust", root.toString(), "--public-roots", root.toString(), "--samples", "2", "--proxy", "none");

            int checks = run(common, plain, false); // warms up every class, pool and lazily built singleton
            Thread.sleep(1500);
            Usage base = Usage.now();
            int runs = 1;
            while (checks < CHECKS + 8) {
                checks += run(common, runs % 5 == 0 ? cut : plain, runs % 5 == 0);
                runs++;
            }
            // A connect cut by the deadline ends at its own --timeout (2 s); give it and netty's quiet period time.
            Usage after = Usage.now();
            for (int i = 0; i < 40 && !after.within(base); i++) {
                Thread.sleep(250);
                after = Usage.now();
            }
            System.out.printf("resource test: %d checks in %d runs; fds %d -> %d, threads %d -> %d, heap %d -> %d MiB%n", checks, runs,
                    base.fds(), after.fds(), base.threads(), after.threads(), base.heap() >> 20, after.heap() >> 20);
            assertTrue(after.within(base), "after " + checks + " checks in " + runs + " runs: " + after + ", baseline " + base + "; threads "
                    + Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList());
        }
    }

    /** One run; returns how many checks it reported. */
    private static int run(List<String> common, Path catalog, boolean cutShort) throws Exception {
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of("--catalog", catalog.toString(), "--timeout", "2s"));
        if (cutShort) {
            args.addAll(List.of("--deadline", "700ms"));
        }
        CliRun r = CliRun.of(args.toArray(new String[0]));
        JsonNode report = new ObjectMapper().readTree(r.out());
        int n = 0;
        for (JsonNode q : report.path("requirements")) {
            n += q.path("checks").size();
        }
        assertTrue(n > 0, r.err());
        if (cutShort) {
            assertTrue(report.toString().contains("deadline-exceeded"), "the deadline path was taken");
        }
        return n;
    }
}
