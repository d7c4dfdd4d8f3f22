package dev.wscheck.catalog;

import dev.wscheck.net.TrustSettings.PublicRoot;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The requirements catalog: every region's WorkSpaces client requirements, as data. Loaded and
 * validated by {@link CatalogLoader}; immutable.
 *
 * @param origin {@code builtin} or {@code file}
 * @param expectPrivateAddresses the catalog's names resolve to private or loopback addresses (a lab,
 *                               a test, PrivateLink endpoints), so such DNS answers are not sinkholes
 */
public record Catalog(
        int schemaVersion,
        String version,
        String origin,
        Map<String, Source> sources,
        Map<String, ProtocolSpec> protocols,
        List<PublicRoot> publicRoots,
        List<RequirementDef> requirements,
        Map<String, RegionDef> regions,
        boolean expectPrivateAddresses) {

    public Optional<RegionDef> region(String code) {
        return Optional.ofNullable(regions.get(code));
    }

    public Optional<RequirementDef> requirement(String id) {
        return requirements.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /**
     * Returns the region whose health-check host uses this IATA airport code, e.g. {@code nrt}.
     * Regions without a published airport code (empty) never match.
     */
    public Optional<RegionDef> regionByAirport(String airport) {
        if (airport.isBlank()) {
            return Optional.empty();
        }
        return regions.values().stream().filter(r -> r.airport().equalsIgnoreCase(airport)).findFirst();
    }
}
