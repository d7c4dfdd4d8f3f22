package dev.wscheck.engine;

import java.time.Duration;

/**
 * How the engine runs a plan.
 *
 * @param timeout per-probe timeout (--timeout)
 * @param deadline bound for the whole run (--deadline); unfinished checks are reported as such
 * @param parallelism how many probes may block at once; a black-holed network costs one timeout
 *                    as long as the plan has no more concurrently blocking checks than this
 */
public record RunSettings(Duration timeout, Duration deadline, int parallelism, Routing routing) {
    public static final int DEFAULT_PARALLELISM = 64;
}
