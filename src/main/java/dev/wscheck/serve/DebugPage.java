package dev.wscheck.serve;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The small HTML page at {@code /}: what the exporter is, and the last probes with links to their JSON reports. */
final class DebugPage {
    private DebugPage() {}

    static String html(List<RecentProbes.Entry> entries, ProbeDefaults defaults, ServeSettings settings) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>wscheck exporter</title>\n")
                .append("<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{padding:.2em .6em;")
                .append("border-bottom:1px solid #ccc;text-align:left}.pass{color:#070}.warn{color:#a60}.fail{color:#b00}</style></head><body>\n")
                .append("<h1>wscheck exporter</h1>\n<p>Prometheus scrapes <a href=\"/probe?region=")
                .append(esc(defaults.catalog().regions().keySet().stream().findFirst().orElse("")))
                .append("\">/probe?region=REGION[&amp;protocol=pcoip|dcv|all][&amp;only=ID]</a>; the exporter's own health is at ")
                .append("<a href=\"/metrics\">/metrics</a>. Catalog ").append(esc(defaults.catalog().version()))
                .append(", at most ").append(settings.maxProbes()).append(" probes at once.</p>\n")
                .append("<h2>Last probes</h2>\n");
        if (entries.isEmpty()) {
            b.append("<p>No probe yet.</p>\n");
        } else {
            b.append("<table><tr><th>#</th><th>time (UTC)</th><th>query</th><th>status</th><th>duration</th><th>report</th></tr>\n");
            for (RecentProbes.Entry e : entries) {
                String status = e.report().status();
                b.append("<tr><td>").append(e.id()).append("</td><td>")
                        .append(DateTimeFormatter.ISO_INSTANT.format(e.at().truncatedTo(ChronoUnit.SECONDS))).append("</td><td>")
                        .append(esc(e.query())).append("</td><td class=\"").append(esc(status)).append("\">").append(esc(status))
                        .append("</td><td>").append(String.format(java.util.Locale.ROOT, "%.2f s", e.report().durationMs() / 1000.0))
                        .append("</td><td><a href=\"/report?id=").append(e.id()).append("\">JSON</a></td></tr>\n");
            }
            b.append("</table>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
