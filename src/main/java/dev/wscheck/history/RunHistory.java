package dev.wscheck.history;

import dev.wscheck.report.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A run's visit to its history: read the past, add changes and streaks, append, prune. The caller holds the lock. */
public final class RunHistory {
    private RunHistory() {}

    /** Returns the report as annotated and stored; runs beyond {@code maxRuns} or older than {@code maxAge} are then removed. */
    public static Report record(HistoryStore store, Report report, Optional<Integer> alertAfter, int maxRuns, Duration maxAge) {
        Report annotated = Changes.apply(report, store.read().runs(), alertAfter);
        store.append(annotated);
        store.prune(maxRuns, maxAge, Instant.now());
        return annotated;
    }
}
