package dev.wscheck.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param derived requirements AWS publishes no value for in this region, checked anyway with the
 *     names AWS's pattern gives in every published region; they are reported as optional (a
 *     failure warns) with the reason, since the name may simply not exist there
 * @param ipv6Endpoints per-region replacements of a requirement's IPv6 names (may be empty: the
 *     China partition has no {@code .api.aws} names)
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
        String source,
        Map<String, String> derived,
        Map<String, List<String>> ipv6Endpoints) {

    /** A region without derived requirements or IPv6 overrides (the shape before they existed). */
    public RegionDef(String code, String name, String airport, Optional<HealthCheck> healthCheck, Gateways gateways,
                     Map<String, String> vars, Map<String, List<String>> endpoints, Map<String, String> notPublished,
                     List<Erratum> errata, String source) {
        this(code, name, airport, healthCheck, gateways, vars, endpoints, notPublished, errata, source, Map.of(), Map.of());
    }

    /**
     * The health-check server. {@code addresses} are the IPv4 addresses AWS documents; the check
     * always resolves {@code host} at run time (the documented list has known errors).
     */
    public record HealthCheck(String host, List<String> addresses, String ipv6Host, String ipv6Prefix) {}

    /**
     * Published gateway ranges per streaming protocol.
     *
     * @param unassigned WORKSPACES_GATEWAYS prefixes ip-ranges.json publishes for the region
     *     without saying which protocol they serve (regions with no table on AWS's port page);
     *     allowlists put them into both streaming rules
     */
    public record Gateways(GatewaySet pcoip, GatewaySet dcv,
                           @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = OmitEmptySet.class) GatewaySet unassigned) {
        public Gateways(GatewaySet pcoip, GatewaySet dcv) {
            this(pcoip, dcv, GatewaySet.EMPTY);
        }

        /** Every IPv4 or IPv6 gateway prefix of the region, whatever the protocol. */
        public List<String> allPrefixes() {
            java.util.List<String> all = new java.util.ArrayList<>();
            for (GatewaySet s : List.of(pcoip, dcv, unassigned)) {
                all.addAll(s.ipv4());
                all.addAll(s.ipv6());
            }
            return List.copyOf(all);
        }
    }

    /**
     * @param aga AWS Global Accelerator endpoints (DCV only)
     * @param domains gateway domain names, usually wildcards
     */
    public record GatewaySet(List<String> ipv4, List<String> ipv6, List<String> aga, List<String> domains) {
        public static final GatewaySet EMPTY = new GatewaySet(List.of(), List.of(), List.of(), List.of());

        public boolean hasNone() {
            return ipv4.isEmpty() && ipv6.isEmpty() && aga.isEmpty() && domains.isEmpty();
        }
    }

    /**
     * Jackson's CUSTOM inclusion filter for {@link Gateways#unassigned()}: the set is left out of
     * JSON when it is empty, so regions with a published table print as they always did.
     */
    public static final class OmitEmptySet {
        @Override
        public boolean equals(Object value) {
            return value == null || (value instanceof GatewaySet g && g.hasNone());
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    /** A documentation error: what the document says, what is true, and the source. */
    public record Erratum(String text, String source) {}
}
