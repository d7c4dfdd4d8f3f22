package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.testing.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code wscheck requirements --region R} works for every region of the built-in catalog (the
 * 19 of AWS's port page and the seven only ip-ranges.json names), and the variant options reach
 * the plan. Nothing is sent anywhere: requirements only prints.
 */
class RequirementsRegionsTest {
    @TempDir
    Path cache;

    static Stream<String> regions() {
        return CatalogLoader.builtin().regions().keySet().stream();
    }

    @ParameterizedTest(name = "requirements --region {0} prints the region's effective catalog")
    @MethodSource("regions")
    void everyRegionPrints(String region) throws Exception {
        CliRun r = CliRun.of(Map.of("WSCHECK_CACHE_DIR", cache.toString()), "requirements", "--region", region, "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.err().contains("unknown region"), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(region, root.path("region").path("code").asText());
        assertTrue(root.path("requirements").size() > 0);
    }

    @Test
    void fipsAndVpcEndpointAddTheirRequirements() throws Exception {
        CliRun plain = CliRun.of(Map.of("WSCHECK_CACHE_DIR", cache.toString()), "requirements", "--region", "us-east-1", "--format", "json");
        CliRun both = CliRun.of(Map.of("WSCHECK_CACHE_DIR", cache.toString()), "requirements", "--region", "us-east-1", "--format", "json",
                "--fips", "--vpc-endpoint");
        assertEquals(0, both.exit(), both.err());
        List<String> without = ids(plain.out());
        List<String> with = ids(both.out());
        assertFalse(without.contains("fips-ws-broker") || without.contains("dcv-privatelink"), without.toString());
        assertTrue(with.containsAll(List.of("fips-session-broker", "fips-ws-broker", "fips-workspaces-api", "fips-saml-heartbeat", "dcv-privatelink")),
                with.toString());
    }

    @Test
    void anUnknownAllowlistRuleIsBadInput() {
        CliRun r = CliRun.of(Map.of("WSCHECK_CACHE_DIR", cache.toString()), "requirements", "--region", "ap-northeast-1", "--format", "csv",
                "--rule", "web");
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("--rule web: use https, web-access, pcoip or dcv"), r.err());
        assertEquals("", r.out());
    }

    private static List<String> ids(String json) throws Exception {
        List<String> out = new ArrayList<>();
        new ObjectMapper().readTree(json).path("requirements").forEach(n -> out.add(n.path("id").asText()));
        return out;
    }
}
