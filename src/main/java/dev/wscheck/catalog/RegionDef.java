package dev.wscheck.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One AWS region where WorkSpaces runs, with what AWS publishes for it.
 *
 * @param airport the IATA code in its health-check host name and registration codes ({@code nrt})
 * @param healthCheck the health-check (drp) server the client probes on 4172/4195; empty where AWS publishes none
 * @param vars region-specific values used by requirement templates (login-page CloudFront hosts, ...)
 * @param endpoints per-region replacements of a requirement's endpoint list (GovCloud differs)
 * @param notPublished requirements AWS publishes nothing for in this region, with the reason
 * @param errata known errors in AWS's documentation for this region and how the catalog handles them
 */
public record RegionDef(
        String code,
        String name,
        String airport,
        Optional<HealthCheck> healthCheck,
        Gateways gateways,
        Map<String, String> vars,
        Map<String, List<String>> endpoints,
        Map<String, String> notPublished,
        List<Erratum> errata,
        String source) {

    /**
     * The health-check server. {@code addresses} are the IPv4 addresses AWS documents; the check
     * always resolves {@code host} at run time (the documented list has known errors).
     */
    public record HealthCheck(String host, List<String> addresses, String ipv6Host, String ipv6Prefix) {}

    /** Published gateway ranges per streaming protocol. */
    public record Gateways(GatewaySet pcoip, GatewaySet dcv) {}

    /**
     * @param aga AWS Global Accelerator endpoints (DCV only)
     * @param domains gateway domain names, usually wildcards
     */
    public record GatewaySet(List<String> ipv4, List<String> ipv6, List<String> aga, List<String> domains) {
        public static final GatewaySet EMPTY = new GatewaySet(List.of(), List.of(), List.of(), List.of());
    }

    /** A documentation error: what the document says, what is true, and the source. */
    public record Erratum(String text, String source) {}
}
