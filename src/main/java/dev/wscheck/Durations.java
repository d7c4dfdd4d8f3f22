package dev.wscheck;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the durations users write: {@code 500ms}, {@code 5s}, {@code 1.5s}, {@code 2m}. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private Durations() {}

    /** Parses {@code text}; throws IllegalArgumentException saying what is accepted. */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            if (t.startsWith("pt")) {
                try {
                    return Duration.parse(t.toUpperCase(Locale.ROOT));
                } catch (RuntimeException e) {
                    // fall through to the message below
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not a duration (write e.g. 500ms, 5s, 1.5s, 2m)");
        }
        double value = Double.parseDouble(m.group(1));
        double millis;
        switch (m.group(2)) {
            case "ms":
                millis = value;
                break;
            case "s":
                millis = value * 1_000;
                break;
            case "m":
                millis = value * 60_000;
                break;
            default:
                millis = value * 3_600_000;
                break;
        }
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    /** Formats a duration the way {@link #parse} reads it: whole seconds as {@code 5s}, else milliseconds. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 && ms != 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
