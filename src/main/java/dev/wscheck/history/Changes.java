package dev.wscheck.history;

import dev.wscheck.report.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a history adds to a new run's report (contract §7): the changes since the previous run,
 * each failing requirement's streak, and flap damping. Pure: past runs and a report in, a report
 * out; the verdicts themselves are never recomputed.
 */
public final class Changes {
    private Changes() {}

    /**
     * Returns {@code current} with {@code changes} (against the last of {@code past}; {@code []}
     * when there is none or nothing changed), {@code failStreak} on every failing requirement,
     * and, with {@code alertAfter} N, a top-level {@code fail} lowered to {@code warn} while no
     * failing requirement has failed N runs in a row (this one included).
     *
     * <p>A requirement counts as changed when its status differs from the previous run's, unless
     * either side is {@code skip} (a requirement left out by --only/--skip or not applicable has
     * no state to compare). {@code since} is the previous run's {@code startedAt}: the last time
     * the requirement was seen in its old status.
     *
     * @param past earlier runs of the history, oldest first
     */
    public static Report apply(Report current, List<PastRun> past, Optional<Integer> alertAfter) {
        Optional<PastRun> previous = past.isEmpty() ? Optional.empty() : Optional.of(past.get(past.size() - 1));
        List<Report.Change> changes = new ArrayList<>();
        List<Report.Requirement> requirements = new ArrayList<>();
        boolean alerting = false;
        for (Report.Requirement q : current.requirements()) {
            Optional<PastRun.PastRequirement> before = previous.map(p -> p.requirements().get(q.id()));
            if (before.isPresent() && !before.get().status().equals(q.status()) && !q.status().equals("skip")
                    && !before.get().status().equals("skip")) {
                changes.add(new Report.Change(q.id(), before.get().status(), q.status(), previous.get().startedAt().toString()));
            }
            if (q.status().equals("fail")) {
                int streak = streak(q.id(), past);
                alerting |= alertAfter.map(n -> streak >= n).orElse(true);
                requirements.add(q.withFailStreak(streak));
            } else {
                requirements.add(q);
            }
        }
        String status = current.status();
        if (status.equals("fail") && !alerting) {
            status = "warn";
        }
        return current.withStatus(status, requirements).withChanges(changes);
    }

    /** Consecutive failing runs of {@code id} ending with this one: 1 plus the failing runs just before it. */
    static int streak(String id, List<PastRun> past) {
        int n = 1;
        for (int i = past.size() - 1; i >= 0; i--) {
            PastRun.PastRequirement r = past.get(i).requirements().get(id);
            if (r == null || !r.status().equals("fail")) {
                break;
            }
            n++;
        }
        return n;
    }
}
