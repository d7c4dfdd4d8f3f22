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
     * the path the client's traffic takes. LOCAL_DNS and DIRECT_COMPARISON are evidence for the
     * direct-vs-proxy comparison (docs/proxies.md); IPV6_PATH checks can only add a warning.
     */
    public enum Role {
        /** On the client's path (direct, or through the proxy the client uses). */
        PATH,
        /** The local DNS answer for a host the client reaches through a proxy (the proxy resolves it). */
        LOCAL_DNS,
        /** A direct TCP connect to a host the client reaches through a proxy: would direct work too? */
        DIRECT_COMPARISON,
        /**
         * On the requirement's IPv6 path (its .api.aws name or IPv6 health-check host), which a client
         * uses only where the PC has IPv6: a failure there warns, the IPv4 path decides pass or fail.
         */
        IPV6_PATH;

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
