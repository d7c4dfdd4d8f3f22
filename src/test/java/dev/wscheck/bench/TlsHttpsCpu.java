package dev.wscheck.bench;

import dev.wscheck.engine.SharedResources;
import dev.wscheck.fixtures.TestCertificates;
import dev.wscheck.fixtures.TlsFixture;
import dev.wscheck.net.DirectTransport;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.TrustContext;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.Target;
import dev.wscheck.probe.https.HttpsProbe;
import dev.wscheck.probe.tls.TlsProbe;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * CPU per endpoint of a TLS check followed by the HTTPS check of the same host (issue 16), on
 * loopback fixtures only: {@code N} TLS servers, each its own host name and port. A round is one
 * run: new trust settings (so a new trust context and TLS context, as a new {@code wscheck check}
 * gets), then TLS and HTTPS of every endpoint, one after the other, on this thread. Prints, per
 * endpoint, the median over the measured rounds of the probing thread's CPU, the whole process's
 * CPU (the fixtures' server side included) and the wall time. Uses only the probes' public API,
 * so the same file measures an older tree too. Not a test: run it by hand (docs/performance.md).
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/bench.cp) dev.wscheck.bench.TlsHttpsCpu [N] [ROUNDS] [WARMUP]</pre>
 */
public final class TlsHttpsCpu {
    private TlsHttpsCpu() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<TlsFixture> servers = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String host = "h" + i + ".wscheck.test";
            hosts.add(host);
            servers.add(TlsFixture.answering(TestCertificates.genuine(host)));
        }
        TrustContext.Cache cache = TestCertificates.testTrustOnly();
        TlsProbe tls = new TlsProbe(cache, false);
        HttpsProbe https = new HttpsProbe(cache, "bench");
        double[] thread = new double[rounds];
        double[] tlsThread = new double[rounds];
        double[] httpsThread = new double[rounds];
        double[] process = new double[rounds];
        double[] wall = new double[rounds];
        int resumed = 0;
        for (int round = -warmup; round < rounds; round++) {
            TrustSettings settings = TestCertificates.settings(TestCertificates.GENUINE_ROOT);
            try (SharedResources res = new SharedResources(new DnsServers(List.of(), "explicit"), settings, 1, Duration.ZERO, false)) {
                cache.get(settings); // the engine builds it in prepare(), before the first check: not timed here
                long t0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                long p0 = os.getProcessCpuTime();
                long inTls = 0;
                long inHttps = 0;
                for (int i = 0; i < n; i++) {
                    TlsFixture s = servers.get(i);
                    ProbeContext ctx = new ProbeContext(Duration.ofSeconds(10), Optional.of(s.address()), DirectTransport.INSTANCE, res);
                    long x0 = threads.getCurrentThreadCpuTime();
                    ProbeResult a = tls.run(new CheckSpec(ProbeKind.TLS, new Target("tcp", hosts.get(i), s.port(), "/")), ctx);
                    long x1 = threads.getCurrentThreadCpuTime();
                    ProbeResult b = https.run(new CheckSpec(ProbeKind.HTTPS, new Target("https", hosts.get(i), s.port(), "/")), ctx);
                    inTls += x1 - x0;
                    // By the record's text, so that this file compiles against trees without the field.
                    resumed += b.evidence().map(e -> e.toString().contains("tlsSession=resumed") ? 1 : 0).orElse(0);
                    inHttps += threads.getCurrentThreadCpuTime() - x1;
                    if (a.outcome() != Outcome.OK || b.outcome() != Outcome.OK) {
                        throw new IllegalStateException(a.detail() + " / " + b.detail());
                    }
                }
                if (round >= 0) {
                    thread[round] = (threads.getCurrentThreadCpuTime() - c0) / 1e6 / n;
                    tlsThread[round] = inTls / 1e6 / n;
                    httpsThread[round] = inHttps / 1e6 / n;
                    process[round] = (os.getProcessCpuTime() - p0) / 1e6 / n;
                    wall[round] = (System.nanoTime() - t0) / 1e6 / n;
                }
            }
        }
        System.out.printf("endpoints %d, rounds %d (after %d warm-up), per endpoint (TLS + HTTPS), median [min-max]:%n", n, rounds, warmup);
        System.out.printf("  probing thread CPU  %s ms%n", summary(thread));
        System.out.printf("    of which TLS check %s ms%n", summary(tlsThread));
        System.out.printf("    of which HTTPS     %s ms%n", summary(httpsThread));
        System.out.printf("  process CPU         %s ms (fixtures' server side included)%n", summary(process));
        System.out.printf("  wall                %s ms%n", summary(wall));
        System.out.printf("  HTTPS checks that resumed the TLS check's session: %d of %d%n", resumed, n * (rounds + warmup));
        for (TlsFixture s : servers) {
            s.close();
        }
    }

    private static String summary(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return String.format("%.2f [%.2f-%.2f]", median, s[0], s[s.length - 1]);
    }
}
