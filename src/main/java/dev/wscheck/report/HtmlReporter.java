package dev.wscheck.report;

import dev.wscheck.probe.latency.LatencyEvidence;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One self-contained HTML file for a ticket (contract §6): inline CSS and inline SVG only, no
 * script, no link, no image, no url(): nothing is loaded from anywhere, and it reads the same
 * with JavaScript off, on a phone (the tables scroll sideways, the SVGs scale) and printed on A4.
 * From the top: the answer per protocol and the one or two things to fix first; the path from
 * this PC to AWS with where it breaks; run-wide findings said once; the requirements table;
 * round-trip time per endpoint against the protocol's bands; the proxy; the environment.
 */
public final class HtmlReporter implements Reporter {
    private final Texts t;
    private final Locale locale;
    private final String regionName;

    public HtmlReporter(Locale locale, String regionName) {
        this.t = new Texts(locale);
        this.locale = locale;
        this.regionName = regionName;
    }

    static final String CSS = String.join("\n",
            "*{box-sizing:border-box}",
            "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI','Hiragino Sans','Yu Gothic UI','Noto Sans CJK JP',sans-serif;color:#1b1f24;background:#fff;margin:0 auto;max-width:1100px;padding:16px}",
            "h1{font-size:1.5em;margin:0 0 4px}h2{font-size:1.15em;margin:28px 0 8px;border-bottom:2px solid #d0d7de;padding-bottom:4px}",
            ".sub{color:#57606a;margin:0 0 12px}.result{font-weight:600;margin:8px 0 16px}",
            ".answer{width:100%;border-collapse:collapse;margin:8px 0}.answer td{padding:8px 10px;border:1px solid #d0d7de;font-size:1.05em}",
            ".answer td:first-child{width:45%}",
            ".s{display:inline-block;min-width:4.2em;text-align:center;padding:1px 6px;border-radius:4px;font-weight:700;font-size:.85em;color:#fff}",
            ".s-pass{background:#1a7f37}.s-warn{background:#9a6700}.s-fail{background:#cf222e}.s-inconclusive{background:#8250df}.s-skip{background:#6e7781}",
            ".v-fail{color:#cf222e;font-weight:700}.v-warn{color:#9a6700;font-weight:700}.v-pass{color:#1a7f37;font-weight:700}.v-inconclusive{color:#8250df;font-weight:700}",
            ".fix{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:8px 12px 8px 32px}.fix li{margin:4px 0}",
            ".finding{border-left:4px solid #cf222e;padding:4px 12px;margin:10px 0;background:#ffebe9}.finding.w{border-color:#9a6700;background:#fff8c5}",
            ".wrap{overflow-x:auto}table.req{border-collapse:collapse;width:100%;font-size:.9em}",
            "table.req th,table.req td{border:1px solid #d0d7de;padding:4px 6px;vertical-align:top;text-align:left}table.req th{background:#f6f8fa}",
            "table.req td:nth-child(4){min-width:13em}table.req td:nth-child(2),table.req td:nth-child(5){white-space:nowrap}",
            "code,.mono{font-family:ui-monospace,SFMono-Regular,Consolas,'Liberation Mono',monospace;font-size:.9em;overflow-wrap:anywhere}",
            "ul.cols{columns:2 22em;margin:4px 0;padding-left:20px}",
            "svg{max-width:100%;height:auto;display:block}.chart{margin:6px 0 14px}",
            "dl.env{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0}dl.env dt{color:#57606a}dl.env dd{margin:0;overflow-wrap:anywhere}",
            "details summary{cursor:pointer;color:#57606a}",
            "@media (max-width:600px){body{padding:8px;font-size:14px}.answer td{display:block;width:auto!important;border-bottom:none}",
            ".answer tr td:last-child{border-bottom:1px solid #d0d7de;margin-bottom:6px}dl.env{grid-template-columns:1fr}dl.env dd{margin-bottom:6px}}",
            "@page{size:A4;margin:14mm}",
            "@media print{body{max-width:none;padding:0;font-size:10pt}h2{break-after:avoid}tr,.finding,.chart{break-inside:avoid}",
            ".wrap{overflow:visible}details>*{display:block}.s{-webkit-print-color-adjust:exact;print-color-adjust:exact}}");

