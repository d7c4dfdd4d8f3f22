package dev.wscheck.verdict;

import dev.wscheck.catalog.PlannedCheck;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.ProbeResult;

/**
 * A judged check. {@code outcome} is the probe's outcome, refined by what only the catalog knows
 * (an HTTP status the catalog does not accept becomes http-unexpected-status, a round trip above
 * the protocol's bound becomes latency-high); {@code detail} says why in one line.
 */
public record CheckVerdict(PlannedCheck check, ProbeResult result, Outcome outcome, String detail, Status status) {}
