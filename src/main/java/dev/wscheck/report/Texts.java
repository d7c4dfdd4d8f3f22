package dev.wscheck.report;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The ticket reports' labels (report/reports*.properties) and the sentences every such format shares. */
final class Texts {
    private final Labels labels;
    private final Locale locale;

    Texts(Locale locale) {
        this.locale = locale;
        this.labels = new Labels("dev.wscheck.report.reports", locale);
    }

    String get(String key) {
        return labels.has(key) ? labels.get(key) : key;
    }

    String get(String key, Object... nameValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            m.put((String) nameValues[i], nameValues[i + 1]);
        }
        return labels.has(key) ? labels.get(key, m) : key;
    }

    String status(String status) {
        return get("status." + status);
    }

    String subtitle(Report r, String regionName) {
        return get("subtitle", "version", r.tool().version(), "region", r.region(), "regionName", regionName,
                "protocols", String.join(" + ", r.protocols().stream().map(ReportFacts::protocolName).toList()), "startedAt", r.startedAt());
    }

    String result(Report r) {
        return get("result", "pass", r.counts().pass(), "warn", r.counts().warn(), "fail", r.counts().fail(),
                "inconclusive", r.counts().inconclusive(), "skip", r.counts().skip(), "seconds", ReportFacts.seconds(r.durationMs()),
                "status", ReportFacts.exitName(r.status()), "exit", ReportFacts.exitCode(r.status()));
    }

    String answerLabel(ReportFacts.Answer a) {
        return get("answer." + a.protocol());
    }

    String answerText(ReportFacts.Answer a) {
        String t = get("verdict." + a.status());
        return a.because().isEmpty() ? t : get("verdict.with", "verdict", t, "because", get("verdict.because", "ids", String.join(", ", a.because())));
    }

    /** The sentence of one thing to fix first. */
    String fix(Report r, ReportFacts.Fix f) {
        if (f.finding() == null) {
            return get("fix.requirement", "id", f.requirement().id(), "text", f.text());
        }
        switch (f.finding()) {
            case "tls":
                return get("fix.tls", "issuers", String.join(", ", r.findings().tlsInspection().issuers()));
            case "proxyDenied":
                return get("fix.proxyDenied", "hosts", String.join(", ", r.findings().proxyDenied()));
            default:
                return get("fix.clock", "minutes", Math.abs(r.environment().clock().offsetMs()) / 60000);
        }
    }

    String offset(long ms) {
        return offset(ms, locale);
    }

    String route(Report.Requirement q, Report.Check c) {
        String via = c == null ? "" : get("via." + (c.via().equals("proxy") ? "proxy" : "direct"));
        if (q.route() != null && q.route().proxy().equals("fails") && q.route().direct().equals("works")) {
            return get("route.with", "via", via, "why", get("route.proxyBroken"));
        }
        return via;
    }

    /** A clock offset in words: "+7 min 30 s" / "+7 分 30 秒"; positive when this PC is ahead. */
    static String offset(long ms, Locale locale) {
        Labels l = new Labels("dev.wscheck.report.reports", locale);
        long s = Math.abs(ms) / 1000;
        Map<String, Object> v = Map.of("sign", ms < 0 ? "-" : "+", "min", s / 60, "sec", s % 60);
        return l.get(s >= 60 ? "offset.long" : "offset.short", v);
    }

    static String join(List<String> xs) {
        return String.join(", ", xs);
    }
}
