package dev.wscheck.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One line in the monitoring-plugin convention (contract §6), for NRPE, Icinga, Zabbix and RMM
 * agents: {@code WSCHECK CRITICAL - pcoip-streaming-udp fail (udp-port-unreachable) | duration=3.1s
 * pass=19 warn=0 fail=1 inconclusive=0 skip=0}. The state word is the exit code's (the top-level
 * status, after --alert-after); the text lists every failing, then warning, then inconclusive
 * requirement with the outcome that decided it, and "N requirements pass" when none; the
 * performance data follow the plugin guidelines ({@code label=value[UOM]}). A run stopped by a
 * signal says "interrupted". Under {@code --lang ja} those few words come from reports_ja.properties;
 * the state word, ids, statuses and outcome codes stay as the contract writes them (monitoring
 * tools match on them).
 */
public final class NagiosReporter implements Reporter {
    private final Labels labels;

    /** The line in English. */
    public NagiosReporter() {
        this(Locale.ENGLISH);
    }

    public NagiosReporter(Locale locale) {
        this.labels = new Labels("dev.wscheck.report.reports", locale);
    }

    @Override
    public void write(Report r, Writer out) throws IOException {
        String state = ConsoleReporter.exitFor(r.status()).name();
        List<String> items = new ArrayList<>();
        for (String status : List.of("fail", "warn", "inconclusive")) {
            for (Report.Requirement q : r.requirements()) {
                if (q.status().equals(status)) {
                    Report.Check k = decisive(q);
                    String streak = q.failStreak() == null ? ""
                            : ", " + labels.get(q.failStreak() == 1 ? "nagios.streak.one" : "nagios.streak", Map.of("n", q.failStreak()));
                    String outcome = k == null ? "" : " (" + k.outcome() + streak + ")";
                    items.add(q.id() + " " + status + outcome);
                }
            }
        }
        String text = items.isEmpty() ? labels.get("nagios.allPass", Map.of("count", r.counts().pass())) : String.join(", ", items);
        if (Boolean.TRUE.equals(r.interrupted())) {
            text = labels.get("nagios.interrupted", Map.of("text", text));
        }
        Report.Counts c = r.counts();
        out.write("WSCHECK " + state + " - " + text.replace('|', '/') + " | "
                + String.format(Locale.ROOT, "duration=%.1fs", r.durationMs() / 1000.0)
                + " pass=" + c.pass() + " warn=" + c.warn() + " fail=" + c.fail() + " inconclusive=" + c.inconclusive() + " skip=" + c.skip()
                + System.lineSeparator());
        out.flush();
    }

    /** The first check with the requirement's own status, else the first that neither passed nor was skipped. */
    private static Report.Check decisive(Report.Requirement q) {
        for (Report.Check k : q.checks()) {
            if (k.status().equals(q.status())) {
                return k;
            }
        }
        for (Report.Check k : q.checks()) {
            if (!k.status().equals("pass") && !k.status().equals("skip")) {
                return k;
            }
        }
        return null;
    }
}
