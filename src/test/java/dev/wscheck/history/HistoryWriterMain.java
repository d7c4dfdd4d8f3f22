package dev.wscheck.history;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A child process for {@link UnattendedProcessTest}: appends large runs to a history as fast as
 * it can, until killed. Most of its time is spent inside a write, so a kill -9 lands mid-write.
 */
public final class HistoryWriterMain {
    private HistoryWriterMain() {}

    public static void main(String[] args) {
        HistoryStore store = new HistoryStore(Path.of(args[0])).create();
        Map<String, String> statuses = new LinkedHashMap<>();
        for (int i = 0; i < 3000; i++) {
            statuses.put("requirement-" + i, i % 7 == 0 ? "fail" : "pass");
        }
        Instant at = Instant.parse("2026-12-02T00:00:00Z");
        for (int i = 0; ; i++) {
            store.append(ChangesTest.report(at.plus(Duration.ofSeconds(i)), statuses));
            System.out.println("appended " + (i + 1));
        }
    }
}
