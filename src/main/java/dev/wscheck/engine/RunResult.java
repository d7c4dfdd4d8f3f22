package dev.wscheck.engine;

import dev.wscheck.catalog.PlannedCheck;
import dev.wscheck.catalog.PlannedRequirement;
import dev.wscheck.probe.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The raw outcome of a run: every requirement of the plan with the wire result of each of its checks. */
public record RunResult(Instant startedAt, Duration duration, List<RequirementRun> requirements) {

    /** One requirement and its checks' results, in plan order. */
    public record RequirementRun(PlannedRequirement requirement, List<CheckRun> checks) {}

    /** One check and what happened. */
    public record CheckRun(PlannedCheck check, ProbeResult result) {}
}
