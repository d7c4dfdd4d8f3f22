package dev.wscheck.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wscheck.report.DisplayWidth;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * {@code wscheck history} output (docs/scheduling.md): a table for people (times in {@code zone}, words in --lang's language),
 * JSON ({@code {"schemaVersion": 1, "runs": [...], "transitions": [...]}}, times ISO-8601 UTC) and
 * CSV (one row per run, then one per transition, RFC 4180) for a spreadsheet or a ticket.
 */
public final class TimelineFormat {
    private static final DateTimeFormatter TABLE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);

    private TimelineFormat() {}

    /**
     * The table for people, in {@code locale}'s words (history/timeline*.properties): the runs with
     * their status and counts, then every transition. The status column is padded by display width
     * (East Asian wide characters count two), so the counts line up in Japanese too.
     */
    public static void table(Timeline t, Path dir, ZoneId zone, Locale locale, Writer w) {
        ResourceBundle b = ResourceBundle.getBundle("dev.wscheck.history.timeline", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        PrintWriter out = new PrintWriter(w);
        out.println(text(b, "runs", "dir", dir, "count", t.runs().size()));
        int statusWidth = t.runs().stream().mapToInt(r -> DisplayWidth.of(status(b, r.status()))).max().orElse(0);
        for (PastRun r : t.runs()) {
            PastRun.Counts c = r.counts();
            String status = status(b, r.status());
            out.println("  " + text(b, r.interrupted() ? "run.interrupted" : "run", "time", TABLE_TIME.format(r.startedAt().atZone(zone)),
                    "status", status + " ".repeat(statusWidth - DisplayWidth.of(status)), "pass", count(c.pass()), "warn", count(c.warn()),
                    "fail", count(c.fail()), "inconclusive", count(c.inconclusive()), "skip", count(c.skip()),
                    "seconds", String.format(Locale.ROOT, "%6.1f", r.durationMs() / 1000.0)));
        }
        out.println();
        out.println(text(b, "transitions", "count", t.transitions().size()));
        for (Timeline.Transition x : t.transitions()) {
            boolean check = !x.outcome().isEmpty() && !x.outcome().equals("ok");
            out.println("  " + text(b, check ? "transition.check" : "transition", "time", TABLE_TIME.format(x.at().atZone(zone)),
                    "requirement", x.requirement(), "from", status(b, x.from()), "to", status(b, x.to()), "outcome", x.outcome(),
                    "target", x.target(), "since", TABLE_TIME.format(x.since().atZone(zone))));
        }
        out.flush();
    }

    /** The status word in the table's language; a status of a newer wscheck stays as written. */
    private static String status(ResourceBundle b, String status) {
        return b.containsKey("status." + status) ? b.getString("status." + status) : status;
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%3d", n);
    }

    /** The text of {@code key} with each {name} replaced by the value after that name. */
    private static String text(ResourceBundle b, String key, Object... nameValues) {
        String s = b.getString(key);
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            s = s.replace("{" + nameValues[i] + "}", String.valueOf(nameValues[i + 1]));
        }
        return s;
    }

    public static void json(Timeline t, Writer w) throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("schemaVersion", 1);
        ArrayNode runs = root.putArray("runs");
        for (PastRun r : t.runs()) {
            ObjectNode n = runs.addObject();
            n.put("startedAt", r.startedAt().toString());
            n.put("status", r.status());
            n.put("durationMs", r.durationMs());
            if (r.interrupted()) {
                n.put("interrupted", true);
            }
            ObjectNode c = n.putObject("counts");
            c.put("pass", r.counts().pass());
            c.put("warn", r.counts().warn());
            c.put("fail", r.counts().fail());
            c.put("inconclusive", r.counts().inconclusive());
            c.put("skip", r.counts().skip());
            n.put("file", r.file().getFileName().toString());
        }
        ArrayNode tr = root.putArray("transitions");
        for (Timeline.Transition x : t.transitions()) {
            ObjectNode n = tr.addObject();
            n.put("at", x.at().toString());
            n.put("requirement", x.requirement());
            n.put("from", x.from());
            n.put("to", x.to());
            n.put("since", x.since().toString());
            n.put("outcome", x.outcome());
            n.put("target", x.target());
        }
        m.writeValue(w, root);
        w.write(System.lineSeparator());
        w.flush();
    }

    public static void csv(Timeline t, Writer w) throws IOException {
        w.write("kind,at,requirement,from,to,since,outcome,target,status,pass,warn,fail,inconclusive,skip,durationMs\r\n");
        for (PastRun r : t.runs()) {
            PastRun.Counts c = r.counts();
            w.write(String.join(",", "run", r.startedAt().toString(), "", "", "", "", "", "", cell(r.status()), Integer.toString(c.pass()),
                    Integer.toString(c.warn()), Integer.toString(c.fail()), Integer.toString(c.inconclusive()), Integer.toString(c.skip()),
                    Long.toString(r.durationMs())) + "\r\n");
        }
        for (Timeline.Transition x : t.transitions()) {
            w.write(String.join(",", "transition", x.at().toString(), cell(x.requirement()), cell(x.from()), cell(x.to()), x.since().toString(),
                    cell(x.outcome()), cell(x.target()), "", "", "", "", "", "", "") + "\r\n");
        }
        w.flush();
    }

    /** An RFC 4180 field: quoted when it holds a comma, a quote or a line break. Every text field is read from run files, so any of them may. */
    private static String cell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
