package dev.wscheck.catalog.ipranges;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.catalog.IpRanges;
import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.Planner;
import dev.wscheck.catalog.RegionDef;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every region that AWS's real ip-ranges.json gives WORKSPACES_GATEWAYS prefixes is a region of
 * the built-in catalog, plans, and has every one of those prefixes covered by its documented or
 * unassigned gateway ranges. Reads the shared snapshot at run time (never copied into the
 * project); skipped with one line where it is absent.
 */
class GatewayRegionsTest {
    private static final Catalog CATALOG = CatalogLoader.builtin();

    @Test
    void everyRegionWithGatewaysInTheRealSnapshotIsKnownPlannedAndCovered() throws Exception {
        assumeTrue(Files.isRegularFile(RealSnapshotTest.SNAPSHOT), "real ip-ranges snapshot absent at "
                + RealSnapshotTest.SNAPSHOT.toAbsolutePath() + " (set -Dwscheck.snapshot=FILE)");
        IpRanges r = IpRanges.load("snapshot", RealSnapshotTest.SNAPSHOT);
        TreeSet<String> regions = new TreeSet<>();
        for (IpRanges.Entry e : r.entries()) {
            if (e.service().equals(CrossCheck.GATEWAYS)) {
                regions.add(e.region());
            }
        }
        assertEquals(26, regions.size(), "the 2026-08-22 snapshot has WORKSPACES_GATEWAYS in 26 regions: " + regions);
        for (String code : regions) {
            Optional<RegionDef> region = CATALOG.region(code);
            assertTrue(region.isPresent(), code + " has gateways in ip-ranges.json but is not in the catalog");
            Plan plan = Planner.plan(CATALOG, code, List.of("pcoip", "dcv"), Optional.empty(), List.of(), List.of());
            assertTrue(plan.requirements().stream().anyMatch(q -> !q.checks().isEmpty()), code + ": something is checked");
            List<IpPrefix> uncovered = CrossCheck.undocumentedGateways(region.get(), r);
            if (code.equals("us-east-1")) {
                // The four DCV /22s AWS's page does not list: an erratum, kept out of the catalog on purpose.
                assertEquals(List.of("44.214.144.0/20"), uncovered.stream().map(IpPrefix::toString).toList());
            } else {
                assertEquals(List.of(), uncovered, code + ": every WORKSPACES_GATEWAYS prefix is in the catalog");
            }
        }
    }
}
