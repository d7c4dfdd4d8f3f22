package dev.wscheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Nagios line's own words in both languages (the recorded failure's line has none of them:
 * see the check-tokyo*.nagios.txt goldens): a failing streak, a run with nothing to report, an
 * interrupted run. The state word, ids, statuses and outcome codes stay as the contract writes them.
 */
class NagiosReporterTest {
    record Case(String name, Locale locale, UnaryOperator<Report> change, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The recorded failure with each failing requirement on a streak of {@code n} runs. */
    static Report streak(Report r, int n) {
        List<Report.Requirement> reqs = new ArrayList<>();
        for (Report.Requirement q : r.requirements()) {
            reqs.add(!q.status().equals("fail") ? q : new Report.Requirement(q.id(), q.category(), q.title(), q.protocol(), q.importance(),
                    q.status(), q.note(), q.route(), q.checks(), q.remediation(), q.filtered(), n));
        }
        return r.with(r.host(), r.proxy(), r.findings(), reqs, r.environment());
    }

    /** Only the passing requirements: no requirement to list, the line counts the passes. */
    static Report passing(Report r) {
        List<Report.Requirement> reqs = r.requirements().stream().filter(q -> q.status().equals("pass")).toList();
        return r.with(r.host(), r.proxy(), r.findings(), reqs, r.environment());
    }

    static Stream<Case> cases() {
        String tail = " | duration=1.2s pass=18 warn=1 fail=3 inconclusive=1 skip=2\n";
        String streakEn = "workspaces-api fail (tls-intercepted, failed 3 runs in a row), connectivity-check fail (dns-nxdomain, failed 3 runs in a row), "
                + "pcoip-streaming-tcp fail (tcp-refused, failed 3 runs in a row), pcoip-latency warn (latency-high), pcoip-streaming-udp inconclusive (udp-no-reply)";
        String streakJa = "workspaces-api fail (tls-intercepted, 3 回連続で失敗), connectivity-check fail (dns-nxdomain, 3 回連続で失敗), "
                + "pcoip-streaming-tcp fail (tcp-refused, 3 回連続で失敗), pcoip-latency warn (latency-high), pcoip-streaming-udp inconclusive (udp-no-reply)";
        return Stream.of(
                new Case("a streak of failures, English", Locale.ENGLISH, r -> streak(r, 3), "WSCHECK CRITICAL - " + streakEn + tail),
                new Case("a streak of failures, Japanese", Locale.JAPANESE, r -> streak(r, 3), "WSCHECK CRITICAL - " + streakJa + tail),
                new Case("a first failure, Japanese", Locale.JAPANESE, r -> streak(r, 1),
                        "WSCHECK CRITICAL - " + streakJa.replace("3 回連続", "1 回連続") + tail),
                new Case("no requirement to list (the state word stays the report's own), English", Locale.ENGLISH, NagiosReporterTest::passing, "WSCHECK CRITICAL - 18 requirements pass" + tail),
                new Case("no requirement to list, Japanese", Locale.JAPANESE, NagiosReporterTest::passing, "WSCHECK CRITICAL - 要件 18 件がすべて合格" + tail),
                new Case("an interrupted run, Japanese", Locale.JAPANESE, Report::withInterrupted, "WSCHECK CRITICAL - 中断: workspaces-api fail (tls-intercepted), "
                        + "connectivity-check fail (dns-nxdomain), pcoip-streaming-tcp fail (tcp-refused), pcoip-latency warn (latency-high), "
                        + "pcoip-streaming-udp inconclusive (udp-no-reply)" + tail));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void saysItsWordsInTheLanguage(Case c) throws IOException {
        StringWriter w = new StringWriter();
        new NagiosReporter(c.locale()).write(c.change().apply(ReportGoldenTest.report(c.locale(), false)), w);
        assertEquals(c.expected(), w.toString().replace(System.lineSeparator(), "\n"));
    }
}
