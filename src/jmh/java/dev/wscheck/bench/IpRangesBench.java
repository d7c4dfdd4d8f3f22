package dev.wscheck.bench;

import dev.wscheck.catalog.IpRanges;
import dev.wscheck.catalog.ipranges.Port443Ranges;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Speed of the ip-ranges code on AWS's real file (the shared 2026-08-22 snapshot, read in place;
 * -Dwscheck.snapshot=FILE to use another): parse + index from bytes already in memory, one
 * address-membership lookup, and the region/service filters the requirements command runs.
 * Targets (issue 6): parse + index at most 150 ms, a lookup at most 1 microsecond.
 * Run as docs/performance.md says; never part of the test suite.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
public class IpRangesBench {
    private byte[] json;
    private IpRanges ranges;
    private InetAddress[] addresses;
    private int next;

    @Setup(Level.Trial)
    public void load() throws IOException {
        String p = System.getProperty("wscheck.snapshot", "../shared/data/ip-ranges-2026-08-22.json");
        json = Files.readAllBytes(Path.of(p));
        ranges = IpRanges.parse("snapshot", new ByteArrayInputStream(json));
        // A mix: addresses inside published ranges (IPv4 and IPv6) and next to them.
        Random random = new Random(42);
        List<IpRanges.Entry> entries = ranges.entries();
        addresses = new InetAddress[4096];
        for (int i = 0; i < addresses.length; i++) {
            byte[] b = entries.get(random.nextInt(entries.size())).prefix().inetAddress().getAddress();
            b[b.length - 1] ^= (byte) random.nextInt(256);
            if (i % 4 == 0) {
                b[1] ^= (byte) random.nextInt(256);
            }
            addresses[i] = InetAddress.getByAddress(b);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public IpRanges parseAndIndex() throws IOException {
        return IpRanges.parse("snapshot", new ByteArrayInputStream(json));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int lookup() {
        InetAddress a = addresses[next++ & (addresses.length - 1)];
        return ranges.lookup(a).size();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public boolean contains() {
        return ranges.contains(addresses[next++ & (addresses.length - 1)]);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int filterRegionService() {
        return ranges.select(IpRanges.Filter.of("ap-northeast-1", "WORKSPACES_GATEWAYS")).size();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int port443GroupsMerged() {
        return Port443Ranges.union(Port443Ranges.groups(ranges, "ap-northeast-1"), false).size();
    }
}
