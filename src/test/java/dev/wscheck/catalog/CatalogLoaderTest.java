package dev.wscheck.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wscheck.WscheckException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A catalog given with --catalog is validated completely at load: each broken file below is
 * minimal.yaml with one thing wrong, and must give exactly one line naming the file, the place
 * and the problem.
 */
class CatalogLoaderTest {

    record Invalid(String name, String file, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Invalid> invalidCatalogs() {
        return Stream.of(
                new Invalid("an unknown field is named with its line and place", "invalid-unknown-field.yaml",
                        "line 33: unknown field 'prob' at requirements[1]"),
                new Invalid("a schemaVersion other than 1 is refused", "invalid-schema-version.yaml",
                        "schemaVersion: must be 1 (found 2)"),
                new Invalid("a duplicate requirement id is refused", "invalid-duplicate-id.yaml",
                        "requirements[1] (broker).id: duplicate id 'broker'"),
                new Invalid("an unknown probe kind is refused", "invalid-unknown-probe.yaml",
                        "requirements[1] (stream-tcp).probes: unknown probe 'icmp' (known: dns, tcp, tls, https, udp, latency, reflector)"),
                new Invalid("a probe that cannot run against the endpoint's scheme is refused", "invalid-probe-scheme.yaml",
                        "requirements[0] (broker).probes: probe 'udp' cannot run against https endpoint 'https://broker.{region}.lab.test/ping'"),
                new Invalid("an undefined source key is refused", "invalid-unknown-source.yaml",
                        "requirements[0] (broker).source: unknown source 'S99' (define it under sources)"),
                new Invalid("a CIDR prefix with host bits set is refused", "invalid-bad-cidr.yaml",
                        "regions.lab-1.gateways.pcoip.ipv4: '198.18.2.1/24' has host bits set"),
                new Invalid("a latency bound that is not a duration is refused", "invalid-bad-duration.yaml",
                        "protocols.pcoip.latency.high: '100 msec' is not a duration (write e.g. 500ms, 5s, 1.5s, 2m)"),
                new Invalid("a critical latency bound not above the high one is refused", "invalid-critical-not-above-high.yaml",
                        "protocols.dcv.latency: critical must be above high"),
                new Invalid("a loss bound above 100 % is refused", "invalid-quality-loss.yaml",
                        "protocols.dcv.quality.lossHigh: must be above 0% and below 100%"),
                new Invalid("loss and jitter bounds without a rationale are refused", "invalid-quality-no-rationale.yaml",
                        "protocols.dcv.quality.rationale: required"),
                new Invalid("a template variable the region does not define is refused", "invalid-unknown-variable.yaml",
                        "requirement broker in region lab-1: 'https://{brokerHost}/ping' uses {brokerHost}, which the region does not define"),
                new Invalid("a requirement restricted to an undefined region is refused", "invalid-unknown-region.yaml",
                        "requirements[0] (broker).regions: unknown region 'lab-2'"),
                new Invalid("a udpFallback naming no requirement is refused", "invalid-bad-udp-fallback.yaml",
                        "requirements[2] (stream-udp).rule.udpFallback: no requirement 'stream-tcpp'"),
                new Invalid("an endpoint that is not a valid target is refused", "invalid-malformed-endpoint.yaml",
                        "requirement stream-tcp in region lab-1: endpoint 'tcp://drp.lab.test' needs a port"),
                new Invalid("two regions with the same airport code are refused", "invalid-duplicate-airport.yaml",
                        "regions.lab-2.airport: 'lab' is already the airport of lab-1"),
                new Invalid("a region replacing the endpoints of an unknown requirement is refused", "invalid-override-unknown-requirement.yaml",
                        "regions.lab-1.endpoints.brokr: no requirement 'brokr'"),
                new Invalid("an airport code that is not three letters is refused", "invalid-airport.yaml",
                        "regions.lab-1.airport: 'lab1' is not a three-letter IATA code"),
                new Invalid("{airport} in a region without an airport is refused", "invalid-airport-variable.yaml",
                        "requirement broker in region lab-1: 'https://broker-{airport}.lab.test/ping' uses {airport}, but the region has no airport"),
                new Invalid("notPublished naming a requirement that does not apply to the region is refused", "invalid-not-published-not-applicable.yaml",
                        "regions.lab-1.notPublished.broker: requirement 'broker' does not apply to lab-1 (see its regions/exceptRegions)"),
                new Invalid("an empty list item is refused with its place", "invalid-empty-list-item.yaml",
                        "line 23: empty value at requirements[0].endpoints[1]"),
                new Invalid("an empty file is refused", "invalid-empty.yaml",
                        "the file is empty"),
                new Invalid("plain text that is not a mapping is refused", "invalid-not-a-mapping.yaml",
                        "line 2: not a catalog: the top level must be a mapping (schemaVersion, version, sources, ...)"),
                new Invalid("a file that is not YAML at all is refused with the line and column", "invalid-not-yaml.yaml",
                        "line 1, column 1: not valid YAML: found character '@' that cannot start any token. (Do not use @ for indentation) (while scanning for the next token)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCatalogs")
    void invalidCatalogIsOneClearLine(Invalid c) {
        Path file = resource(c.file());
        WscheckException e = assertThrows(WscheckException.class, () -> CatalogLoader.fromFile(file));
        assertEquals("--catalog " + file + ": " + c.problem(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void everyInvalidFileIsCoveredByTheTable() throws Exception {
        List<String> tabled = invalidCatalogs().map(Invalid::file).sorted().toList();
        List<String> files;
        try (Stream<Path> s = java.nio.file.Files.list(resource("minimal.yaml").getParent())) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("invalid-")).sorted().toList();
        }
        assertEquals(files, tabled);
    }

    @Test
    void theMinimalCatalogTheInvalidOnesDeriveFromLoads() {
        Catalog c = CatalogLoader.fromFile(resource("minimal.yaml"));
        assertEquals(List.of("broker", "stream-tcp", "stream-udp"), c.requirements().stream().map(RequirementDef::id).toList());
        assertEquals("file", c.origin());
        assertEquals("lab", c.region("lab-1").orElseThrow().airport());
    }

    @Test
    void aMissingCatalogFileIsOneClearLine() {
        Path missing = resource("minimal.yaml").resolveSibling("no-such-catalog.yaml");
        WscheckException e = assertThrows(WscheckException.class, () -> CatalogLoader.fromFile(missing));
        assertEquals("--catalog " + missing + ": no such file", e.getMessage());
    }

    static Path resource(String name) {
        try {
            return Path.of(CatalogLoaderTest.class.getResource("/catalog/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource /catalog/" + name + " is missing", e);
        }
    }
}
