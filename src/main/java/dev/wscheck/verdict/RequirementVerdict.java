package dev.wscheck.verdict;

import dev.wscheck.catalog.PlannedRequirement;
import java.util.List;
import java.util.Optional;

/**
 * A judged requirement: its checks, and the status after the requirement's own rule.
 * {@code route} is present when the client reaches the requirement through a proxy and the
 * direct path was checked as well.
 */
public record RequirementVerdict(PlannedRequirement requirement, List<CheckVerdict> checks, Status status, Note note,
                                 Optional<RouteComparison> route) {}
