package dev.wscheck.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Changes, streaks and damping on recorded runs (contract §7), the store's files, pruning and
 * the timeline. Each case is a sequence of statuses of one requirement "udp", oldest first; the
 * last is the new run.
 */
class ChangesTest {
    @TempDir
    Path tmp;

    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    /** A report of one run: requirement id to status; the run's status is the worst. */
    static Report report(Instant at, Map<String, String> statuses) {
        List<Report.Requirement> reqs = new ArrayList<>();
        String worst = "pass";
        for (Map.Entry<String, String> e : statuses.entrySet()) {
            String s = e.getValue();
            reqs.add(new Report.Requirement(e.getKey(), "streaming", e.getKey(), "pcoip", "required", s, "", null,
                    List.of(new Report.Check("udp", "drp-nrt.amazonworkspaces.com:4172", "203.0.113.7", "direct", null,
                            s.equals("fail") ? "udp-port-unreachable" : "udp-reply", s, 12, Map.of(), "detail", null)),
                    List.of(), false));
            if (s.equals("fail") || (s.equals("warn") && !worst.equals("fail"))) {
                worst = s;
            }
        }
        int fail = (int) statuses.values().stream().filter("fail"::equals).count();
        return new Report(1, new Report.Tool("wscheck", "test"), at.toString(), 3100, "ap-northeast-1", List.of("pcoip"),
                new Report.Host("Linux", "pc", List.of(), List.of()), new Report.Proxy("none", null),
                new Report.CatalogRef("builtin", "test", null), worst, new Report.Counts(statuses.size() - fail, 0, fail, 0, 0), null, reqs);
    }

