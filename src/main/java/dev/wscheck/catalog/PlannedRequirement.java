package dev.wscheck.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A requirement applied to one region: its endpoints expanded, its checks listed in chain order.
 * {@code skipReason} is set when the requirement is reported but not checked (--only/--skip, or
 * AWS publishes nothing for it in this region).
 */
public record PlannedRequirement(
        RequirementDef def,
        List<String> endpoints,
        List<String> ipv6Endpoints,
        List<String> allowlistOnly,
        List<PlannedCheck> checks,
        Optional<Skip> skipReason) {

    public String id() {
        return def.id();
    }
}
