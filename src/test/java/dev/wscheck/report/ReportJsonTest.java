package dev.wscheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.WscheckException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A saved JSON report read back renders exactly as the live report did, in every format and language. */
class ReportJsonTest {

    record Case(String name, ReportFormat format, Locale locale, boolean inspected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(ReportFormat.values()).filter(ReportFormat::available).flatMap(f -> Stream.of(Locale.ENGLISH, Locale.JAPANESE)
                .flatMap(l -> Stream.of(false, true).map(i -> new Case(f.id() + ", " + l.getLanguage() + (i ? ", inspected network" : "")
                        + ": the saved JSON renders as the live report", f, l, i))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void roundTrips(Case c) throws Exception {
        Report live = ReportGoldenTest.report(c.locale(), c.inspected());
        StringWriter json = new StringWriter();
        new JsonReporter().write(live, json);
        Report back = ReportJson.parse(json.toString(), "saved.json");
        RenderOptions o = RenderOptions.plain(c.locale(), "Asia Pacific (Tokyo)");
        assertEquals(render(c.format(), o, live), render(c.format(), o, back));
    }

    static String render(ReportFormat f, RenderOptions o, Report r) throws Exception {
        StringWriter w = new StringWriter();
        Renderers.of(f, o).write(r, w);
        return w.toString();
    }

    record Bad(String name, String json, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> bad() {
        return Stream.of(
                new Bad("not JSON at all", "hello", "not a wscheck JSON report at line 1"),
                new Bad("an empty file", "", "empty file"),
                new Bad("JSON of something else", "{\"name\": \"x\"}", "schemaVersion 0 is not supported"),
                new Bad("a newer schema", "{\"schemaVersion\": 2}", "schemaVersion 2 is not supported"),
                new Bad("a report without requirements", "{\"schemaVersion\": 1, \"tool\": {\"name\": \"wscheck\", \"version\": \"1\"}, \"region\": \"x\","
                        + " \"status\": \"pass\", \"counts\": {}, \"host\": {}, \"catalog\": {}, \"protocols\": []}", "\"requirements\" is missing"),
                new Bad("a truncated file", "{\"schemaVersion\": 1, \"tool\": {", "at line 1"));
    }

    @ParameterizedTest(name = "{0}: one line naming the file")
    @MethodSource("bad")
    void malformed(Bad b) {
        WscheckException e = assertThrows(WscheckException.class, () -> ReportJson.parse(b.json(), "saved.json"));
        assertTrue(e.getMessage().startsWith("report saved.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(b.message()), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }
}
