package dev.wscheck.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * JUnit XML for CI servers and RMM tools (contract §6): one {@code <testcase name="ID">} per
 * requirement; {@code fail} → {@code <failure type="OUTCOME">}; {@code skip} and
 * {@code inconclusive} → {@code <skipped>}; {@code pass} and {@code warn} → neither, a warning
 * goes to the test case's {@code <system-out>}. Run-wide findings are said once, in the suite's
 * {@code <system-out>}. Written by hand: the shape is small and fixed, and the output must not
 * depend on an XML library's formatting.
 */
public final class JunitReporter implements Reporter {
    private final Texts t;

    public JunitReporter(Locale locale) {
        this.t = new Texts(locale);
    }

    @Override
    public void write(Report r, Writer out) throws IOException {
        Report.Counts n = r.counts();
        int tests = r.requirements().size();
        int skipped = n.skip() + n.inconclusive();
        String time = String.format(Locale.ROOT, "%.3f", r.durationMs() / 1000.0);
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<testsuites name=\"wscheck\" tests=\"").append(tests).append("\" failures=\"").append(n.fail()).append("\" errors=\"0\" skipped=\"")
                .append(skipped).append("\" time=\"").append(time).append("\">\n");
        b.append("  <testsuite name=\"wscheck ").append(attr(r.region())).append("\" tests=\"").append(tests).append("\" failures=\"").append(n.fail())
                .append("\" errors=\"0\" skipped=\"").append(skipped).append("\" time=\"").append(time).append("\" timestamp=\"")
                .append(attr(r.startedAt())).append("\">\n");
        b.append("    <properties>\n");
        property(b, "region", r.region());
        property(b, "protocols", String.join(",", r.protocols()));
        property(b, "status", r.status());
        property(b, "exitCode", Integer.toString(ReportFacts.exitCode(r.status())));
        property(b, "wscheck.version", r.tool().version());
        property(b, "catalog.version", r.catalog().version());
        b.append("    </properties>\n");
        for (Report.Requirement q : r.requirements()) {
            Report.Check c = ReportFacts.worstCheck(q).orElse(null);
            long ms = q.checks().stream().mapToLong(Report.Check::durationMs).max().orElse(0);
            b.append("    <testcase name=\"").append(attr(q.id())).append("\" classname=\"wscheck.").append(attr(q.category()))
                    .append("\" time=\"").append(String.format(Locale.ROOT, "%.3f", ms / 1000.0)).append("\"");
            if (q.status().equals("pass")) {
                b.append("/>\n");
                continue;
            }
            b.append(">\n");
            String body = body(r, q);
            switch (q.status()) {
                case "fail":
                    b.append("      <failure type=\"").append(attr(c == null ? "fail" : c.outcome())).append("\" message=\"")
                            .append(attr(c == null ? q.title() : c.target() + ": " + c.outcome())).append("\">").append(text(body)).append("</failure>\n");
                    break;
                case "skip":
                case "inconclusive":
                    b.append("      <skipped message=\"").append(attr(q.status().equals("skip") ? (q.note() == null ? "" : q.note())
                            : t.status("inconclusive") + (c == null ? "" : ": " + c.target() + " " + c.outcome()))).append("\"/>\n");
                    break;
                case "warn":
                    b.append("      <system-out>").append(text(t.status("warn") + " " + (c == null ? "" : c.target() + ": " + c.outcome()) + "\n" + body))
                            .append("</system-out>\n");
                    break;
                default:
                    break;
            }
            b.append("    </testcase>\n");
        }
        String findings = findings(r);
        if (!findings.isEmpty()) {
            b.append("    <system-out>").append(text(findings)).append("</system-out>\n");
        }
        b.append("  </testsuite>\n</testsuites>\n");
        out.write(b.toString());
        out.flush();
    }

    /** The failing checks' details, then the remediation; a remedy a finding already says points to it. */
    private String body(Report r, Report.Requirement q) {
        StringBuilder s = new StringBuilder();
        s.append(q.title()).append("\n");
        for (Report.Check c : q.checks()) {
            if (!c.status().equals("pass") && !c.status().equals("skip")) {
                s.append(c.probe()).append(" ").append(c.target()).append(": ").append(c.outcome()).append(" - ").append(c.detail()).append("\n");
            }
        }
        if (q.note() != null && !q.note().isEmpty()) {
            s.append(q.note()).append("\n");
        }
        ReportFacts.findingFor(r, q).ifPresent(k -> s.append("-> ").append(t.get("see." + k + ".suite")).append("\n"));
        for (Report.Remedy m : ReportFacts.ownRemedies(r, q)) {
            s.append("-> ").append(m.text()).append("\n");
        }
        return s.toString();
    }

    private String findings(Report r) {
        StringBuilder s = new StringBuilder();
        Report.Findings f = r.findings();
        if (f != null && f.tlsInspection() != null) {
            Report.TlsInspection tls = f.tlsInspection();
            s.append(t.get("finding.tls", "issuers", Texts.join(tls.issuers()), "affected", tls.affectedDomains().size())).append("\n");
            s.append(t.get("finding.tls.exempt")).append("\n");
            tls.exemptDomains().forEach(d -> s.append("  ").append(d).append("\n"));
        }
        if (f != null && f.proxyDenied() != null && !f.proxyDenied().isEmpty()) {
            s.append(t.get("finding.proxyDenied")).append("\n");
            f.proxyDenied().forEach(d -> s.append("  ").append(d).append("\n"));
        }
        if (f != null && f.revocationUnreachable() != null && !f.revocationUnreachable().isEmpty()) {
            s.append(t.get("finding.revocation")).append("\n");
            f.revocationUnreachable().forEach(d -> s.append("  ").append(d).append("\n"));
        }
        if (ReportFacts.clockSkewed(r)) {
            Environment.Clock c = r.environment().clock();
            s.append(t.get("finding.clock", "offset", t.offset(c.offsetMs()), "samples", c.samples())).append("\n");
        }
        if (s.length() > 0) {
            s.append(t.result(r)).append("\n");
        }
        return s.toString();
    }

    private static void property(StringBuilder b, String name, String value) {
        b.append("      <property name=\"").append(attr(name)).append("\" value=\"").append(attr(value == null ? "" : value)).append("\"/>\n");
    }

    /** Escapes an attribute value; characters XML 1.0 cannot carry become U+FFFD. */
    static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
    }

    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> b.append(ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r' ? '\uFFFD' : ch);
            }
        }
        return b.toString();
    }
}
