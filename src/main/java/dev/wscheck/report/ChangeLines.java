package dev.wscheck.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The console's lines about what changed since the previous run of a history (contract §7), e.g.
 * {@code UDP 4172 to drp-nrt.amazonworkspaces.com: pass -> fail since 09:00 (pcoip-streaming-udp)}:
 * what the requirement is about, in the words of the check that decided it now, then the statuses
 * and when the old one was last seen (a time today, else a date and time, in {@code zone}).
 */
final class ChangeLines {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private ChangeLines() {}

    /** One line per change, in the report's order; {@code template} has {what}, {from}, {to}, {since}, {id}. */
    static List<String> of(Report r, ZoneId zone, String template) {
        List<String> out = new ArrayList<>();
        if (r.changes() == null) {
            return out;
        }
        ZonedDateTime now = Instant.parse(r.startedAt()).atZone(zone);
        for (Report.Change c : r.changes()) {
            Report.Requirement q = r.requirements().stream().filter(x -> x.id().equals(c.requirement())).findFirst().orElse(null);
            ZonedDateTime since = Instant.parse(c.since()).atZone(zone);
            String when = since.toLocalDate().equals(now.toLocalDate()) ? TIME.format(since) : DAY_TIME.format(since);
            out.add(template.replace("{what}", q == null ? c.requirement() : what(q)).replace("{from}", c.from()).replace("{to}", c.to())
                    .replace("{since}", when).replace("{id}", c.requirement()));
        }
        return out;
    }

    /** "UDP 4172 to drp-nrt.amazonworkspaces.com" from the check that decided the requirement; its title when it has no check. */
    static String what(Report.Requirement q) {
        Report.Check k = decisive(q);
        if (k == null) {
            return q.title();
        }
        String probe = k.probe().toUpperCase(Locale.ROOT);
        String t = k.target();
        int colon = t.lastIndexOf(':');
        if (!t.contains("/") && colon > 0 && t.substring(colon + 1).matches("\\d+")) {
            return probe + " " + t.substring(colon + 1) + " to " + t.substring(0, colon);
        }
        return probe + " " + t;
    }

    private static Report.Check decisive(Report.Requirement q) {
        Report.Check firstBad = null;
        for (Report.Check k : q.checks()) {
            if (k.status().equals(q.status()) && !k.status().equals("pass")) {
                return k;
            }
            if (firstBad == null && !k.status().equals("pass") && !k.status().equals("skip")) {
                firstBad = k;
            }
        }
        if (firstBad != null) {
            return firstBad;
        }
        // All passed: the last check is the one that shows the whole path works (the TCP connect after DNS).
        return q.checks().isEmpty() ? null : q.checks().get(q.checks().size() - 1);
    }
}
