package dev.wscheck.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * A report to paste into a ticket or a chat (contract §6): the answer per protocol, what to fix
 * first, the run-wide findings once, then one table row per requirement with its status, the
 * outcome and target of its worst check (its first check when all pass) and its remediation.
 * GitHub-flavoured Markdown; a pipe inside a cell is escaped.
 */
public final class MarkdownReporter implements Reporter {
    private final Texts t;
    private final String regionName;

    public MarkdownReporter(Locale locale, String regionName) {
        this.t = new Texts(locale);
        this.regionName = regionName;
    }

    @Override
    public void write(Report r, Writer out) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(t.get("title")).append("\n\n");
        b.append(t.subtitle(r, regionName)).append("\n\n");
        b.append("**").append(t.result(r)).append("**\n\n");
        if (Boolean.TRUE.equals(r.interrupted())) {
            b.append("> ").append(t.get("interrupted")).append("\n\n");
        }
        b.append("| ").append(t.get("answer.title")).append(" | |\n|---|---|\n");
        for (ReportFacts.Answer a : ReportFacts.answers(r)) {
            String text = t.answerText(a);
            b.append("| ").append(cell(t.answerLabel(a))).append(" | ").append(a.status().equals("fail") ? "**" + cell(text) + "**" : cell(text)).append(" |\n");
        }
        b.append("\n## ").append(t.get("fix.title")).append("\n\n");
        var fixes = ReportFacts.fixFirst(r);
        if (fixes.isEmpty()) {
            b.append(t.get("fix.none")).append("\n");
        }
        for (int i = 0; i < fixes.size(); i++) {
            b.append(i + 1).append(". ").append(t.fix(r, fixes.get(i))).append("\n");
        }
        findings(r, b);
        b.append("\n## ").append(t.get("requirements.title")).append("\n\n");
        b.append("| ").append(t.get("col.requirement")).append(" | ").append(t.get("col.status")).append(" | ").append(t.get("col.outcome"))
                .append(" | ").append(t.get("col.target")).append(" | ").append(t.get("col.remediation")).append(" |\n");
        b.append("|---|---|---|---|---|\n");
        for (Report.Requirement q : r.requirements()) {
            Report.Check c = ReportFacts.worstCheck(q).orElse(null);
            StringBuilder rem = new StringBuilder();
            if (ReportFacts.problem(q)) {
                ReportFacts.findingFor(r, q).ifPresent(k -> rem.append(t.get("see." + k)));
                for (Report.Remedy m : ReportFacts.ownRemedies(r, q)) {
                    rem.append(rem.length() == 0 ? "" : "<br>").append(m.text());
                }
                if (rem.length() == 0 && q.note() != null && !q.note().isEmpty()) {
                    rem.append(q.note());
                }
            } else if (q.status().equals("skip") && q.note() != null) {
                rem.append(q.note());
            }
            b.append("| `").append(q.id()).append("` | ").append(q.status().equals("fail") ? "**" + t.status(q.status()) + "**" : t.status(q.status()))
                    .append(" | ").append(c == null ? "" : "`" + c.outcome() + "`")
                    .append(" | ").append(c == null ? "" : "`" + cell(c.target()) + "`")
                    .append(" | ").append(cell(rem.toString())).append(" |\n");
        }
        environment(r, b);
        out.write(b.toString());
        out.flush();
    }

    private void findings(Report r, StringBuilder b) {
        Report.Findings f = r.findings();
        boolean proxyConfig = r.proxy() != null && r.proxy().findings() != null && !r.proxy().findings().isEmpty();
        if (f == null && !proxyConfig && !ReportFacts.clockSkewed(r)) {
            return;
        }
        b.append("\n## ").append(t.get("findings.title")).append("\n");
        if (f != null && f.tlsInspection() != null) {
            Report.TlsInspection tls = f.tlsInspection();
            b.append("\n**").append(t.get("finding.tls", "issuers", Texts.join(tls.issuers()), "affected", tls.affectedDomains().size())).append("**\n\n");
            b.append(t.get("finding.tls.affected")).append(" ").append(code(tls.affectedDomains())).append("\n\n");
            b.append(t.get("finding.tls.exempt")).append("\n\n```\n").append(String.join("\n", tls.exemptDomains())).append("\n```\n");
        }
        if (f != null && f.proxyDenied() != null && !f.proxyDenied().isEmpty()) {
            b.append("\n**").append(t.get("finding.proxyDenied")).append("** ").append(code(f.proxyDenied())).append("\n");
        }
        if (f != null && f.revocationUnreachable() != null && !f.revocationUnreachable().isEmpty()) {
            b.append("\n").append(t.get("finding.revocation")).append(" ").append(code(f.revocationUnreachable())).append("\n");
        }
        if (ReportFacts.clockSkewed(r)) {
            Environment.Clock c = r.environment().clock();
            b.append("\n**").append(t.get("finding.clock", "offset", t.offset(c.offsetMs()), "samples", c.samples())).append("**\n");
        }
        if (proxyConfig) {
            b.append("\n").append(t.get("finding.proxyConfig")).append("\n\n");
            for (String s : r.proxy().findings()) {
                b.append("- ").append(s).append("\n");
            }
        }
    }

    private void environment(Report r, StringBuilder b) {
        b.append("\n## ").append(t.get("env.title")).append("\n\n");
        for (String[] row : EnvironmentRows.of(r, t)) {
            b.append("- ").append(row[0]).append(": ").append(row[1]).append("\n");
        }
    }

    private static String code(java.util.List<String> xs) {
        return String.join(", ", xs.stream().map(x -> "`" + x + "`").toList());
    }

    /** A table cell: no line breaks, pipes escaped. */
    static String cell(String s) {
        return s == null ? "" : s.replace("\r", "").replace("\n", " ").replace("|", "\\|");
    }
}
