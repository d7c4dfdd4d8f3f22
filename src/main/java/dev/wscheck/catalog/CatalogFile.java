package dev.wscheck.catalog;

import java.util.List;
import java.util.Map;

/**
 * The catalog file's shape exactly as written in YAML (or JSON, which YAML includes). Only
 * {@link CatalogLoader} sees these; it validates them and builds the immutable {@link Catalog}.
 * Absent fields arrive as null. Unknown fields are rejected at load.
 */
final class CatalogFile {
    private CatalogFile() {}

    record Root(
            Integer schemaVersion,
            String version,
            Map<String, Source> sources,
            Map<String, Protocol> protocols,
            List<Root.PublicRootYaml> publicRoots,
            List<Requirement> requirements,
            Map<String, Region> regions,
            Boolean expectPrivateAddresses) {
        record PublicRootYaml(String name, String spkiSha256) {}
    }

    record Source(String title, String url, String date) {}

    record Protocol(String title, Latency latency, String source, String note, Quality quality) {}

    record Quality(String lossHigh, String jitterHigh, String source, String rationale) {}

    record Latency(String high, String critical) {}

    record Requirement(
            String id,
            String category,
            String title,
            String description,
            String protocol,
            String importance,
            String proxy,
            List<String> probes,
            List<String> endpoints,
            List<String> ipv6Endpoints,
            List<String> allowlistOnly,
            Expect expect,
            RuleYaml rule,
            List<String> regions,
            List<String> exceptRegions,
            String source,
            List<String> notes,
            String variant) {}

    record Expect(Integer status, String bodyContains) {}

    record RuleYaml(String udpFallback) {}

    record Region(
            String name,
            String airport,
            HealthCheck healthCheck,
            GatewaysYaml gateways,
            Map<String, String> vars,
            Map<String, List<String>> endpoints,
            Map<String, String> notPublished,
            List<ErratumYaml> errata,
            String source,
            Map<String, String> derived,
            Map<String, List<String>> ipv6Endpoints) {}

    record HealthCheck(String host, List<String> addresses, String ipv6Host, String ipv6Prefix) {}

    record GatewaysYaml(GatewaySetYaml pcoip, GatewaySetYaml dcv, GatewaySetYaml unassigned) {}

    record GatewaySetYaml(List<String> ipv4, List<String> ipv6, List<String> aga, List<String> domains) {}

    record ErratumYaml(String text, String source) {}
}
