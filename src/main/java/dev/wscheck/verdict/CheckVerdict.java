package dev.wscheck.verdict;

import dev.wscheck.catalog.PlannedCheck;
import dev.wscheck.engine.RunResult;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.ProbeResult;

/**
 * A judged check. {@code outcome} is the probe's outcome, refined by what only the catalog knows
 * (an HTTP status the catalog does not accept becomes http-unexpected-status, a round trip above
 * the protocol's bound becomes latency-high); {@code detail} says why in one line. {@code role}
 * says whether the check is on the client's path (and so decides the requirement's status) or
 * is evidence for the direct-vs-proxy comparison.
 */
public record CheckVerdict(PlannedCheck check, ProbeResult result, Outcome outcome, String detail, Status status, RunResult.Role role) {
    public CheckVerdict(PlannedCheck check, ProbeResult result, Outcome outcome, String detail, Status status) {
        this(check, result, outcome, detail, status, RunResult.Role.PATH);
    }

    /** True when this check decides the requirement's status. */
    public boolean onPath() {
        return role == RunResult.Role.PATH;
    }
}
