package dev.wscheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming JSON writer writes the very bytes databind wrote from the same {@link Report} and
 * its annotations (issue 16: same output, less start-up): databind is the oracle here, over every
 * evidence record, the engine's confirmation, every optional part present, absent and empty,
 * text that needs escaping, non-finite numbers, and reports read back from JSON (evidence as maps).
 */
class JsonReporterTest {

    record Case(String name, Supplier<Report> report) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("the golden Tokyo run", () -> ReportGoldenTest.report(Locale.ENGLISH, false)),
                new Case("the golden Tokyo run in Japanese", () -> ReportGoldenTest.report(Locale.JAPANESE, false)),
                new Case("the golden inspected run", () -> ReportGoldenTest.report(Locale.ENGLISH, true)),
                new Case("every evidence record, the confirmation merged in, every optional part present", JsonReportSamples::full),
                new Case("every optional part absent or empty, nulls in lists and maps", JsonReportSamples::sparse),
                new Case("nulls where the schema has no optional marker", JsonReportSamples::nullParts),
                new Case("a report read back from its JSON: evidence as maps and lists", () -> readBack(JsonReportSamples.full())),
                new Case("a redacted report", () -> Redactor.redact(JsonReportSamples.full(), List.of())),
                new Case("a report marked interrupted, with history changes", () -> JsonReportSamples.full().withInterrupted()
                        .withChanges(List.of(new Report.Change("a", "pass", "fail", "2026-12-01T00:00:00Z")))),
                new Case("evidence this writer has no rule for (a date, an array, a map with number keys, an annotated record)",
                        JsonReporterTest::foreignEvidence));
    }

    @ParameterizedTest(name = "{0}: the same bytes as databind")
    @MethodSource("cases")
    void writesWhatDatabindWrote(Case c) throws Exception {
        Report r = c.report().get();
        assertEquals(databind(r), streamed(r));
    }

    @Test
    void writingAReportLoadsNoDatabindClassOfItsOwn() throws Exception {
        // JsonReporter names databind only in mapper() and the fallback, both behind ReportMapper.
        for (java.lang.reflect.Field f : JsonReporter.class.getDeclaredFields()) {
            assertFalse(f.getType().getName().startsWith("com.fasterxml.jackson.databind"), f.toString());
        }
        assertTrue(JsonReporter.plainRecord(dev.wscheck.probe.tls.TlsEvidence.class));
        assertFalse(JsonReporter.plainRecord(dev.wscheck.probe.Confirmation.class), "annotated: databind's rules apply");
        assertFalse(JsonReporter.plainRecord(Report.Confirmed.class));
    }

    static String databind(Report r) throws Exception {
        StringWriter w = new StringWriter();
        JsonReporter.mapper().writeValue(w, r);
        w.write(System.lineSeparator());
        return w.toString();
    }

    static String streamed(Report r) throws Exception {
        StringWriter w = new StringWriter();
        new JsonReporter().write(r, w);
        return w.toString();
    }

    private static Report readBack(Report r) {
        try {
            return ReportJson.parse(streamed(r), "saved.json");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Report foreignEvidence() {
        Report f = JsonReportSamples.full();
        Report.Requirement q = f.requirements().get(0);
        Report.Check c = q.checks().get(0);
        List<Object> evidences = List.of(java.time.Instant.parse("2026-12-02T09:00:00Z"), new int[] {1, 2, 3}, new byte[] {1, 2, 3},
                Map.of(7, "seven"), new Report.Thresholds(1, 2), 'c', java.util.Optional.of("present"),
                new Report.Confirmed(new Report.Thresholds(1, 2), null), new Report.Confirmed(Map.of("a", 1), "confirmation as text"));
        List<Report.Check> checks = evidences.stream().map(e -> new Report.Check(c.probe(), c.target(), c.address(), c.via(), c.role(), c.outcome(),
                c.status(), c.durationMs(), c.phases(), c.detail(), e)).toList();
        return f.with(f.host(), f.proxy(), f.findings(), List.of(new Report.Requirement(q.id(), q.category(), q.title(), q.protocol(), q.importance(),
                q.status(), q.note(), q.route(), checks, q.remediation(), false, null)), f.environment());
    }
}
