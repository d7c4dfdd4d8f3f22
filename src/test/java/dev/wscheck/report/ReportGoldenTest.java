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
import dev.wscheck.probe.tls.TlsEvidence;
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
                new Case("console report, Japanese", "check-tokyo.ja.console.txt", new ConsoleReporter(false, false, Locale.JAPANESE, "アジアパシフィック (東京)")),
                new Case("console report of an inspected network: the TLS finding said once", "check-tokyo-inspected.console.txt",
                        new ConsoleReporter(false, false, Locale.ENGLISH, "Asia Pacific (Tokyo)")),
                new Case("JSON report of an inspected network: findings.tlsInspection", "check-tokyo-inspected.json", new JsonReporter()),
                new Case("HTML report, English", "check-tokyo.html", new HtmlReporter(Locale.ENGLISH, "Asia Pacific (Tokyo)")),
                new Case("HTML report, Japanese", "check-tokyo.ja.html", new HtmlReporter(Locale.JAPANESE, "アジアパシフィック (東京)")),
                new Case("HTML report of an inspected network, English", "check-tokyo-inspected.html", new HtmlReporter(Locale.ENGLISH, "Asia Pacific (Tokyo)")),
                new Case("HTML report of an inspected network, Japanese", "check-tokyo-inspected.ja.html",
                        new HtmlReporter(Locale.JAPANESE, "アジアパシフィック (東京)")),
                new Case("Markdown report, English", "check-tokyo.md", new MarkdownReporter(Locale.ENGLISH, "Asia Pacific (Tokyo)")),
                new Case("Markdown report, Japanese", "check-tokyo.ja.md", new MarkdownReporter(Locale.JAPANESE, "アジアパシフィック (東京)")),
                new Case("Markdown report of an inspected network: the TLS finding said once", "check-tokyo-inspected.md",
                        new MarkdownReporter(Locale.ENGLISH, "Asia Pacific (Tokyo)")),
                new Case("Markdown report of an inspected network, Japanese", "check-tokyo-inspected.ja.md",
                        new MarkdownReporter(Locale.JAPANESE, "アジアパシフィック (東京)")),
                new Case("Markdown report of a PC whose clock is 7 minutes ahead: its own finding", "check-tokyo-clock.md",
                        new MarkdownReporter(Locale.ENGLISH, "Asia Pacific (Tokyo)")),
                new Case("console report of a PC whose clock is 7 minutes ahead, Japanese", "check-tokyo-clock.ja.console.txt",
                        new ConsoleReporter(false, false, Locale.JAPANESE, "アジアパシフィック (東京)")),
                new Case("JUnit XML report, English", "check-tokyo.junit.xml", new JunitReporter(Locale.ENGLISH)),
                new Case("JUnit XML report, Japanese", "check-tokyo.ja.junit.xml", new JunitReporter(Locale.JAPANESE)),
                new Case("JUnit XML report of an inspected network", "check-tokyo-inspected.junit.xml", new JunitReporter(Locale.ENGLISH)),
                new Case("JUnit XML report of an inspected network, Japanese", "check-tokyo-inspected.ja.junit.xml", new JunitReporter(Locale.JAPANESE)),
                new Case("JSON report read in Japanese: texts translated, codes and ids as written", "check-tokyo.ja.json", new JsonReporter()),
                new Case("JSON report of an inspected network, Japanese", "check-tokyo-inspected.ja.json", new JsonReporter()),
                new Case("console report, verbose, Japanese", "check-tokyo.ja.verbose.console.txt",
                        new ConsoleReporter(false, true, Locale.JAPANESE, "アジアパシフィック (東京)")),
                new Case("console report of an inspected network, Japanese", "check-tokyo-inspected.ja.console.txt",
                        new ConsoleReporter(false, false, Locale.JAPANESE, "アジアパシフィック (東京)")),
                new Case("Markdown report of a PC whose clock is 7 minutes ahead, Japanese", "check-tokyo-clock.ja.md",
                        new MarkdownReporter(Locale.JAPANESE, "アジアパシフィック (東京)")),
                new Case("Nagios line, English", "check-tokyo.nagios.txt", new NagiosReporter(Locale.ENGLISH)),
                new Case("Nagios line, Japanese: its few words translated, ids and codes as written", "check-tokyo.ja.nagios.txt",
                        new NagiosReporter(Locale.JAPANESE)),
                new Case("Nagios line of an inspected network", "check-tokyo-inspected.nagios.txt", new NagiosReporter(Locale.ENGLISH)),
                new Case("Nagios line of an inspected network, Japanese", "check-tokyo-inspected.ja.nagios.txt", new NagiosReporter(Locale.JAPANESE)));
    }

    /** Every HTTPS endpoint re-signed by an inspection box the PC trusts, one revocation URL silent. */
    static List<Wire> inspected(Plan plan) {
        List<Wire> wires = new java.util.ArrayList<>();
        for (var req : plan.requirements()) {
            if (req.def().probes().contains(ProbeKind.TLS) && req.skipReason().isEmpty() && !req.checks().isEmpty()) {
                String host = req.checks().get(0).spec().target().host();
                TlsEvidence e = new TlsEvidence("TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of("TLSv1.3", "TLSv1.2"),
                        List.of(new TlsEvidence.CertificateInfo("CN=" + host, "CN=Zscaler Intermediate Root CA", "1f", "2026-11-01T00:00:00Z",
                                "2027-01-30T00:00:00Z", "ab".repeat(32), List.of(host))),
                        "Zscaler Root CA (Zscaler Inc.)", "cd".repeat(32), List.of("--trust"), false, "", 62,
                        "Zscaler Root CA (Zscaler Inc.)", List.of(new TlsEvidence.RevocationEndpoint("ocsp", "http://ocsp.zscaler.example/", "unreachable", "no answer within 5000 ms")));
                wires.add(new Wire(req.id(), ProbeKind.TLS, Outcome.TLS_INTERCEPTED,
                        "direct => " + host + ":443: validates only through Zscaler Root CA (Zscaler Inc.), which is not a public root for AWS", e));
            }
        }
        return wires;
    }

    static Report bare(Locale locale, boolean inspected) {
        Catalog catalog = CatalogLoader.builtin();
        Plan plan = Planner.plan(catalog, "ap-northeast-1", List.of("pcoip", "dcv"), Optional.empty(), List.of(), List.of());
        RunResult run = inspected ? ScriptedRun.of(plan, inspected(plan)) : ScriptedRun.of(plan, List.of(
                new Wire("connectivity-check", ProbeKind.DNS, Outcome.DNS_NXDOMAIN,
                        "198.18.2.2:53 => connectivity.amazonworkspaces.com: NXDOMAIN", null),
                new Wire("pcoip-streaming-tcp", ProbeKind.TCP, Outcome.TCP_REFUSED,
                        "direct => drp-nrt.amazonworkspaces.com:4172: connection refused", null),
                new Wire("pcoip-streaming-udp", ProbeKind.UDP, Outcome.UDP_NO_REPLY,
                        "direct => drp-nrt.amazonworkspaces.com:4172: no reply to 3 datagrams within 5000 ms", null),
                new Wire("workspaces-api", ProbeKind.TLS, Outcome.TLS_INTERCEPTED,
                        "direct => workspaces.ap-northeast-1.amazonaws.com:443: validates only through 'CN=Zscaler Root CA', not an Amazon root", null),
                new Wire("dcv-latency", ProbeKind.LATENCY, Outcome.OK, "direct => drp-nrt.amazonworkspaces.com:4195: 10/10 samples",
                        new LatencyEvidence(10, 10, List.of(151.0, 150.5), 150.8, 150.5, 151.0, 0.5, 10, 151.0, 0, 152.0)),
                new Wire("pcoip-latency", ProbeKind.LATENCY, Outcome.OK, "direct => drp-nrt.amazonworkspaces.com:4172: 10/10 samples",
                        new LatencyEvidence(10, 10, List.of(151.0, 150.5), 150.8, 150.5, 151.0, 0.5, 10, 151.0, 0, 152.0))));
        List<RequirementVerdict> verdicts = Evaluator.evaluate(plan, run);
        return ReportBuilder.build(plan, run, verdicts, Remediation.forLocale(locale), false,
                new Report.Tool("wscheck", "0.0.0-test"),
                new Report.Host("Linux 6.1 (amd64)", "branch-pc-01", List.of("198.18.2.2"), List.of("198.18.1.2")),
                new Report.Proxy("none", null), new Report.CatalogRef("builtin", catalog.version(), null));
    }

    /** The recorded report with a fixed environment snapshot (every renderer shows it). */
    static Report report(Locale locale, boolean inspected) {
        Report b = bare(locale, inspected);
        return ReportTranslator.fromProbes(b.withContext(b.thresholds(), ENVIRONMENT), locale); // as check does
    }

    /**
     * {@code check} hands an English run's report to the renderers untranslated (ReportTranslator.fromProbes):
     * that is right only while translating the probes' English into English changes nothing.
     */
    @ParameterizedTest(name = "translating the English report into English changes nothing (inspected network: {0})")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void englishIntoEnglishIsTheSameReport(boolean inspected) {
        Report b = bare(Locale.ENGLISH, inspected);
        Report english = b.withContext(b.thresholds(), ENVIRONMENT);
        assertEquals(english, ReportTranslator.translate(english, Locale.ENGLISH));
    }

    static final Environment ENVIRONMENT = new Environment("Linux", "6.1.0-test", "amd64", "17.0.12 (Eclipse Adoptium)", "0.0.0-test",
            "branch-pc-01", "tanaka", List.of(new Environment.Interface("eth0", List.of("198.18.1.2", "fd00::1:2"))), "198.18.1.1",
            List.of("198.18.2.2"), "resolv.conf", null, "none", new Environment.Vpn(false, List.of()), "not installed",
            Environment.Clock.of(2300, 12), null,
            new Environment.Ipv6(false, true, "auto", false, List.of("ipv4"), "this PC has no global IPv6 address, so the client uses IPv4"));

    /** The Prometheus exposition has no text to translate: the Japanese report's series are the English golden's, byte for byte. */
    @ParameterizedTest(name = "Prometheus exposition of the Japanese report equals {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"check-tokyo.prom", "check-tokyo-inspected.prom"})
    void prometheusIsTheSameInJapanese(String file) throws IOException {
        StringWriter w = new StringWriter();
        new PrometheusReporter().write(report(Locale.JAPANESE, file.contains("inspected")), w);
        assertEquals(Files.readString(GOLDEN.resolve(file), StandardCharsets.UTF_8), w.toString().replace("\r\n", "\n"), "differs from " + file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGolden(Case c) throws IOException {
        Locale locale = c.file().contains(".ja.") ? Locale.JAPANESE : Locale.ENGLISH;
        StringWriter w = new StringWriter();
        Report r = report(locale, c.file().contains("inspected"));
        if (c.file().contains("-clock")) {
            Environment e = ENVIRONMENT;
            r = r.withContext(r.thresholds(), new Environment(e.os(), e.osVersion(), e.arch(), e.java(), e.wscheckVersion(), e.hostname(), e.user(),
                    e.interfaces(), e.defaultGateway(), e.dnsServers(), e.dnsSource(), e.proxy(), e.proxySource(), e.vpn(), e.workspacesClient(),
                    Environment.Clock.of(7 * 60_000 + 31_000, 9), e.publicAddress(), r.environment().ipv6()));
        }
        c.reporter().write(r, w);
        String actual = w.toString().replace("\r\n", "\n");
        Path file = GOLDEN.resolve(c.file());
        if (Boolean.getBoolean("wscheck.updateGolden") || !Files.exists(file)) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "differs from " + file);
    }
}
