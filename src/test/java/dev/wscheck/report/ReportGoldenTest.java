package dev.wscheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.Planner;
import dev.wscheck.engine.RunResult;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.latency.LatencyEvidence;
import dev.wscheck.remediation.Remediation;
import dev.wscheck.testing.ScriptedRun;
import dev.wscheck.testing.ScriptedRun.Wire;
import dev.wscheck.verdict.Evaluator;
import dev.wscheck.verdict.RequirementVerdict;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for every output format of a check report: a deterministic Tokyo run with a
 * refused port, a silent UDP port, an NXDOMAIN name, TLS interception and high PCoIP latency.
 * Regenerate with {@code mvn test -Dtest=ReportGoldenTest -Dwscheck.updateGolden=true} and
 * review the diff.
 */
class ReportGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    record Case(String name, String file, Reporter reporter) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("JSON report", "check-tokyo.json", new JsonReporter()),
                new Case("console report, English, no colour", "check-tokyo.console.txt", new ConsoleReporter(false, false, Locale.ENGLISH, "Asia Pacific (Tokyo)")),
                new Case("console report, verbose", "check-tokyo.verbose.console.txt", new ConsoleReporter(false, true, Locale.ENGLISH, "Asia Pacific (Tokyo)")),
                new Case("console report, Japanese", "check-tokyo.ja.console.txt", new ConsoleReporter(false, false, Locale.JAPANESE, "Asia Pacific (Tokyo)")));
    }

    static Report report(Locale locale) {
        Catalog catalog = CatalogLoader.builtin();
        Plan plan = Planner.plan(catalog, "ap-northeast-1", List.of("pcoip", "dcv"), Optional.empty(), List.of(), List.of());
        RunResult run = ScriptedRun.of(plan, List.of(
                new Wire("connectivity-check", ProbeKind.DNS, Outcome.DNS_NXDOMAIN,
                        "198.18.2.2:53 => connectivity.amazonworkspaces.com: NXDOMAIN", null),
                new Wire("pcoip-streaming-tcp", ProbeKind.TCP, Outcome.TCP_REFUSED,
                        "direct => drp-nrt.amazonworkspaces.com:4172: connection refused", null),
                new Wire("pcoip-streaming-udp", ProbeKind.UDP, Outcome.UDP_NO_REPLY,
                        "direct => drp-nrt.amazonworkspaces.com:4172: no reply to 3 datagrams within 5000 ms", null),
                new Wire("workspaces-api", ProbeKind.TLS, Outcome.TLS_INTERCEPTED,
                        "direct => workspaces.ap-northeast-1.amazonaws.com:443: validates only through 'CN=Zscaler Root CA', not an Amazon root", null),
                new Wire("dcv-latency", ProbeKind.LATENCY, Outcome.OK, "direct => drp-nrt.amazonworkspaces.com:4195: 10/10 samples",
                        new LatencyEvidence(10, 10, List.of(151.0, 150.5), 150.8, 150.5, 151.0, 0.5, 10)),
                new Wire("pcoip-latency", ProbeKind.LATENCY, Outcome.OK, "direct => drp-nrt.amazonworkspaces.com:4172: 10/10 samples",
                        new LatencyEvidence(10, 10, List.of(151.0, 150.5), 150.8, 150.5, 151.0, 0.5, 10))));
        List<RequirementVerdict> verdicts = Evaluator.evaluate(plan, run);
        return ReportBuilder.build(plan, run, verdicts, Remediation.forLocale(locale), false,
                new Report.Tool("wscheck", "0.0.0-test"),
                new Report.Host("Linux 6.1 (amd64)", "branch-pc-01", List.of("198.18.2.2"), List.of("198.18.1.2")),
                new Report.Proxy("none", null), new Report.CatalogRef("builtin", catalog.version(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGolden(Case c) throws IOException {
        Locale locale = c.file().contains(".ja.") ? Locale.JAPANESE : Locale.ENGLISH;
        StringWriter w = new StringWriter();
        c.reporter().write(report(locale), w);
        String actual = w.toString().replace("\r\n", "\n");
        Path file = GOLDEN.resolve(c.file());
        if (Boolean.getBoolean("wscheck.updateGolden") || !Files.exists(file)) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "differs from " + file);
    }
}
