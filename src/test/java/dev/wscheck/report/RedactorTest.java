package dev.wscheck.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * --redact: a report carrying known personal values, rendered redacted in every available
 * format and both languages, contains none of them; AWS endpoint addresses stay; the JSON
 * stays valid and reads back.
 */
class RedactorTest {
    static final String HOST = "branch-pc-07";
    static final String USER = "tanaka.hiroshi";
    static final String DIRECTORY = "d-95671b2c4e";
    static final String PROXY_USER = "svc-proxy-ws";
    static final String PUBLIC = "203.0.113.99";
    static final List<String> SECRETS = List.of(HOST, USER, DIRECTORY, PROXY_USER, PUBLIC, "198.18.1.2", "fd00::1:2", "198.18.1.1", "s3cr3t-pw");

    /** The golden report with every personal value planted where a real run would put it. */
    static Report planted(Locale locale) {
        Report r = ReportGoldenTest.report(locale, false);
        Report.Host host = new Report.Host(r.host().os(), HOST, r.host().dnsServers(), List.of("198.18.1.2", "fd00::1:2"));
        Report.Proxy proxy = new Report.Proxy("explicit", "http://" + PROXY_USER + ":s3cr3t-pw@proxy.example:3128", "--proxy", null, PROXY_USER,
                List.of(new Report.Resolved("https://ws-broker-service.ap-northeast-1.amazonaws.com/ping", "http://proxy.example:3128", "--proxy")),
                List.of("authenticated as " + PROXY_USER + " from " + HOST), List.of());
        Environment e = ReportGoldenTest.ENVIRONMENT;
        Environment env = new Environment(e.os(), e.osVersion(), e.arch(), e.java(), e.wscheckVersion(), HOST, USER,
                List.of(new Environment.Interface("eth0", List.of("198.18.1.2", "fd00::1:2"))), "198.18.1.1", e.dnsServers(), e.dnsSource(),
                "http://proxy.example:3128", "explicit", e.vpn(), "5.22.1 (C:\\Users\\" + USER + "\\AppData\\Local\\Amazon WorkSpaces)", e.clock(), PUBLIC);
        List<Report.Requirement> reqs = new ArrayList<>();
        for (Report.Requirement q : r.requirements()) {
            List<Report.Check> checks = new ArrayList<>();
            for (Report.Check c : q.checks()) {
                String target = q.id().equals("directory-settings") ? "https://d32i4gd7pg4909.cloudfront.net/prod/ap-northeast-1/" + DIRECTORY : c.target();
                checks.add(new Report.Check(c.probe(), target, c.address(), c.via(), c.role(), c.outcome(), c.status(), c.durationMs(), c.phases(),
                        c.detail() + " (from " + HOST + " 198.18.1.2)", c.evidence()));
            }
            reqs.add(new Report.Requirement(q.id(), q.category(), q.title(), q.protocol(), q.importance(), q.status(), q.note(), q.route(), checks,
                    q.remediation(), q.filtered(), q.failStreak()));
        }
        return r.with(host, proxy, r.findings(), reqs, env);
    }

    record Case(ReportFormat format, Locale locale, boolean verbose) {
        @Override
        public String toString() {
            return format.id() + " in " + locale.getLanguage() + (verbose ? ", verbose" : "") + ": no personal value in the output";
        }
    }

    static Stream<Case> cases() {
        return Stream.of(ReportFormat.values()).filter(ReportFormat::available)
                .flatMap(f -> Stream.of(new Case(f, Locale.ENGLISH, false), new Case(f, Locale.JAPANESE, false), new Case(f, Locale.ENGLISH, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nothingPersonalInAnyFormat(Case c) throws Exception {
        Report planted = planted(c.locale());
        String before = render(c, planted);
        // Formats for machines (Prometheus series, the Nagios line) carry no personal field at all; every other format must show
        // the planted values before redaction, or this test would prove nothing about it.
        boolean machineFormat = c.format() == ReportFormat.PROMETHEUS || c.format().id().equals("nagios");
        assertTrue(machineFormat || before.contains(HOST) || before.contains(USER) || before.contains("198.18.1.2"),
                "the planted values are rendered unredacted");
        String out = render(c, Redactor.redact(planted, List.of(DIRECTORY)));
        for (String s : SECRETS) {
            assertFalse(out.contains(s), s + " survived redaction in " + c);
        }
        // The Nagios line names requirement ids and outcomes only, no endpoint.
        assertTrue(c.format().id().equals("nagios") || out.contains("drp-nrt.amazonworkspaces.com"), "endpoint names stay");
        if (c.format() == ReportFormat.JSON) {
            assertTrue(out.contains("198.18.2.10"), "AWS endpoint addresses stay");
            assertTrue(out.contains(Redactor.REDACTED));
            ReportJson.parse(out, "redacted.json");
        }
    }

    @ParameterizedTest(name = "a directory id is found without being told: {0}")
    @MethodSource("cases")
    void directoryIdShapeIsRedacted(Case c) throws Exception {
        String out = render(c, Redactor.redact(planted(c.locale()), List.of()));
        assertFalse(out.contains(DIRECTORY), out);
    }

    private static String render(Case c, Report r) throws Exception {
        StringWriter w = new StringWriter();
        Renderers.of(c.format(), new RenderOptions(false, c.verbose(), false, c.locale(), "Asia Pacific (Tokyo)")).write(r, w);
        return w.toString();
    }
}
