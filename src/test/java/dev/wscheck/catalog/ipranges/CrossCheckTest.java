package dev.wscheck.catalog.ipranges;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.catalog.IpRanges;
import dev.wscheck.catalog.RegionDef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Cross-checks of documented addresses against ip-ranges.json, with the known kinds of disagreement (facts §4, §7). */
class CrossCheckTest {
    /** A small ip-ranges document shaped like the real cases: Paris, Tel Aviv, N. Virginia. */
    static final IpRanges ERRATA = parse(String.join("\n",
            "{\"syncToken\": \"1\", \"createDate\": \"2026-08-01-12-00-00\", \"prefixes\": [",
            "{\"ip_prefix\": \"51.44.0.0/16\", \"region\": \"eu-west-3\", \"service\": \"AMAZON\", \"network_border_group\": \"eu-west-3\"},",
            "{\"ip_prefix\": \"51.44.0.0/16\", \"region\": \"eu-west-3\", \"service\": \"EC2\", \"network_border_group\": \"eu-west-3\"},",
            "{\"ip_prefix\": \"51.44.72.0/22\", \"region\": \"eu-west-3\", \"service\": \"WORKSPACES_GATEWAYS\", \"network_border_group\": \"eu-west-3\"},",
            "{\"ip_prefix\": \"51.17.0.0/16\", \"region\": \"il-central-1\", \"service\": \"EC2\", \"network_border_group\": \"il-central-1\"},",
            "{\"ip_prefix\": \"51.17.72.0/22\", \"region\": \"il-central-1\", \"service\": \"WORKSPACES_GATEWAYS\", \"network_border_group\": \"il-central-1\"},",
            "{\"ip_prefix\": \"3.227.4.0/22\", \"region\": \"us-east-1\", \"service\": \"WORKSPACES_GATEWAYS\", \"network_border_group\": \"us-east-1\"},",
            "{\"ip_prefix\": \"44.214.144.0/22\", \"region\": \"us-east-1\", \"service\": \"WORKSPACES_GATEWAYS\", \"network_border_group\": \"us-east-1\"},",
            "{\"ip_prefix\": \"44.214.148.0/22\", \"region\": \"us-east-1\", \"service\": \"WORKSPACES_GATEWAYS\", \"network_border_group\": \"us-east-1\"}",
            "], \"ipv6_prefixes\": []}"));
    static final IpRanges FIXTURE = IpRanges.load("fixture", Path.of("src/test/resources/ipranges/fixture-ip-ranges.json"));

    static IpRanges parse(String json) {
        try {
            return IpRanges.parse("test", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RegionDef region(String code, List<String> healthAddresses, List<String> pcoip, List<String> dcv) {
        Optional<RegionDef.HealthCheck> hc = healthAddresses.isEmpty() ? Optional.empty()
                : Optional.of(new RegionDef.HealthCheck("drp-test.amazonworkspaces.com", healthAddresses, "", ""));
        return new RegionDef(code, code, "tst", hc,
                new RegionDef.Gateways(new RegionDef.GatewaySet(pcoip, List.of(), List.of(), List.of()),
                        new RegionDef.GatewaySet(dcv, List.of(), List.of(), List.of())),
                Map.of(), Map.of(), Map.of(), List.of(), "S1");
    }

    record Case(String name, RegionDef region, IpRanges ranges, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("Tokyo as documented: health checks and Global Accelerator sit outside WORKSPACES_GATEWAYS, as expected",
                        CatalogLoader.builtin().region("ap-northeast-1").orElseThrow(), FIXTURE,
                        List.of("info health-check-outside-gateways 18.178.102.247/32", "info health-check-outside-gateways 54.64.174.128/32",
                                "info health-check-outside-gateways 2406:da14:785:5300::/56", "info aga-outside-gateways 93.77.134.0/24",
                                "info aga-outside-gateways 93.77.135.0/24")),
                new Case("a documented PCoIP range published only as EC2 (Paris)", region("eu-west-3", List.of(), List.of("51.44.204.0/22"), List.of("51.44.72.0/22")),
                        ERRATA, List.of("warning gateway-outside-gateways 51.44.204.0/22")),
                new Case("health-check addresses of another region (Paris listing Tel Aviv's)", region("eu-west-3", List.of("51.17.52.90"), List.of(), List.of()),
                        ERRATA, List.of("warning other-region 51.17.52.90/32", "warning undocumented-gateway 51.44.72.0/22")),
                new Case("a DCV range that is another region's gateway (Paris section listing Tel Aviv's)", region("eu-west-3", List.of(), List.of(), List.of("51.17.72.0/22")),
                        ERRATA, List.of("warning other-region 51.17.72.0/22", "warning undocumented-gateway 51.44.72.0/22")),
                new Case("WORKSPACES_GATEWAYS ranges the page does not document (N. Virginia), merged", region("us-east-1", List.of(), List.of(), List.of("3.227.4.0/22")),
                        ERRATA, List.of("warning undocumented-gateway 44.214.144.0/21")),
                new Case("a documented range in no published range at all", region("us-east-1", List.of(), List.of("198.51.100.0/24"), List.of("3.227.4.0/22", "44.214.144.0/21")),
                        ERRATA, List.of("warning not-published 198.51.100.0/24")),
                new Case("a documented range published as two halves agrees", region("us-east-1", List.of(), List.of("44.214.144.0/21"), List.of("3.227.4.0/22")),
                        ERRATA, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findings(Case c) {
        assertEquals(c.expected(), CrossCheck.findings(c.region(), c.ranges()).stream()
                .map(f -> f.severity().id() + " " + f.code() + " " + f.subject()).toList());
    }
}
