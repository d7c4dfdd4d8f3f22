package dev.wscheck.cli;

import dev.wscheck.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads ages as history options take them: whole days ({@code 90d}) or any {@link Durations} form ({@code 12h}). */
final class AgeConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern DAYS = Pattern.compile("(\\d+)\\s*d");

    @Override
    public Duration convert(String value) {
        Matcher m = DAYS.matcher(value.trim().toLowerCase(Locale.ROOT));
        Duration d;
        if (m.matches()) {
            d = Duration.ofDays(Long.parseLong(m.group(1)));
        } else {
            try {
                d = Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an age (write e.g. 90d, 12h, 30m)");
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new CommandLine.TypeConversionException("'" + value + "' must be longer than zero");
        }
        return d;
    }
}
