package dev.wscheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 16: the console and HTML say "of which X ms waiting for a CPU" only when it matters. */
class CpuWaitShownTest {
    record Case(String name, long durationMs, Map<String, Long> cpuWaitMs, OptionalLong shown) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Map<String, Long> waits(long tls, long request) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("tls", tls);
        m.put("request", request);
        return m;
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("most of a slow handshake spent waiting for a CPU is shown, added over the phases", 900, waits(600, 100), OptionalLong.of(700)),
                new Case("a few milliseconds of waiting is noise, not shown", 60, waits(5, 3), OptionalLong.empty()),
                new Case("a long wait that is a small share of a long timeout is not shown", 5000, waits(150, 0), OptionalLong.empty()),
                new Case("no figures (Windows, macOS, an old report) shows nothing", 900, null, OptionalLong.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aSignificantWaitIsShown(Case c) {
        Report.Check check = new Report.Check("tls", "ws.example.test:443", "192.0.2.1", "direct", null, "ok", "pass", c.durationMs(),
                Map.of(), null, c.cpuWaitMs(), "detail", null);
        assertEquals(c.shown(), ReportFacts.significantCpuWaitMs(check));
    }
}
