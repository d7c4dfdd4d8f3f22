package dev.wscheck.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * A writer of the Prometheus text exposition format (version 0.0.4), just the part wscheck uses:
 * one {@code # HELP} and {@code # TYPE} per family, then its samples, label values escaped, no
 * timestamps (the node_exporter textfile collector rejects them). Callers write each family's
 * samples together, after its header, as the format requires.
 *
 * <p>Written here rather than taken from the Prometheus Java client: see docs/prometheus.md
 * ("Why a writer of its own").
 */
public final class Exposition {
    /** The media type a scrape answer carries. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Writer out;

    public Exposition(Writer out) {
        this.out = out;
    }

    /** Starts a family: {@code type} is gauge, counter, summary or histogram. */
    public Exposition family(String name, String type, String help) throws IOException {
        out.write("# HELP " + name + " " + escapeHelp(help) + "\n");
        out.write("# TYPE " + name + " " + type + "\n");
        return this;
    }

    /** One sample; {@code labels} alternate name, value. */
    public Exposition sample(String name, double value, String... labels) throws IOException {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs: " + String.join(",", labels));
        }
        StringBuilder b = new StringBuilder(name);
        if (labels.length > 0) {
            b.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(labels[i]).append("=\"").append(escapeLabel(labels[i + 1])).append('"');
            }
            b.append('}');
        }
        b.append(' ').append(number(value)).append('\n');
        out.write(b.toString());
        return this;
    }

    /** A sample value as the format spells it: integers without a fraction, NaN and ±Inf by name. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }

    static String escapeLabel(String v) {
        return v == null ? "" : v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
