package dev.wscheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.testing.Promtool;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract §8 on the golden Tokyo run (see ReportGoldenTest): the exposition text matches its
 * golden file, real promtool accepts it, and the series keep the contract's shape.
 */
class PrometheusReporterTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static String render(boolean inspected) throws IOException {
        StringWriter w = new StringWriter();
        new PrometheusReporter().write(ReportGoldenTest.report(Locale.ENGLISH, inspected), w);
        return w.toString();
    }

    static Stream<Object[]> goldens() {
        return Stream.of(new Object[] {"Tokyo run with failures, warnings and latency samples", "check-tokyo.prom", false},
                new Object[] {"Tokyo run behind TLS inspection", "check-tokyo-inspected.prom", true});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void matchesGolden(String name, String file, boolean inspected) throws IOException {
        String actual = render(inspected);
        Path golden = GOLDEN.resolve(file);
        if (Boolean.getBoolean("wscheck.updateGolden") || !Files.exists(golden)) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "differs from " + golden);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void promtoolAcceptsTheOutput(String name, String file, boolean inspected) throws Exception {
        Assumptions.assumeTrue(Promtool.find().isPresent(), Promtool.whyAbsent());
        Promtool.Result r = Promtool.checkMetrics(render(inspected));
        assertEquals(0, r.exit(), r.output());
        assertEquals("", r.output().trim(), "promtool has no lint complaints");
    }

    @Test
    void noSampleCarriesATimestamp() throws IOException {
        // name{labels} value, nothing after the value: the textfile collector rejects timestamps.
        Pattern sample = Pattern.compile("^[a-z_]+(\\{.*\\})? \\S+$");
        for (String line : render(false).split("\n")) {
            if (!line.startsWith("#")) {
                assertTrue(sample.matcher(line).matches(), "one name, labels and one value: " + line);
            }
        }
    }

    @Test
    void aCheckSharedByRequirementsIsOneSeries() throws IOException {
        // drp-nrt's DNS step is shared by six streaming requirements.
        List<String> dns = Arrays.stream(render(false).split("\n"))
                .filter(l -> l.startsWith("wscheck_check_success{probe=\"dns\",target=\"drp-nrt.amazonworkspaces.com\",via=\"direct\"}"))
                .toList();
        assertEquals(1, dns.size(), dns.toString());
    }

    @Test
    void aCheckReportsOnlyThePhasesItsProbeHas() throws IOException {
        String text = render(false);
        assertTrue(text.contains("wscheck_check_duration_seconds{probe=\"tcp\",target=\"drp-nrt.amazonworkspaces.com:4172\",via=\"direct\",phase=\"connect\"}"));
        assertFalse(text.contains("probe=\"tcp\",target=\"drp-nrt.amazonworkspaces.com:4172\",via=\"direct\",phase=\"tls\""), text);
        assertFalse(text.contains("probe=\"dns\",target=\"drp-nrt.amazonworkspaces.com\",via=\"direct\",phase=\"connect\""), text);
    }

    @Test
    void everyRequirementHasOneSeriesPerStatusWithExactlyOneSet() throws IOException {
        String text = render(false);
        List<String> broker = Arrays.stream(text.split("\n"))
                .filter(l -> l.startsWith("wscheck_requirement_status{region=\"ap-northeast-1\",requirement=\"pcoip-streaming-tcp\",")).toList();
        assertEquals(5, broker.size(), broker.toString());
        assertEquals(1, broker.stream().filter(l -> l.endsWith(" 1")).count());
        assertTrue(broker.contains("wscheck_requirement_status{region=\"ap-northeast-1\",requirement=\"pcoip-streaming-tcp\",protocol=\"pcoip\",status=\"fail\"} 1"));
        assertTrue(text.contains("wscheck_success{region=\"ap-northeast-1\"} 0\n"), "a failing run: WorkSpaces cannot work");
        assertTrue(text.contains("wscheck_status_code{region=\"ap-northeast-1\"} 2\n"));
    }

    @Test
    void latencySamplesAreASummary() throws IOException {
        String text = render(false);
        assertTrue(text.contains("# TYPE wscheck_rtt_seconds summary\n"));
        assertTrue(text.contains("wscheck_rtt_seconds{protocol=\"pcoip\",target=\"drp-nrt.amazonworkspaces.com:4172\",quantile=\"0.5\"} 0.1505\n"), text);
        assertTrue(text.contains("wscheck_rtt_seconds_count{protocol=\"pcoip\",target=\"drp-nrt.amazonworkspaces.com:4172\"} 2\n"), text);
    }

    @Test
    void labelValuesAreEscaped() {
        assertEquals("a\\\"b\\\\c\\nd", Exposition.escapeLabel("a\"b\\c\nd"));
        assertEquals("0.1505", Exposition.number(0.1505));
        assertEquals("3", Exposition.number(3.0));
        assertEquals("NaN", Exposition.number(Double.NaN));
    }
}
