package dev.wscheck.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** Writes a {@link RegionsReport} as JSON (contract §9) or as a ranked table for people. */
public final class RegionsRenderer {
    private RegionsRenderer() {}

    public static void json(RegionsReport report, Writer out) throws IOException {
        JsonReporter.mapper().writeValue(out, report);
        out.write(System.lineSeparator());
        out.flush();
    }

    /**
     * One line per region, best first: rank, code, round trip median (min–p95), HTTPS median, loss,
     * the status per protocol; unreachable regions say why. Regions not measured are listed last.
     */
    public static void table(RegionsReport report, Writer out) throws IOException {
        String nl = System.lineSeparator();
        out.write(String.format(Locale.ROOT, "%-4s %-16s %-30s %-24s %-10s %-6s %s%n", "rank", "region", "name", "rtt ms median (min-p95)",
                "https ms", "loss", "status"));
        for (RegionsReport.Region r : report.regions()) {
            String rtt = r.rttMs() == null ? "unreachable"
                    : String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", r.rttMs().median(), r.rttMs().min(), r.rttMs().p95());
            String https = r.httpsMs() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.httpsMs().median());
            StringBuilder status = new StringBuilder();
            r.status().forEach((p, s) -> status.append(status.length() == 0 ? "" : " ").append(p).append(' ').append(s));
            out.write(String.format(Locale.ROOT, "%-4s %-16s %-30s %-24s %-10s %-6s %s%n", r.rank() == null ? "-" : r.rank().toString(),
                    r.region(), truncate(r.name(), 30), rtt, https, String.format(Locale.ROOT, "%.0f%%", r.lossPct()), status));
            if (r.rttMs() == null && r.detail() != null && !r.detail().isEmpty()) {
                out.write("     " + r.detail() + nl);
            }
        }
        for (RegionsReport.NotMeasured m : report.notMeasured()) {
            out.write(String.format(Locale.ROOT, "%-4s %-16s not measured: %s%n", "-", m.region(), m.reason()));
        }
        out.flush();
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
