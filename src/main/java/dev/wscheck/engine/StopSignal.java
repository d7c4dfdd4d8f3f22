package dev.wscheck.engine;

import java.util.concurrent.CompletableFuture;

/**
 * Asks a running {@link Engine} to stop early (SIGTERM, Ctrl-C): the engine stops waiting, and
 * every check not finished by then is reported as {@code deadline-exceeded} with a detail saying
 * the run was stopped, exactly as when the deadline passes. Thread-safe; stopping twice is harmless.
 */
public final class StopSignal {
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    /** A signal nobody fires. */
    public static StopSignal never() {
        return new StopSignal();
    }

    public void stop() {
        stopped.complete(null);
    }

    public boolean isStopped() {
        return stopped.isDone();
    }

    CompletableFuture<Void> future() {
        return stopped;
    }
}
