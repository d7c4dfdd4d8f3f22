package dev.wscheck.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wscheck.testing.Promtool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What docs/prometheus/ ships works: the alert rules pass their promtool unit tests, the scrape
 * configurations are valid Prometheus configuration, and the Grafana dashboard is JSON that
 * queries only series wscheck exports.
 */
class PrometheusDocsTest {
    static final Path DIR = Path.of("docs/prometheus");

    /** Every series name wscheck writes (contract §8, its additions and the exporter's health), plus Prometheus's own up. */
    static final Set<String> SERIES = Set.of("wscheck_success", "wscheck_status_code", "wscheck_requirement_status", "wscheck_check_success",
            "wscheck_check_outcome", "wscheck_check_duration_seconds", "wscheck_rtt_seconds", "wscheck_run_duration_seconds",
            "wscheck_run_timestamp_seconds", "wscheck_exporter_probes_total", "wscheck_exporter_probe_duration_seconds_bucket",
            "wscheck_exporter_probes_in_flight", "up");

    @Test
    void theAlertRulesPassTheirUnitTests() throws Exception {
        Assumptions.assumeTrue(Promtool.find().isPresent(), Promtool.whyAbsent());
        Promtool.Result check = Promtool.run(DIR, "check", "rules", "wscheck-rules.yml");
        assertEquals(0, check.exit(), check.output());
        Promtool.Result test = Promtool.run(DIR, "test", "rules", "wscheck-rules.test.yml");
        assertEquals(0, test.exit(), test.output());
        assertTrue(test.output().contains("SUCCESS"), test.output());
    }

    @ParameterizedTest(name = "{0} is a valid Prometheus configuration")
    @ValueSource(strings = {"prometheus.yml", "federation.yml"})
    void theScrapeConfigurationsAreValid(String file) throws Exception {
        Assumptions.assumeTrue(Promtool.find().isPresent(), Promtool.whyAbsent());
        Promtool.Result r = Promtool.run(DIR, "check", "config", file);
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void theDashboardQueriesOnlySeriesWscheckExports() throws Exception {
        JsonNode dash = new ObjectMapper().readTree(DIR.resolve("wscheck-dashboard.json").toFile());
        assertEquals("wscheck-offices", dash.path("uid").asText());
        List<String> exprs = new ArrayList<>();
        for (JsonNode p : dash.path("panels")) {
            for (JsonNode t : p.path("targets")) {
                exprs.add(t.path("expr").asText());
            }
        }
        assertTrue(exprs.size() >= 8, exprs.toString());
        Pattern name = Pattern.compile("\\b((?:wscheck|up)[a-z_]*)\\s*\\{");
        for (String e : exprs) {
            Matcher m = name.matcher(e);
            assertTrue(m.find(), "queries a series: " + e);
            do {
                assertTrue(SERIES.contains(m.group(1)), m.group(1) + " is not a series wscheck exports: " + e);
            } while (m.find());
        }
    }
}
