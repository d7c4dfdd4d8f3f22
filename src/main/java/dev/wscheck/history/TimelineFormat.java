package dev.wscheck.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code wscheck history} output (docs/scheduling.md): a table for people (times in {@code zone}),
 * JSON ({@code {"schemaVersion": 1, "runs": [...], "transitions": [...]}}, times ISO-8601 UTC) and
 * CSV (one row per run, then one per transition, RFC 4180) for a spreadsheet or a ticket.
 */
public final class TimelineFormat {
    private static final DateTimeFormatter TABLE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);

    private TimelineFormat() {}

    public static void table(Timeline t, Path dir, ZoneId zone, Writer w) {
        PrintWriter out = new PrintWriter(w);
        out.println("Runs in " + dir + ": " + t.runs().size());
        for (PastRun r : t.runs()) {
            PastRun.Counts c = r.counts();
            out.println(String.format(Locale.ROOT, "  %s  %-4s  %3d pass %3d warn %3d fail %3d inconclusive %3d skip  %6.1f s%s",
                    TABLE_TIME.format(r.startedAt().atZone(zone)), r.status(), c.pass(), c.warn(), c.fail(), c.inconclusive(), c.skip(),
                    r.durationMs() / 1000.0, r.interrupted() ? "  interrupted" : ""));
        }
        out.println();
        out.println("Transitions: " + t.transitions().size());
        for (Timeline.Transition x : t.transitions()) {
            out.println("  " + TABLE_TIME.format(x.at().atZone(zone)) + "  " + x.requirement() + ": " + x.from() + " -> " + x.to()
                    + (x.outcome().isEmpty() || x.outcome().equals("ok") ? "" : " (" + x.outcome() + " on " + x.target() + ")")
                    + "; " + x.from() + " until at least " + TABLE_TIME.format(x.since().atZone(zone)));
        }
        out.flush();
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
