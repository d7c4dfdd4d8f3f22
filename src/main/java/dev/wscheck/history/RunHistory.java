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
        // Newest first, only as far back as a failing requirement of this run keeps failing.
        java.util.Set<String> failing = new java.util.HashSet<>();
        report.requirements().stream().filter(q -> q.status().equals("fail")).forEach(q -> failing.add(q.id()));
        java.util.List<PastRun> past = store.newest(run -> {
            failing.removeIf(id -> run.requirements().get(id) == null || !run.requirements().get(id).status().equals("fail"));
            return !failing.isEmpty();
        });
        Report annotated = Changes.apply(report, past, alertAfter);
        store.append(annotated);
        store.prune(maxRuns, maxAge, Instant.now());
        return annotated;
    }
}
