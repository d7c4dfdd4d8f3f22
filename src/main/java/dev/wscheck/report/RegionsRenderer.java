package dev.wscheck.report;

import java.io.IOException;
import java.io.Writer;
import dev.wscheck.remediation.Translator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes a {@link RegionsReport} as JSON (contract §9) or as a ranked table for people. */
public final class RegionsRenderer {
    /** The English layout's column widths (rank, region, name, round trip, HTTPS, loss); the status column is last. */
    private static final int[] MIN_WIDTHS = {4, 16, 30, 24, 10, 6};
    private static final int NAME_WIDTH = 30;
    /** A detail item that starts with the protocol and an outcome code, or "https" and a host: "pcoip tcp-timeout: ...". */
    private static final Pattern PREFIXED = Pattern.compile("(\\S+ \\S+: )(.+)");

    private RegionsRenderer() {}

    public static void json(RegionsReport report, Writer out) throws IOException {
        JsonReporter.mapper().writeValue(out, report);
        out.write(System.lineSeparator());
        out.flush();
    }

    /** The table in English. */
    public static void table(RegionsReport report, Writer out) throws IOException {
        table(report, Locale.ENGLISH, out);
    }

    /**
     * One line per region, best first: rank, code, name, round trip median (min–p95), HTTPS median,
     * loss, the status per protocol; unreachable regions say why on the next line. Regions not
     * measured are listed last. Words, region names, reasons and the probes' sentences come in
     * {@code locale}'s language (report/regions*.properties, the catalog texts, the remediation
     * translations); columns are padded by display width to at least the English layout's widths.
     */
    public static void table(RegionsReport report, Locale locale, Writer out) throws IOException {
        Labels l = new Labels("dev.wscheck.report.regions", locale);
        String nl = System.lineSeparator();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(l.get("head.rank"), l.get("head.region"), l.get("head.name"), l.get("head.rtt"), l.get("head.https"),
                l.get("head.loss"), l.get("head.status")));
        for (RegionsReport.Region r : report.regions()) {
            String rtt = r.rttMs() == null ? l.get("unreachable")
                    : String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", r.rttMs().median(), r.rttMs().min(), r.rttMs().p95());
            String https = r.httpsMs() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.httpsMs().median());
            StringBuilder status = new StringBuilder();
            r.status().forEach((p, st) -> status.append(status.length() == 0 ? "" : " ").append(p).append(' ')
                    .append(l.has("status." + st) ? l.get("status." + st) : st));
            rows.add(List.of(r.rank() == null ? "-" : r.rank().toString(), r.region(),
                    truncate(CatalogTexts.regionName(r.region(), r.name(), locale), NAME_WIDTH), rtt, https,
                    String.format(Locale.ROOT, "%.0f%%", r.lossPct()), status.toString()));
        }
        int[] widths = MIN_WIDTHS.clone();
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], DisplayWidth.of(row.get(i)));
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                line.append(row.get(c)).append(" ".repeat(widths[c] - DisplayWidth.of(row.get(c)) + 1));
            }
            out.write(line.append(row.get(widths.length)).append(nl).toString());
            RegionsReport.Region r = i == 0 ? null : report.regions().get(i - 1);
            if (r != null && r.rttMs() == null && r.detail() != null && !r.detail().isEmpty()) {
                out.write("     " + detail(r.detail(), locale) + nl);
            }
        }
        for (RegionsReport.NotMeasured m : report.notMeasured()) {
            String region = m.region() + " ".repeat(Math.max(0, widths[1] - DisplayWidth.of(m.region())));
            out.write("-" + " ".repeat(widths[0]) + region + " " + l.get("not-measured", Map.of("reason", reason(m.reason(), locale))) + nl);
        }
        out.flush();
    }

    /** The detail line's items ("; " between them), each rendered whole; "PROTOCOL CODE: sentence" keeps its prefix. */
    private static String detail(String detail, Locale locale) {
        if (!locale.getLanguage().equals("ja")) {
            return detail;
        }
        Translator t = Translator.of(locale, "dev/wscheck/report/regions", "dev/wscheck/remediation/translations");
        List<String> out = new ArrayList<>();
        for (String item : detail.split("; ")) {
            Matcher m = PREFIXED.matcher(item);
            out.add(m.matches() ? m.group(1) + t.text(m.group(2)) : t.text(item));
        }
        return String.join("; ", out);
    }

    /** Why a region was not measured: the catalog's own reason (its texts), else the run's (this bundle). */
    private static String reason(String english, Locale locale) {
        String catalog = CatalogTexts.text(english, locale);
        return !catalog.equals(english) || !locale.getLanguage().equals("ja") ? catalog
                : Translator.of(locale, "dev/wscheck/report/regions", "dev/wscheck/remediation/translations").text(english);
    }

    /** Cut to {@code n} display columns, the last being an ellipsis. */
    private static String truncate(String s, int n) {
        if (DisplayWidth.of(s) <= n) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (DisplayWidth.of(b.toString() + Character.toString(cp)) > n - 1) {
                break;
            }
            b.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return b + "…";
    }
}
