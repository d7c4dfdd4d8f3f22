package dev.wscheck.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The timeline a support ticket needs: the runs of a history and every requirement's transitions
 * ("pcoip-streaming-udp went from pass to fail at 14:05, udp-port-unreachable on udp
 * drp-nrt.amazonworkspaces.com:4172; it last passed at 09:00").
 *
 * @param runs the runs at or after {@code since}, oldest first
 * @param transitions every status change between consecutive runs, the later of which is in {@code runs}
 */
public record Timeline(List<PastRun> runs, List<Transition> transitions) {

    /**
     * One requirement's change between two consecutive runs.
     *
     * @param at when the run that saw the new status started
     * @param since when the run before it started: the last time the old status was seen
     * @param outcome, target the check that decided the new status
     */
    public record Transition(Instant at, String requirement, String from, String to, Instant since, String outcome, String target) {}

    /** Builds the timeline of {@code all} (oldest first), from {@code since} on when given. */
    public static Timeline of(List<PastRun> all, Optional<Instant> since) {
        List<PastRun> runs = new ArrayList<>();
        List<Transition> transitions = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            PastRun run = all.get(i);
            if (since.isPresent() && run.startedAt().isBefore(since.get())) {
                continue;
            }
            runs.add(run);
            if (i == 0) {
                continue;
            }
            PastRun before = all.get(i - 1);
            for (PastRun.PastRequirement now : run.requirements().values()) {
                PastRun.PastRequirement then = before.requirements().get(now.id());
                if (then != null && !then.status().equals(now.status()) && !then.status().equals("skip") && !now.status().equals("skip")) {
                    transitions.add(new Transition(run.startedAt(), now.id(), then.status(), now.status(), before.startedAt(),
                            now.outcome(), now.target()));
                }
            }
        }
        return new Timeline(runs, transitions);
    }
}
