package dev.wscheck.report;

import dev.wscheck.ExitCode;
import dev.wscheck.probe.tls.TlsEvidence;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.fusesource.jansi.Ansi;

/**
 * The human report: one line per requirement, the failing checks with what to change, and a
 * summary that says plainly whether WorkSpaces will work from here, per protocol. Colour only
 * when asked (the CLI decides: a terminal, no NO_COLOR, no --no-color); plain ASCII otherwise,
 * so it survives any Windows code page and any ticket system.
 */
public final class ConsoleReporter implements Reporter {
    private final boolean color;
    private final boolean verbose;
    private final ResourceBundle labels;
    private final String regionName;
    private final Locale locale;
    private boolean quiet;

    /** {@code regionName} is the region's long name for the header ("Asia Pacific (Tokyo)"). */
    public ConsoleReporter(boolean color, boolean verbose, Locale locale, String regionName) {
        this.color = color;
        this.verbose = verbose;
        this.regionName = regionName;
        this.locale = locale;
        this.labels = ResourceBundle.getBundle("dev.wscheck.report.console", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** -q: the verdict lines and the result line only (contract §7). */
    public ConsoleReporter quiet(boolean on) {
        this.quiet = on;
        return this;
    }

    @Override
    public void write(Report r, Writer w) throws IOException {
        PrintWriter out = new PrintWriter(w);
        if (quiet) {
            writeQuiet(r, out);
            return;
        }
        out.println(bold(label("header", Map.of("version", r.tool().version(), "region", r.region(),
                "regionName", regionName, "protocols", protocols(r.protocols())))));
        out.println(label("context", Map.of("dns", r.host().dnsServers().isEmpty() ? "-" : String.join(", ", r.host().dnsServers()),
                "dnsSource", dnsSource(r), "proxy", proxy(r.proxy()),
                "catalog", r.catalog().source() + " " + r.catalog().version())));
        ipv6(out, r);
        out.println();
        changes(out, r);
        int width = r.requirements().stream().mapToInt(q -> q.id().length()).max().orElse(10) + 2;
        int filtered = verbose ? every(out, r, width) : compact(out, r, width);
        if (filtered > 0) {
            out.println("  " + dim(label("filtered", Map.of("count", Integer.toString(filtered)))));
        }
        out.println();
        out.println(bold(label("summary.title", Map.of())));
        verdictLines(out, r, "  ");
        if (r.findings() != null) {
            findings(out, r.findings());
        }
        if (ReportFacts.clockSkewed(r)) {
            Environment.Clock c = r.environment().clock();
            out.println();
            out.println(colorFor("fail", label("finding.clock", Map.of("offset", Texts.offset(c.offsetMs(), locale), "samples", Integer.toString(c.samples())))));
        }
        if (r.proxy() != null && r.proxy().findings() != null && !r.proxy().findings().isEmpty()) {
            out.println();
            out.println(colorFor("warn", label("finding.proxy", Map.of())));
            for (String f : r.proxy().findings()) {
                out.println("    " + f);
            }
        }
        out.println();
        resultLine(out, r);
        if (!verbose) {
            out.println(dim(label("hint.verbose", Map.of())));
        }
        out.flush();
    }

    /** Whether this PC has IPv6 and which families were checked; nothing for a report made before it was recorded. */
    private void ipv6(PrintWriter out, Report r) {
        Environment.Ipv6 v6 = r.environment() == null ? null : r.environment().ipv6();
        if (v6 == null) {
            return;
        }
        String has = label(v6.globalAddress() && !Boolean.FALSE.equals(v6.defaultRoute()) ? "ipv6.yes" : "ipv6.no", Map.of());
        out.println(v6.checked() ? label("ipv6.checked", Map.of("has", has))
                : label("ipv6.notChecked", Map.of("has", has, "reason", v6.reason() == null ? "" : v6.reason())));
    }

    /** -v: every requirement with every check and its detail; a remedy a run-wide finding says is pointed to, not repeated. */
    private int every(PrintWriter out, Report r, int width) {
        for (Report.Requirement q : r.requirements()) {
            out.println("  " + badge(q.status()) + "  " + pad(q.id(), width) + q.title());
            boolean problem = ReportFacts.problem(q);
            if (q.status().equals("skip") && !q.note().isEmpty()) {
                out.println(indent(8 + width) + dim(q.note()));
            }
            for (Report.Check c : q.checks()) {
                out.println(indent(8) + mark(c.status()) + " " + c.probe() + " " + c.target() + "  " + colorFor(c.status(), c.outcome()));
                out.println(indent(10) + dim(c.detail()));
                if (c.probeEvidence() instanceof TlsEvidence tls && !tls.tlsVersion().isEmpty()) {
                    out.println(indent(10) + dim(label("tls.facts", Map.of("issuer", tls.issuer(), "root", tls.anchorName(),
                            "version", tls.tlsVersion(), "cipher", tls.cipherSuite(), "days", Long.toString(tls.leafDaysToExpiry())))));
                }
            }
            if (problem && !q.note().isEmpty()) {
                out.println(indent(8) + dim(q.note()));
            }
            route(out, q);
            if (problem) {
                remedies(out, r, q, new java.util.HashSet<>());
            }
        }
        return 0;
    }

    /**
     * The default: one line per requirement that is not passing (status, id, outcome and target of
     * its worst check), the remedies no run-wide finding says, each once; passing and skipped
     * requirements are counted, not listed. A typical failure fits one screen.
     */
    private int compact(PrintWriter out, Report r, int width) {
        int filtered = 0;
        int pass = 0;
        int skip = 0;
        java.util.Set<String> said = new java.util.HashSet<>();
        int outcomeWidth = r.requirements().stream().filter(ReportFacts::problem).map(q -> ReportFacts.worstCheck(q).map(Report.Check::outcome).orElse(""))
                .mapToInt(String::length).max().orElse(0) + 2;
        for (Report.Requirement q : r.requirements()) {
            if (q.filtered()) {
                filtered++;
                continue;
            }
            if (!ReportFacts.problem(q)) {
                if (q.status().equals("pass")) {
                    pass++;
                } else {
                    skip++;
                }
                continue;
            }
            Report.Check c = ReportFacts.worstCheck(q).orElse(null);
            out.println("  " + badge(q.status()) + "  " + pad(q.id(), width)
                    + (c == null ? q.title() : colorFor(q.status(), pad(c.outcome(), outcomeWidth)) + c.target()));
            route(out, q);
            remedies(out, r, q, said);
        }
        if (pass + skip > 0) {
            out.println("  " + dim(label("compact.others", Map.of("pass", Integer.toString(pass), "skip", Integer.toString(skip)))));
        }
        return filtered;
    }

    private void route(PrintWriter out, Report.Requirement q) {
        if (q.route() != null && (verbose || ReportFacts.problem(q))) {
            out.println(indent(8) + dim(label("route", Map.of("proxy", label("route.proxy." + q.route().proxy(), Map.of()),
                    "direct", label("route.direct." + q.route().direct(), Map.of())))
                    + (q.route().proxy().equals("fails") && q.route().direct().equals("works") ? " " + label("route.proxyBroken", Map.of()) : "")));
        }
    }

    /** The requirement's remedies, each text once per report; those a run-wide finding says become one pointer to it. */
    private void remedies(PrintWriter out, Report r, Report.Requirement q, java.util.Set<String> said) {
        boolean pointed = false;
        for (Report.Remedy m : q.remediation()) {
            if (ReportFacts.saidByFinding(r, m)) {
                if (!pointed && verbose) {
                    out.println(indent(8) + "-> " + label("see." + (m.code().equals("proxy-denied") ? "proxyDenied" : "tls"), Map.of()));
                }
                pointed = true;
            } else if (said.add(m.text())) {
                out.println(indent(8) + "-> " + m.text());
            }
        }
    }

    /** -q (contract §7): the per-protocol verdict lines and the result line, as the full report words them. */
    private void writeQuiet(Report r, PrintWriter out) {
        verdictLines(out, r, "");
        resultLine(out, r);
        out.flush();
    }

    /** "Can WorkSpaces work from here?" per protocol: HTTPS, then each protocol checked; labels aligned by display width. */
    private void verdictLines(PrintWriter out, Report r, String indent) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {label("summary.https", Map.of()), "any"});
        for (String p : r.protocols()) {
            lines.add(new String[] {label("summary." + p, Map.of()), p});
        }
        int w2 = lines.stream().mapToInt(l -> DisplayWidth.of(l[0])).max().orElse(10) + 2;
        for (String[] l : lines) {
            out.println(indent + pad(l[0] + ":", w2) + protocolVerdict(r, l[1]));
        }
    }

