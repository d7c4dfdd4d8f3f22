package dev.wscheck.engine;

import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.ProbeResult;

/**
 * Receives progress while the engine runs. Called from worker threads: implementations must be
 * thread-safe, fast, and must not throw.
 */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {};

    /** The run starts with {@code total} distinct checks. */
    default void started(int total) {}

    /** One distinct check finished; {@code done} counts finished checks so far. */
    default void checkFinished(CheckSpec check, ProbeResult result, int done, int total) {}

    /** The run finished (or its deadline passed). */
    default void finished() {}
}
