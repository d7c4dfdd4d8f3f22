package dev.wscheck.serve;

import dev.wscheck.report.Report;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** The last N probes and their reports, for the debug page; older ones are forgotten, so memory stays flat. */
final class RecentProbes {
    /** One probe: its number, when it ran, what was asked, and its report. */
    record Entry(long id, Instant at, String query, Report report) {}

    private final int keep;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long next = 1;

    RecentProbes(int keep) {
        this.keep = keep;
    }

    synchronized long add(Instant at, String query, Report report) {
        long id = next++;
        if (keep == 0) {
            return id;
        }
        entries.addFirst(new Entry(id, at, query, report));
        while (entries.size() > keep) {
            entries.removeLast();
        }
        return id;
    }

    /** Newest first. */
    synchronized List<Entry> list() {
        return new ArrayList<>(entries);
    }

    synchronized Optional<Entry> find(long id) {
        return entries.stream().filter(e -> e.id() == id).findFirst();
    }
}
