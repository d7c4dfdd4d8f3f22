package dev.wscheck.catalog;

import dev.wscheck.net.Ipv6Status;
import java.util.List;
import java.util.Optional;

/**
 * What one run checks: the region, the protocols, and every applicable requirement with its checks.
 * {@code ipv6} is this PC's IPv6 status the plan was made for (decided once per run); empty for a
 * plan that is only listed ({@code wscheck requirements}), whose IPv6 names are not planned as checks.
 */
public record Plan(Catalog catalog, RegionDef region, List<String> protocols, Optional<String> directoryId, List<PlannedRequirement> requirements,
                   Optional<Ipv6Status> ipv6) {

    public Plan(Catalog catalog, RegionDef region, List<String> protocols, Optional<String> directoryId, List<PlannedRequirement> requirements) {
        this(catalog, region, protocols, directoryId, requirements, Optional.empty());
    }

    public Optional<PlannedRequirement> requirement(String id) {
        return requirements.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
