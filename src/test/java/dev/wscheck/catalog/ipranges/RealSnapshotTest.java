package dev.wscheck.catalog.ipranges;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.catalog.IpRanges;
import dev.wscheck.catalog.RegionDef;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one test on AWS's real ip-ranges.json: the shared snapshot of 2026-08-22, read in place
 * (never copied into the project). Skipped, saying so, where the snapshot is absent.
 */
class RealSnapshotTest {
    /** -Dwscheck.snapshot=FILE, else the shared folder beside the project directory. */
    static final Path SNAPSHOT = Path.of(System.getProperty("wscheck.snapshot", "../shared/data/ip-ranges-2026-08-22.json"));

    @Test
    void theRealSnapshotLoadsIndexesAndCrossChecksAsTheFactsSay() throws Exception {
        assumeTrue(Files.isRegularFile(SNAPSHOT), "real ip-ranges snapshot absent at " + SNAPSHOT.toAbsolutePath()
                + " (set -Dwscheck.snapshot=FILE): only the hand-written fixtures were used");
        IpRanges r = IpRanges.load("snapshot", SNAPSHOT);
        assertEquals("2026-08-22-15-17-05", r.createDate());
        assertEquals(10668, r.ipv4Count());
        assertEquals(6160, r.ipv6Count());
        assertEquals(List.of("18.180.178.0/24", "18.180.180.0/23", "3.114.164.0/22", "54.250.251.0/24", "2406:da32:4000::/40", "2406:da24:28::/48"),
                r.select(IpRanges.Filter.of("ap-northeast-1", "WORKSPACES_GATEWAYS")).stream().map(e -> e.prefix().toString()).toList());
        // Tokyo as documented agrees with the snapshot: only the expected kinds of difference.
        RegionDef tokyo = CatalogLoader.builtin().region("ap-northeast-1").orElseThrow();
        List<Finding> findings = CrossCheck.findings(tokyo, r);
        assertTrue(findings.stream().allMatch(f -> f.severity() == Finding.Severity.INFO), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.subject().equals("18.178.102.247/32") && f.publishedAs().contains("ap-northeast-1 EC2")), findings.toString());
        // The index answers what a linear scan answers, for addresses inside, between and outside the ranges.
        Random random = new Random(1);
        for (int i = 0; i < 2000; i++) {
            IpRanges.Entry e = r.entries().get(random.nextInt(r.entries().size()));
            byte[] b = e.prefix().inetAddress().getAddress();
            b[b.length - 1] ^= (byte) random.nextInt(256);
            if (i % 3 == 0) {
                b[1] ^= (byte) random.nextInt(256);
            }
            InetAddress a = InetAddress.getByAddress(b);
            List<IpRanges.Entry> scan = r.entries().stream().filter(x -> x.prefix().contains(a)).sorted((x, y) -> IpPrefix.ORDER.compare(x.prefix(), y.prefix())).toList();
            assertEquals(scan.stream().map(IpRanges.Entry::prefix).toList(), r.lookup(a).stream().map(IpRanges.Entry::prefix).toList(), a.getHostAddress());
        }
        // The port-443 groups of facts §1a, merged.
        List<Port443Ranges.Group> groups = Port443Ranges.groups(r, "ap-northeast-1");
        assertEquals(List.of(216, 230, 845, 306, 16), groups.stream().map(Port443Ranges.Group::ipv4Published).toList());
        assertEquals(935, Port443Ranges.union(groups, false).size());
        assertEquals(513, Port443Ranges.union(groups, true).size());
    }
}
