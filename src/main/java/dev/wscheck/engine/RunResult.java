package dev.wscheck.engine;

import dev.wscheck.catalog.PlannedCheck;
import dev.wscheck.catalog.PlannedRequirement;
import dev.wscheck.probe.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The raw outcome of a run: every requirement of the plan with the wire result of each of its checks. */
public record RunResult(Instant startedAt, Duration duration, List<RequirementRun> requirements) {

    /** One requirement and its checks' results, in plan order. */
    public record RequirementRun(PlannedRequirement requirement, List<CheckRun> checks) {}

    /**
     * What a check is for. Only {@link #PATH} checks decide a requirement's status: they follow
     * the path the client's traffic takes. The others are evidence for the direct-vs-proxy
     * comparison (docs/proxies.md).
     */
    public enum Role {
        /** On the client's path (direct, or through the proxy the client uses). */
        PATH,
        /** The local DNS answer for a host the client reaches through a proxy (the proxy resolves it). */
        LOCAL_DNS,
        /** A direct TCP connect to a host the client reaches through a proxy: would direct work too? */
        DIRECT_COMPARISON;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** One check and what happened. */
    public record CheckRun(PlannedCheck check, ProbeResult result, Role role) {
        public CheckRun(PlannedCheck check, ProbeResult result) {
            this(check, result, Role.PATH);
        }
    }
}
