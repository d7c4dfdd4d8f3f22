package dev.wscheck.catalog.ipranges;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Where the per-user cache lives on each OS, and when data counts as stale. */
class IpRangesCacheTest {
    record Where(String name, Map<String, String> env, String os, Optional<Path> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Where> places() {
        return Stream.of(
                new Where("WSCHECK_CACHE_DIR wins everywhere", Map.of("WSCHECK_CACHE_DIR", "/srv/ws", "HOME", "/home/a"), "Linux", Optional.of(Path.of("/srv/ws"))),
                new Where("Linux with XDG_CACHE_HOME", Map.of("XDG_CACHE_HOME", "/x/cache", "HOME", "/home/a"), "Linux", Optional.of(Path.of("/x/cache/wscheck"))),
                new Where("Linux with a relative XDG_CACHE_HOME falls back to ~/.cache", Map.of("XDG_CACHE_HOME", "cache", "HOME", "/home/a"), "Linux",
                        Optional.of(Path.of("/home/a/.cache/wscheck"))),
                new Where("Linux without XDG_CACHE_HOME", Map.of("HOME", "/home/a"), "Linux", Optional.of(Path.of("/home/a/.cache/wscheck"))),
                new Where("macOS", Map.of("HOME", "/Users/a"), "Mac OS X", Optional.of(Path.of("/Users/a/Library/Caches/wscheck"))),
                new Where("Windows uses LOCALAPPDATA", Map.of("LOCALAPPDATA", "/c/Users/a/AppData/Local", "HOME", "/c/Users/a"), "Windows 11",
                        Optional.of(Path.of("/c/Users/a/AppData/Local", "wscheck"))),
                new Where("an empty environment has no cache (never the JVM's own idea of home)", Map.of(), "Linux", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("places")
    void directory(Where c) {
        assertEquals(c.expected(), IpRangesCache.directory(c.env(), c.os()));
    }

    record Age(String name, String created, String now, boolean stale) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Age> ages() {
        return Stream.of(new Age("a day old is fresh", "2026-11-27T00:00:00Z", "2026-11-28T00:00:00Z", false),
                new Age("exactly 30 days old is still fresh", "2026-10-29T00:00:00Z", "2026-11-28T00:00:00Z", false),
                new Age("30 days and a minute is stale", "2026-10-28T23:59:00Z", "2026-11-28T00:00:00Z", true),
                new Age("a date in the future is not stale", "2026-12-28T00:00:00Z", "2026-11-28T00:00:00Z", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ages")
    void staleness(Age c) {
        Optional<String> notice = DataAge.staleNotice("x", Instant.parse(c.created()), Instant.parse(c.now()), "cached");
        assertEquals(c.stale(), notice.isPresent(), notice.toString());
    }
}
