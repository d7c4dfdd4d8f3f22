package dev.wscheck.catalog.ipranges;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** When ip-ranges data is too old to trust without a word: AWS changes it several times a week. */
public final class DataAge {
    /** Older than this, every command that uses the data says so. */
    public static final Duration STALE_AFTER = Duration.ofDays(30);

    private DataAge() {}

    /** Whole days from {@code created} to {@code now} (0 for a date in the future). */
    public static long days(Instant created, Instant now) {
        return Math.max(0, Duration.between(created, now).toDays());
    }

    /** The one-line notice for data created at {@code created}, or empty while it is fresh enough. */
    public static Optional<String> staleNotice(String createDate, Instant created, Instant now, String where) {
        if (Duration.between(created, now).compareTo(STALE_AFTER) <= 0) {
            return Optional.empty();
        }
        return Optional.of("the ip-ranges data (" + where + ", createDate " + createDate + ") is " + days(created, now)
                + " days old; AWS changes it several times a week: refresh it with 'wscheck ip-ranges update'");
    }
}
