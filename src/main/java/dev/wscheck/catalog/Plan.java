package dev.wscheck.catalog;

import java.util.List;
import java.util.Optional;

/** What one run checks: the region, the protocols, and every applicable requirement with its checks. */
public record Plan(Catalog catalog, RegionDef region, List<String> protocols, Optional<String> directoryId, List<PlannedRequirement> requirements) {

    public Optional<PlannedRequirement> requirement(String id) {
        return requirements.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
