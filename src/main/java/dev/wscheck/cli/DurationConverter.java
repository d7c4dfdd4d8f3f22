package dev.wscheck.cli;

import dev.wscheck.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads --timeout / --deadline values such as 500ms, 5s, 1.5s, 2m; rejects zero and negatives. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        Duration d;
        try {
            d = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
        if (d.isZero() || d.isNegative()) {
            throw new CommandLine.TypeConversionException("'" + value + "' must be longer than zero");
        }
        return d;
    }
}
