package dev.wscheck.serve;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/** The small HTML page at {@code /}: what the exporter is, and the last probes with links to their JSON reports, in serve --lang's language. */
final class DebugPage {
    private DebugPage() {}

    static String html(List<RecentProbes.Entry> entries, ProbeDefaults defaults, ServeSettings settings) {
        ResourceBundle t = ResourceBundle.getBundle("dev.wscheck.serve.page", settings.lang(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"").append(t.getString("lang")).append("\"><head><meta charset=\"utf-8\"><title>")
                .append(t.getString("title")).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{padding:.2em .6em;")
                .append("border-bottom:1px solid #ccc;text-align:left}.pass{color:#070}.warn{color:#a60}.fail{color:#b00}</style></head><body>\n")
                .append("<h1>").append(t.getString("title")).append("</h1>\n<p>")
                .append(text(t, "intro", "region", esc(defaults.catalog().regions().keySet().stream().findFirst().orElse("")),
                        "version", esc(defaults.catalog().version()), "max", settings.maxProbes()))
                .append("</p>\n<h2>").append(t.getString("recent")).append("</h2>\n");
        if (entries.isEmpty()) {
            b.append("<p>").append(t.getString("none")).append("</p>\n");
        } else {
            b.append("<table><tr><th>#</th><th>").append(t.getString("th.time")).append("</th><th>").append(t.getString("th.query"))
                    .append("</th><th>").append(t.getString("th.status")).append("</th><th>").append(t.getString("th.duration"))
                    .append("</th><th>").append(t.getString("th.report")).append("</th></tr>\n");
            for (RecentProbes.Entry e : entries) {
                String status = e.report().status();
                String word = t.containsKey("status." + status) ? t.getString("status." + status) : status;
                b.append("<tr><td>").append(e.id()).append("</td><td>")
                        .append(DateTimeFormatter.ISO_INSTANT.format(e.at().truncatedTo(ChronoUnit.SECONDS))).append("</td><td>")
                        .append(esc(e.query())).append("</td><td class=\"").append(esc(status)).append("\">").append(esc(word))
                        .append("</td><td>").append(text(t, "duration", "seconds", String.format(Locale.ROOT, "%.2f", e.report().durationMs() / 1000.0)))
                        .append("</td><td><a href=\"/report?id=").append(e.id()).append("\">JSON</a></td></tr>\n");
            }
            b.append("</table>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    /** The text of {@code key} with each {name} replaced by the value after that name. */
    private static String text(ResourceBundle t, String key, Object... nameValues) {
        String s = t.getString(key);
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            s = s.replace("{" + nameValues[i] + "}", String.valueOf(nameValues[i + 1]));
        }
        return s;
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