    /** "Result: 19 pass, ... -> CRITICAL (exit 2)". */
    private void resultLine(PrintWriter out, Report r) {
        ExitCode exit = exitFor(r.status());
        Map<String, String> v = new HashMap<>();
        v.put("pass", Integer.toString(r.counts().pass()));
        v.put("warn", Integer.toString(r.counts().warn()));
        v.put("fail", Integer.toString(r.counts().fail()));
        v.put("inconclusive", Integer.toString(r.counts().inconclusive()));
        v.put("skip", Integer.toString(r.counts().skip()));
        v.put("seconds", String.format(Locale.ROOT, "%.1f", r.durationMs() / 1000.0));
        v.put("status", exit.name());
        v.put("exit", Integer.toString(exit.code()));
        out.println(colorFor(r.status(), label("result", v)));
    }

    /** What changed since the previous run of the history (contract §7), leading the report. */
    private void changes(PrintWriter out, Report r) {
        List<String> lines = ChangeLines.of(r, java.time.ZoneId.systemDefault(), label("change", Map.of()));
        if (lines.isEmpty()) {
            return;
        }
        out.println(bold(label("changes.title", Map.of())));
        for (int i = 0; i < lines.size(); i++) {
            out.println("  " + colorFor(r.changes().get(i).to(), lines.get(i)));
        }
        out.println();
    }