    @Override
    public void write(Report r, Writer out) throws IOException {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"").append(locale.getLanguage().equals("ja") ? "ja" : "en").append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(e(t.get("title") + " - " + r.region() + " - " + t.status(r.status()))).append("</title>\n")
                .append("<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n");
        b.append("<header>\n<h1>").append(e(t.get("title"))).append("</h1>\n<p class=\"sub\">").append(e(t.subtitle(r, regionName))).append("</p>\n</header>\n");
        if (Boolean.TRUE.equals(r.interrupted())) {
            b.append("<p class=\"finding w\">").append(e(t.get("interrupted"))).append("</p>\n");
        }
        answer(r, b);
        fixFirst(r, b);
        path(r, b);
        findings(r, b);
        requirements(r, b);
        latency(r, b);
        proxy(r, b);
        b.append("<h2 id=\"environment\">").append(e(t.get("env.title"))).append("</h2>\n<dl class=\"env\">\n");
        for (String[] row : EnvironmentRows.of(r, t)) {
            b.append("<dt>").append(e(row[0])).append("</dt><dd>").append(e(row[1])).append("</dd>\n");
        }
        b.append("</dl>\n</body>\n</html>\n");
        out.write(b.toString());
        out.flush();
    }

    private void answer(Report r, StringBuilder b) {
        b.append("<section id=\"answer\">\n<h2>").append(e(t.get("answer.title"))).append("</h2>\n<table class=\"answer\">\n");
        for (ReportFacts.Answer a : ReportFacts.answers(r)) {
            b.append("<tr><td>").append(e(t.answerLabel(a))).append("</td><td class=\"v-").append(a.status()).append("\">")
                    .append(e(t.answerText(a))).append("</td></tr>\n");
        }
        b.append("</table>\n<p class=\"result\">").append(badge(r.status())).append(" ").append(e(t.result(r))).append("</p>\n</section>\n");
    }

    private void fixFirst(Report r, StringBuilder b) {
        b.append("<section id=\"fix\">\n<h2>").append(e(t.get("fix.title"))).append("</h2>\n");
        List<ReportFacts.Fix> fixes = ReportFacts.fixFirst(r);
        if (fixes.isEmpty()) {
            b.append("<p>").append(e(t.get("fix.none"))).append("</p>\n</section>\n");
            return;
        }
        b.append("<ol class=\"fix\">\n");
        for (ReportFacts.Fix f : fixes) {
            b.append("<li>").append(e(t.fix(r, f))).append("</li>\n");
        }
        b.append("</ol>\n</section>\n");
    }

    /** Which node of the path a failing outcome points at: 0 this PC, 1 proxy/firewall (and DNS), 2 the internet, 3 AWS. */
    static int node(String outcome) {
        if (outcome.equals("tls-expired")) {
            return 0;
        }
        if (outcome.startsWith("latency-") || outcome.equals("loss-high") || outcome.equals("jitter-high")) {
            return 2;
        }
        if (outcome.equals("http-unexpected-status") || outcome.equals("error") || outcome.equals("deadline-exceeded")) {
            return 3;
        }
        return 1;
    }

    private void path(Report r, StringBuilder b) {
        List<Set<String>> at = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            at.add(new LinkedHashSet<>());
        }
        int[] worst = new int[4];
        for (Report.Requirement q : r.requirements()) {
            for (Report.Check c : q.checks()) {
                if (c.role() != null || c.status().equals("pass") || c.status().equals("skip")) {
                    continue;
                }
                int n = node(c.outcome());
                at.get(n).add(c.outcome());
                worst[n] = Math.max(worst[n], ReportFacts.rank(c.status()));
            }
        }
        if (ReportFacts.clockSkewed(r)) {
            at.get(0).add("clock");
            worst[0] = ReportFacts.rank("fail");
        }
        String[] names = {t.get("path.pc"), t.get("path.edge"), t.get("path.internet"), t.get("path.aws", "region", "")};
        b.append("<section id=\"path\">\n<h2>").append(e(t.get("path.title"))).append("</h2>\n");
        b.append("<svg viewBox=\"0 0 880 150\" role=\"img\" aria-label=\"").append(e(t.get("path.title"))).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        for (int i = 0; i < 4; i++) {
            int x = 10 + i * 220;
            String stroke = worst[i] >= ReportFacts.rank("fail") ? "#cf222e" : worst[i] >= ReportFacts.rank("inconclusive") ? "#9a6700" : "#1a7f37";
            String fill = worst[i] >= ReportFacts.rank("fail") ? "#ffebe9" : worst[i] >= ReportFacts.rank("inconclusive") ? "#fff8c5" : "#dafbe1";
            if (i < 3) {
                b.append("<line x1=\"").append(x + 170).append("\" y1=\"45\" x2=\"").append(x + 220).append("\" y2=\"45\" stroke=\"#57606a\" stroke-width=\"3\"/>")
                        .append("<polygon points=\"").append(x + 220).append(",45 ").append(x + 210).append(",39 ").append(x + 210).append(",51\" fill=\"#57606a\"/>\n");
            }
            b.append("<rect x=\"").append(x).append("\" y=\"15\" width=\"170\" height=\"60\" rx=\"8\" fill=\"").append(fill).append("\" stroke=\"").append(stroke)
                    .append("\" stroke-width=\"").append(worst[i] >= ReportFacts.rank("inconclusive") ? 4 : 2).append("\"/>\n");
            b.append("<text x=\"").append(x + 85).append("\" y=\"").append(i == 3 ? 40 : 50).append("\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"600\" fill=\"#1b1f24\">")
                    .append(e(names[i].trim())).append("</text>\n");
            if (i == 3) {
                b.append("<text x=\"").append(x + 85).append("\" y=\"62\" text-anchor=\"middle\" font-size=\"13\" fill=\"#1b1f24\">").append(e(r.region())).append("</text>\n");
            }
            if (worst[i] >= ReportFacts.rank("inconclusive")) {
                b.append("<text x=\"").append(x + 160).append("\" y=\"32\" text-anchor=\"middle\" font-size=\"20\" font-weight=\"700\" fill=\"").append(stroke)
                        .append("\">").append(worst[i] >= ReportFacts.rank("fail") ? "&#x2716;" : "!").append("</text>\n");
                int line = 0;
                for (String o : at.get(i)) {
                    if (line == 3) {
                        b.append("<text x=\"").append(x + 85).append("\" y=\"").append(96 + line * 16).append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"")
                                .append(stroke).append("\">…</text>\n");
                        break;
                    }
                    b.append("<text x=\"").append(x + 85).append("\" y=\"").append(96 + line * 16).append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"")
                            .append(stroke).append("\">").append(e(o)).append("</text>\n");
                    line++;
                }
            }
        }
        b.append("</svg>\n");
        int first = -1;
        for (int i = 0; i < 4 && first < 0; i++) {
            if (worst[i] >= ReportFacts.rank("inconclusive")) {
                first = i;
            }
        }
        b.append("<p>").append(e(first < 0 ? t.get("path.ok") : t.get("path.breaks", "node", first == 3 ? t.get("path.aws", "region", r.region()) : names[first], "outcomes", String.join(", ", at.get(first)))))
                .append("</p>\n</section>\n");
    }

    private void findings(Report r, StringBuilder b) {
        Report.Findings f = r.findings();
        boolean clock = ReportFacts.clockSkewed(r);
        if (f == null && !clock) {
            return;
        }
        b.append("<section id=\"findings\">\n<h2>").append(e(t.get("findings.title"))).append("</h2>\n");
        if (f != null && f.tlsInspection() != null) {
            Report.TlsInspection tls = f.tlsInspection();
            b.append("<div class=\"finding\" id=\"finding-tls\">\n<p><strong>")
                    .append(e(t.get("finding.tls", "issuers", Texts.join(tls.issuers()), "affected", tls.affectedDomains().size()))).append("</strong></p>\n");
            b.append("<p>").append(e(t.get("finding.tls.affected"))).append("</p>\n").append(list(tls.affectedDomains()));
            b.append("<p>").append(e(t.get("finding.tls.exempt"))).append("</p>\n").append(list(tls.exemptDomains())).append("</div>\n");
        }
        if (f != null && f.proxyDenied() != null && !f.proxyDenied().isEmpty()) {
            b.append("<div class=\"finding\" id=\"finding-proxyDenied\">\n<p><strong>").append(e(t.get("finding.proxyDenied"))).append("</strong></p>\n")
                    .append(list(f.proxyDenied())).append("</div>\n");
        }
        if (f != null && f.revocationUnreachable() != null && !f.revocationUnreachable().isEmpty()) {
            b.append("<div class=\"finding w\">\n<p>").append(e(t.get("finding.revocation"))).append("</p>\n").append(list(f.revocationUnreachable())).append("</div>\n");
        }
        if (clock) {
            Environment.Clock c = r.environment().clock();
            b.append("<div class=\"finding\" id=\"finding-clock\"><p><strong>")
                    .append(e(t.get("finding.clock", "offset", t.offset(c.offsetMs()), "samples", c.samples()))).append("</strong></p></div>\n");
        }
        b.append("</section>\n");
    }

    private void requirements(Report r, StringBuilder b) {
        b.append("<section id=\"requirements\">\n<h2>").append(e(t.get("requirements.title"))).append("</h2>\n<div class=\"wrap\">\n<table class=\"req\">\n<thead><tr>");
        for (String col : List.of("col.requirement", "col.status", "col.outcome", "col.target", "col.route", "col.remediation")) {
            b.append("<th>").append(e(t.get(col))).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (Report.Requirement q : r.requirements()) {
            Report.Check c = ReportFacts.worstCheck(q).orElse(null);
            b.append("<tr id=\"req-").append(e(q.id())).append("\"><td><code>").append(e(q.id())).append("</code><br>").append(e(q.title())).append("</td>")
                    .append("<td>").append(badge(q.status())).append("</td>")
                    .append("<td>").append(c == null ? "" : "<code>" + e(c.outcome()) + "</code>").append("</td>")
                    .append("<td>").append(c == null ? "" : "<code>" + e(c.target()) + "</code>").append("</td>")
                    .append("<td>").append(e(t.route(q, c))).append("</td><td>");
            if (ReportFacts.problem(q)) {
                ReportFacts.findingFor(r, q).ifPresent(k -> b.append("<a href=\"#finding-").append(k).append("\">").append(e(t.get("see." + k))).append("</a>"));
                for (Report.Remedy m : ReportFacts.ownRemedies(r, q)) {
                    b.append("<p>").append(e(m.text())).append("</p>");
                }
                List<Report.Check> bad = q.checks().stream().filter(x -> !x.status().equals("pass") && !x.status().equals("skip")).toList();
                if (!bad.isEmpty() || (q.note() != null && !q.note().isEmpty())) {
                    b.append("<details><summary>").append(e(t.get("more"))).append("</summary>");
                    if (q.note() != null && !q.note().isEmpty()) {
                        b.append("<p>").append(e(q.note())).append("</p>");
                    }
                    for (Report.Check x : bad) {
                        b.append("<p class=\"mono\">").append(e(x.probe() + " " + x.target() + " " + x.outcome() + ": " + x.detail()));
                        ReportFacts.significantCpuWaitMs(x).ifPresent(w -> b.append(" ").append(e(t.get("cpu.wait", "ms", x.durationMs(), "wait", w))));
                        b.append("</p>");
                    }
                    b.append("</details>");
                }
            } else if (q.note() != null && !q.note().isEmpty()) {
                b.append(e(q.note()));
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    private void latency(Report r, StringBuilder b) {
        b.append("<section id=\"latency\">\n<h2>").append(e(t.get("latency.title"))).append("</h2>\n");
        int charts = 0;
        for (Report.Requirement q : r.requirements()) {
            for (Report.Check c : q.checks()) {
                if (!c.probe().equals("latency") || c.role() != null) {
                    continue;
                }
                LatencyEvidence ev = latencyEvidence(c.probeEvidence());
                if (ev == null || ev.received() == 0) {
                    continue;
                }
                charts++;
                chart(b, c, q.protocol(), ev, r.thresholds() == null ? null : r.thresholds().get(q.protocol()));
            }
        }
        if (charts == 0) {
            b.append("<p>").append(e(t.get("latency.none"))).append("</p>\n");
        }
        b.append("</section>\n");
    }

    /** The evidence as rendered from a live run (a record) or as parsed back from a saved JSON report (a map). */
    static LatencyEvidence latencyEvidence(Object evidence) {
        if (evidence instanceof LatencyEvidence l) {
            return l;
        }
        if (evidence instanceof Map<?, ?> m && m.get("samplesMs") instanceof List<?> samples) {
            List<Double> xs = samples.stream().map(x -> ((Number) x).doubleValue()).toList();
            return new LatencyEvidence(num(m.get("sent")).intValue(), num(m.get("received")).intValue(), xs, num(m.get("medianMs")).doubleValue(),
                    num(m.get("minMs")).doubleValue(), num(m.get("maxMs")).doubleValue(), num(m.get("jitterMs")).doubleValue(), num(m.get("planned")).intValue(),
                    num(m.get("p95Ms")).doubleValue(), num(m.get("lossPct")).doubleValue(), num(m.get("warmupMs")).doubleValue(),
                    num(m.get("busyRetakes")).intValue());
        }
        return null;
    }

    private static Number num(Object o) {
        return o instanceof Number n ? n : 0;
    }

    private void chart(StringBuilder b, Report.Check c, String protocol, LatencyEvidence ev, Report.Thresholds th) {
        double max = ev.maxMs();
        if (th != null) {
            max = Math.max(max, th.criticalMs() * 1.25);
        }
        max = Math.max(10, Math.ceil(max * 1.1 / 10) * 10);
        int w = 840;
        int left = 20;
        double scale = w / max;
        b.append("<figure class=\"chart\">\n<svg viewBox=\"0 0 880 86\" role=\"img\" aria-label=\"").append(e(c.target())).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        if (th != null) {
            band(b, left, 0, th.highMs() * scale, "#dafbe1");
            band(b, left, th.highMs() * scale, (th.criticalMs() - th.highMs()) * scale, "#fff8c5");
            band(b, left, th.criticalMs() * scale, (max - th.criticalMs()) * scale, "#ffebe9");
            tick(b, left + th.highMs() * scale, th.highMs() + " ms", "#9a6700");
            tick(b, left + th.criticalMs() * scale, th.criticalMs() + " ms", "#cf222e");
        } else {
            band(b, left, 0, w, "#f6f8fa");
        }
        b.append("<text x=\"").append(left).append("\" y=\"80\" font-size=\"11\" fill=\"#57606a\">0</text>")
                .append("<text x=\"").append(left + w).append("\" y=\"80\" font-size=\"11\" text-anchor=\"end\" fill=\"#57606a\">").append(fmt(max)).append(" ms</text>\n");
        for (double s : ev.samplesMs()) {
            b.append("<circle cx=\"").append(fmt(left + s * scale)).append("\" cy=\"38\" r=\"4\" fill=\"#0969da\" fill-opacity=\"0.6\"/>");
        }
        b.append("\n<line x1=\"").append(fmt(left + ev.medianMs() * scale)).append("\" y1=\"18\" x2=\"").append(fmt(left + ev.medianMs() * scale))
                .append("\" y2=\"58\" stroke=\"#1b1f24\" stroke-width=\"3\"/>\n</svg>\n<figcaption>")
                .append(e(t.get("latency.caption", "target", c.target(), "protocol", ReportFacts.protocolName(protocol), "median", fmt(ev.medianMs()),
                        "min", fmt(ev.minMs()), "max", fmt(ev.maxMs()), "received", ev.received(), "sent", ev.sent())));
        if (th != null) {
            b.append("<br>").append(e(t.get("latency.bands", "high", th.highMs(), "critical", th.criticalMs())));
        }
        b.append(" ").append(badge(c.status())).append(" <code>").append(e(c.outcome())).append("</code></figcaption>\n</figure>\n");
    }

    private static void band(StringBuilder b, double x, double from, double width, String fill) {
        b.append("<rect x=\"").append(fmt(x + from)).append("\" y=\"18\" width=\"").append(fmt(Math.max(0, width))).append("\" height=\"40\" fill=\"")
                .append(fill).append("\"/>");
    }

    private static void tick(StringBuilder b, double x, String label, String color) {
        b.append("<line x1=\"").append(fmt(x)).append("\" y1=\"12\" x2=\"").append(fmt(x)).append("\" y2=\"64\" stroke=\"").append(color)
                .append("\" stroke-dasharray=\"4 3\"/><text x=\"").append(fmt(x)).append("\" y=\"10\" font-size=\"11\" text-anchor=\"middle\" fill=\"")
                .append(color).append("\">").append(e(label)).append("</text>\n");
    }

    private void proxy(Report r, StringBuilder b) {
        b.append("<section id=\"proxy\">\n<h2>").append(e(t.get("proxy.title"))).append("</h2>\n");
        Report.Proxy p = r.proxy();
        if (p == null || (p.url() == null && p.pac() == null)) {
            b.append("<p>").append(e(t.get("proxy.none"))).append(p == null ? "" : " (" + e(t.get("proxy.source")) + ": " + e(p.origin() == null ? p.source() : p.origin()) + ")")
                    .append("</p>\n");
        } else {
            b.append("<dl class=\"env\">\n");
            if (p.url() != null) {
                b.append("<dt>").append(e(t.get("proxy.url"))).append("</dt><dd><code>").append(e(p.url())).append("</code></dd>\n");
            }
            if (p.pac() != null) {
                b.append("<dt>").append(e(t.get("proxy.pac"))).append("</dt><dd><code>").append(e(p.pac())).append("</code></dd>\n");
            }
            b.append("<dt>").append(e(t.get("proxy.source"))).append("</dt><dd>").append(e(p.source() + (p.origin() == null ? "" : " - " + p.origin()))).append("</dd>\n");
            if (p.user() != null) {
                b.append("<dt>").append(e(t.get("proxy.user"))).append("</dt><dd>").append(e(p.user())).append("</dd>\n");
            }
            b.append("</dl>\n");
        }
        if (p != null && p.findings() != null && !p.findings().isEmpty()) {
            b.append("<div class=\"finding w\"><p>").append(e(t.get("finding.proxyConfig"))).append("</p>").append(list(p.findings())).append("</div>\n");
        }
        b.append("</section>\n");
    }

    private String badge(String status) {
        return "<span class=\"s s-" + e(status) + "\">" + e(t.status(status)) + "</span>";
    }

    private static String list(List<String> xs) {
        StringBuilder b = new StringBuilder("<ul class=\"cols\">\n");
        for (String x : xs) {
            b.append("<li><code>").append(e(x)).append("</code></li>\n");
        }
        return b.append("</ul>\n").toString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }

    /** Escapes text for HTML element content and attribute values alike. */
    static String e(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
