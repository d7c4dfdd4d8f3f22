package dev.wscheck.catalog.ipranges;

import dev.wscheck.WscheckException;
import dev.wscheck.catalog.IpRanges;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The per-user copy of ip-ranges.json that {@code wscheck ip-ranges update} refreshes and every
 * other command reads. The file is kept exactly as AWS published it (its createDate is inside).
 *
 * <p>Where: {@code WSCHECK_CACHE_DIR} if set; else on Windows {@code %LOCALAPPDATA%\wscheck},
 * on macOS {@code ~/Library/Caches/wscheck}, elsewhere {@code $XDG_CACHE_HOME/wscheck} or
 * {@code ~/.cache/wscheck}. Only the environment given is read (never the JVM's own view of the
 * home directory), so a test with an empty environment never sees the real user's cache.
 *
 * <p>Writes are atomic: the new file is written beside the old one under a temporary name,
 * validated by parsing it, then renamed over it. A reader sees the old file or the new one,
 * never half of either, and a failed update leaves the old file as it was.
 */
public final class IpRangesCache {
    public static final String FILE_NAME = "ip-ranges.json";
    public static final String ENV_DIR = "WSCHECK_CACHE_DIR";

    private final Optional<Path> directory;

    public IpRangesCache(Optional<Path> directory) {
        this.directory = directory;
    }

    /** The cache of the user the environment describes, on the OS named (as {@code os.name} spells it). */
    public static IpRangesCache forEnvironment(Map<String, String> env, String osName) {
        return new IpRangesCache(directory(env, osName));
    }

    static Optional<Path> directory(Map<String, String> env, String osName) {
        String explicit = env.get(ENV_DIR);
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        String home = env.get("HOME");
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            return local == null || local.isBlank() ? Optional.empty() : Optional.of(Path.of(local, "wscheck"));
        }
        if (os.startsWith("mac")) {
            return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home, "Library", "Caches", "wscheck"));
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Optional.of(Path.of(xdg, "wscheck"));
        }
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home, ".cache", "wscheck"));
    }

    public Optional<Path> directory() {
        return directory;
    }

    /** The cached file's path, if this user has a cache directory at all. */
    public Optional<Path> file() {
        return directory.map(d -> d.resolve(FILE_NAME));
    }

    /** The cached data; empty when nothing is cached. A damaged cache file is a WscheckException saying how to repair it. */
    public Optional<IpRanges> read() {
        Optional<Path> f = file();
        if (f.isEmpty() || !Files.isRegularFile(f.get())) {
            return Optional.empty();
        }
        try {
            return Optional.of(IpRanges.load("cached", f.get()));
        } catch (WscheckException e) {
            throw new WscheckException(e.getMessage() + " (run 'wscheck ip-ranges update' to replace it)", e);
        }
    }

    /** The body of a new copy, written by the caller into the temporary file it is given. */
    public interface Body {
        void writeTo(Path temporary) throws IOException;
    }

    /**
     * Stores a new copy atomically: {@code body} fills a temporary file beside the cached one,
     * which is parsed (a malformed download never replaces a good copy) and renamed over it.
     * Returns the parsed data. {@code what} names the source in error messages.
     */
    public IpRanges store(String what, Body body) {
        Path dir = directory.orElseThrow(() -> new WscheckException(
                "no cache directory: set " + ENV_DIR + " (or HOME, XDG_CACHE_HOME, LOCALAPPDATA)"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new WscheckException("cache directory " + dir + ": cannot create it: " + e.getMessage(), e);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new WscheckException("cache directory " + dir + ": not writable");
        }
        Path target = dir.resolve(FILE_NAME);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + FILE_NAME + ".", ".tmp");
            body.writeTo(tmp);
            IpRanges parsed;
            try (InputStream in = Files.newInputStream(tmp)) {
                parsed = IpRanges.parse(what, in);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return parsed;
        } catch (IOException e) {
            throw new WscheckException("cache directory " + dir + ": cannot write " + FILE_NAME + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // best effort: the rename normally consumed it
                }
            }
        }
    }
}
