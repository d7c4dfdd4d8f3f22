package dev.wscheck.catalog;

import dev.wscheck.probe.ProbeKind;
import java.util.List;

/**
 * One requirement as the catalog defines it, before it is applied to a region: endpoints are
 * templates with {@code {region}}, {@code {airport}}, {@code {healthCheckHost}},
 * {@code {directoryId}} and the region's own variables.
 *
 * @param id stable identifier (scripts and tests key on it), kebab-case
 * @param category what the endpoint is for: broker, api, metrics, directory, streaming, ...
 * @param protocol {@code pcoip}, {@code dcv}, or {@code any}; --protocol filters on it
 * @param probes which probes run against each endpoint, in chain order (dns → tcp → tls → https)
 * @param endpoints {@code https://}, {@code tcp://} or {@code udp://} templates that are probed
 * @param ipv6Endpoints the IPv6 names AWS publishes for the same purpose (listed, not yet probed)
 * @param allowlistOnly entries to allow that cannot be probed (wildcard domains, TURN names)
 * @param regions the regions this requirement applies to; empty means every region
 * @param exceptRegions regions it does not apply to
 * @param source key into the catalog's sources
 * @param variant empty for a requirement that always applies; otherwise the variant a user
 *     selects for it to apply ({@code fips} with --fips, {@code vpc-endpoint} with --vpc-endpoint)
 */
public record RequirementDef(
        String id,
        String category,
        String title,
        String description,
        String protocol,
        Importance importance,
        ProxyPolicy proxy,
        List<ProbeKind> probes,
        List<String> endpoints,
        List<String> ipv6Endpoints,
        List<String> allowlistOnly,
        Expectation expect,
        Rule rule,
        List<String> regions,
        List<String> exceptRegions,
        String source,
        List<String> notes,
        String variant) {

    /** The variants a user can select; a requirement names at most one. */
    public static final List<String> VARIANTS = List.of("fips", "vpc-endpoint");

    /** A requirement that always applies (no variant). */
    public RequirementDef(String id, String category, String title, String description, String protocol, Importance importance,
                          ProxyPolicy proxy, List<ProbeKind> probes, List<String> endpoints, List<String> ipv6Endpoints,
                          List<String> allowlistOnly, Expectation expect, Rule rule, List<String> regions, List<String> exceptRegions,
                          String source, List<String> notes) {
        this(id, category, title, description, protocol, importance, proxy, probes, endpoints, ipv6Endpoints, allowlistOnly,
                expect, rule, regions, exceptRegions, source, notes, "");
    }

    /** The same requirement, reported as optional with one more note (a name derived from AWS's pattern). */
    public RequirementDef derived(String note) {
        List<String> n = new java.util.ArrayList<>(notes);
        n.add(0, note);
        return new RequirementDef(id, category, title, description, protocol, Importance.OPTIONAL, proxy, probes, endpoints,
                ipv6Endpoints, allowlistOnly, expect, rule, regions, exceptRegions, source, List.copyOf(n), variant);
    }

    /** Returns true when this requirement applies to {@code region}. */
    public boolean appliesTo(String region) {
        return (regions.isEmpty() || regions.contains(region)) && !exceptRegions.contains(region);
    }
}
