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
        List<String> notes) {

    /** Returns true when this requirement applies to {@code region}. */
    public boolean appliesTo(String region) {
        return (regions.isEmpty() || regions.contains(region)) && !exceptRegions.contains(region);
    }
}
