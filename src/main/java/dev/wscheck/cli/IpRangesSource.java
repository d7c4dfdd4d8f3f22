package dev.wscheck.cli;

import dev.wscheck.catalog.IpRanges;
import dev.wscheck.catalog.ipranges.DataAge;
import dev.wscheck.catalog.ipranges.IpRangesCache;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a command's ip-ranges data comes from: {@code --ip-ranges FILE} if given, else the
 * per-user cache that {@code wscheck ip-ranges update} fills, else none. Whoever loads it says,
 * in one stderr line, when it is older than 30 days.
 *
 * @param origin {@code file} or {@code cache}
 * @param path the file read
 */
record IpRangesSource(IpRanges ranges, String origin, Path path) {

    static IpRangesCache cache(CliContext ctx) {
        return IpRangesCache.forEnvironment(ctx.env(), System.getProperty("os.name", ""));
    }

    /** Loads the data a command should use; a malformed file is a WscheckException (exit 3). */
    static Optional<IpRangesSource> load(CliContext ctx, Path option) {
        if (option != null) {
            return Optional.of(new IpRangesSource(IpRanges.load("--ip-ranges", option), "file", option));
        }
        IpRangesCache cache = cache(ctx);
        return cache.read().map(r -> new IpRangesSource(r, "cache", cache.file().orElseThrow()));
    }

    /** Prints the staleness notice, if the data is older than 30 days. */
    void announceAge(CliContext ctx, java.util.Locale locale) {
        DataAge.staleNotice(ranges.createDate(), ranges.createdAt(), Instant.now(), origin.equals("file") ? path.toString() : "cached")
                .ifPresent(n -> Messages.notice(ctx.err(), locale, n));
    }
}