    /** TLS inspection and unreachable revocation endpoints are said once, for the whole run. */
    private void findings(PrintWriter out, Report.Findings f) {
        Report.TlsInspection tls = f.tlsInspection();
        if (tls != null) {
            out.println();
            out.println(colorFor("fail", label("finding.tls", Map.of("issuers", String.join(", ", tls.issuers()),
                    "affected", Integer.toString(tls.affectedDomains().size())))));
            out.println("  " + label("finding.tls.exempt", Map.of()));
            list(out, tls.exemptDomains());
        }
        if (f.proxyDenied() != null && !f.proxyDenied().isEmpty()) {
            out.println();
            out.println(colorFor("fail", label("finding.proxyDenied", Map.of())));
            list(out, f.proxyDenied());
        }
        if (f.revocationUnreachable() != null && !f.revocationUnreachable().isEmpty()) {
            out.println();
            out.println(colorFor("warn", label("finding.revocation", Map.of())));
            list(out, f.revocationUnreachable());
        }
    }

    /** A list of hosts: one a line with -v (easy to copy), else several a line, up to 100 columns. */
    private void list(PrintWriter out, List<String> xs) {
        if (verbose) {
            xs.forEach(x -> out.println("    " + x));
            return;
        }
        StringBuilder line = new StringBuilder();
        for (String x : xs) {
            if (line.length() > 0 && line.length() + 2 + x.length() > 96) {
                out.println("    " + line);
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : "  ").append(x);
        }
        if (line.length() > 0) {
            out.println("    " + line);
        }
    }

    /** Returns the exit code a report status stands for. */
    public static ExitCode exitFor(String status) {
        switch (status) {
            case "fail":
                return ExitCode.CRITICAL;
            case "warn":
                return ExitCode.WARNING;
            case "inconclusive":
                return ExitCode.UNKNOWN; // nothing was judged (contract §2)
            default:
                return ExitCode.OK;
        }
    }

    /** The verdict for one protocol (or "any": the HTTPS requirements every client needs), with the requirements that decide it. */
    private String protocolVerdict(Report r, String protocol) {
        ReportFacts.Answer a = ReportFacts.answer(r, protocol);
        String text = label("verdict." + a.status(), Map.of());
        if (!a.because().isEmpty()) {
            text = label("verdict.with", Map.of("verdict", text, "because", label("verdict.because", Map.of()), "ids", String.join(", ", a.because())));
        }
        return colorFor(a.status(), text);
    }

    private static int rank(String status) {
        return List.of("skip", "pass", "inconclusive", "warn", "fail").indexOf(status);
    }

    private String label(String key, Map<String, String> values) {
        String t;
        try {
            t = labels.getString(key);
        } catch (MissingResourceException e) {
            t = key;
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            t = t.replace("{" + e.getKey() + "}", e.getValue());
        }
        return t;
    }

    private static String protocols(List<String> ps) {
        List<String> names = new ArrayList<>();
        for (String p : ps) {
            names.add(p.equals("pcoip") ? "PCoIP" : p.equals("dcv") ? "DCV" : p);
        }
        return String.join(" + ", names);
    }

    private static String dnsSource(Report r) {
        return r.host().dnsServers().isEmpty() ? "none" : "resolvers";
    }

    private static String proxy(Report.Proxy p) {
        if (p == null) {
            return "none";
        }
        String from = p.origin() == null ? p.source() : p.origin();
        if (p.pac() != null) {
            return "PAC " + p.pac() + " (" + from + ")";
        }
        if (p.url() == null) {
            return p.origin() == null ? p.source() : "none (" + from + ")";
        }
        return p.url() + (p.user() == null ? "" : ", user " + p.user()) + " (" + from + ")";
    }

    private String badge(String status) {
        return colorFor(status, label("status." + status, Map.of()));
    }

    private String mark(String status) {
        switch (status) {
            case "fail":
                return colorFor(status, "x");
            case "warn":
                return colorFor(status, "!");
            case "inconclusive":
                return colorFor(status, "?");
            case "pass":
                return colorFor(status, "+");
            default:
                return "-";
        }
    }

    private String colorFor(String status, String text) {
        if (!color) {
            return text;
        }
        Ansi.Color c;
        switch (status) {
            case "fail":
                c = Ansi.Color.RED;
                break;
            case "warn":
                c = Ansi.Color.YELLOW;
                break;
            case "inconclusive":
                c = Ansi.Color.MAGENTA;
                break;
            case "pass":
                c = Ansi.Color.GREEN;
                break;
            default:
                return text;
        }
        return Ansi.ansi().fg(c).a(text).reset().toString();
    }

    private String bold(String text) {
        return color ? Ansi.ansi().bold().a(text).reset().toString() : text;
    }

    private String dim(String text) {
        return color ? Ansi.ansi().fgBrightBlack().a(text).reset().toString() : text;
    }

    /** Pads to a display width: East Asian wide characters count two columns. */
    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - DisplayWidth.of(s)));
    }

    private static String indent(int n) {
        return " ".repeat(n);
    }
}