    /** Stores {@code statuses} as consecutive runs an hour apart and applies the last one to them. */
    Report sequence(List<String> statuses, Optional<Integer> alertAfter) {
        HistoryStore store = new HistoryStore(tmp).create();
        for (int i = 0; i < statuses.size() - 1; i++) {
            store.append(report(T0.plus(Duration.ofHours(i)), Map.of("udp", statuses.get(i), "https", "pass")));
        }
        Report now = report(T0.plus(Duration.ofHours(statuses.size() - 1)), Map.of("udp", statuses.get(statuses.size() - 1), "https", "pass"));
        return Changes.apply(now, store.read().runs(), alertAfter);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("the first run has no changes and a streak of 1", List.of("fail"), Optional.empty(), "fail", 1, ""),
                Arguments.of("pass then fail is a change since the previous run", List.of("pass", "fail"), Optional.empty(), "fail", 1, "pass->fail"),
                Arguments.of("fail then pass is a change too, without streak", List.of("fail", "pass"), Optional.empty(), "pass", 0, "fail->pass"),
                Arguments.of("fail, fail, fail counts three", List.of("fail", "fail", "fail"), Optional.empty(), "fail", 3, ""),
                Arguments.of("a pass in between restarts the streak", List.of("fail", "pass", "fail"), Optional.empty(), "fail", 1, "pass->fail"),
                Arguments.of("alert-after 2: the first failure is a warning", List.of("pass", "fail"), Optional.of(2), "warn", 1, "pass->fail"),
                Arguments.of("alert-after 2: the second failure in a row is critical", List.of("pass", "fail", "fail"), Optional.of(2), "fail", 2, ""),
                Arguments.of("alert-after 3: two failures stay a warning", List.of("fail", "fail"), Optional.of(3), "warn", 2, ""),
                Arguments.of("alert-after 1 is no damping", List.of("pass", "fail"), Optional.of(1), "fail", 1, "pass->fail"),
                Arguments.of("a skipped requirement is no change", List.of("pass", "skip"), Optional.empty(), "pass", 0, ""),
                Arguments.of("warn then fail is a change", List.of("warn", "fail"), Optional.empty(), "fail", 1, "warn->fail"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void changesStreaksAndDamping(String name, List<String> statuses, Optional<Integer> alertAfter, String runStatus, int streak,
                                  String change) {
        Report r = sequence(statuses, alertAfter);
        assertEquals(runStatus, r.status());
        Report.Requirement udp = r.requirements().stream().filter(q -> q.id().equals("udp")).findFirst().orElseThrow();
        assertEquals(statuses.get(statuses.size() - 1), udp.status(), "the requirement keeps its own status");
        assertEquals(streak == 0 ? null : streak, udp.failStreak());
        if (change.isEmpty()) {
            assertEquals(List.of(), r.changes());
        } else {
            assertEquals(1, r.changes().size(), r.changes().toString());
            Report.Change c = r.changes().get(0);
            assertEquals(change, c.from() + "->" + c.to());
            int hours = statuses.size() - 2;
            assertEquals(T0.plus(Duration.ofHours(hours)).toString(), c.since(), "since = the previous run's startedAt");
        }
    }

    @Test
    void pruningKeepsTheNewestRunsWithinTheAge() {
        HistoryStore store = new HistoryStore(tmp).create();
        for (int i = 0; i < 10; i++) {
            store.append(report(T0.plus(Duration.ofDays(i)), Map.of("udp", "pass")));
        }
        assertEquals(4, store.prune(6, Duration.ofDays(30), T0.plus(Duration.ofDays(10))));
        assertEquals(T0.plus(Duration.ofDays(4)), store.read().runs().get(0).startedAt());
        assertEquals(3, store.prune(100, Duration.ofDays(3), T0.plus(Duration.ofDays(10))), "runs older than 3 days go");
        assertEquals(3, store.read().runs().size());
    }

    @Test
    void leftoversOfAKilledWriteAreNeitherReadNorKept() throws IOException {
        HistoryStore store = new HistoryStore(tmp).create();
        store.append(report(T0, Map.of("udp", "pass")));
        Path leftover = Files.writeString(tmp.resolve(".run-20261201T100000.000Z.json.123.tmp"), "{\"startedAt\": \"2026-12-01T10:");
        Path broken = Files.writeString(tmp.resolve("run-20261201T110000.000Z.json"), "{\"startedAt\"");
        HistoryStore.Read read = store.read();
        assertEquals(1, read.runs().size());
        assertEquals(List.of(broken), read.unreadable());
        store.append(report(T0.plus(Duration.ofHours(3)), Map.of("udp", "pass")));
        assertTrue(Files.notExists(leftover), "the next append removes a killed run's temporary file");
    }

    @Test
    void twoRunsInTheSameMillisecondAreTwoFiles() {
        HistoryStore store = new HistoryStore(tmp).create();
        store.append(report(T0, Map.of("udp", "pass")));
        store.append(report(T0, Map.of("udp", "fail")));
        assertEquals(2, store.read().runs().size());
    }

    @Test
    void theTimelineListsEveryTransitionWithTheCheckThatDecidedIt() {
        HistoryStore store = new HistoryStore(tmp).create();
        List<String> udp = List.of("pass", "pass", "fail", "fail", "pass");
        for (int i = 0; i < udp.size(); i++) {
            store.append(report(T0.plus(Duration.ofHours(i)), Map.of("udp", udp.get(i), "https", "pass")));
        }
        Timeline all = Timeline.of(store.read().runs(), Optional.empty());
        assertEquals(5, all.runs().size());
        assertEquals(2, all.transitions().size());
        Timeline.Transition broke = all.transitions().get(0);
        assertEquals(new Timeline.Transition(T0.plus(Duration.ofHours(2)), "udp", "pass", "fail", T0.plus(Duration.ofHours(1)),
                "udp-port-unreachable", "udp drp-nrt.amazonworkspaces.com:4172"), broke);
        Timeline recent = Timeline.of(store.read().runs(), Optional.of(T0.plus(Duration.ofHours(3))));
        assertEquals(2, recent.runs().size());
        assertEquals(1, recent.transitions().size(), "--since keeps the transitions into the runs it lists");
        assertEquals("fail", recent.transitions().get(0).from());
    }
}
