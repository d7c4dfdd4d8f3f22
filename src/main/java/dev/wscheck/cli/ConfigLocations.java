package dev.wscheck.cli;

import dev.wscheck.net.proxy.SystemProxyDiscovery.Os;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@code check} finds its site configuration when no {@code --config} is given, so that a
 * scheduled task can be a bare {@code wscheck check} (docs/scheduling.md). The first of these
 * that applies wins; files are never merged:
 *
 * <ol>
 *   <li>{@code --config FILE}</li>
 *   <li>{@code WSCHECK_CONFIG} (a file that must exist)</li>
 *   <li>the per-user file, if it exists: Linux {@code $XDG_CONFIG_HOME/wscheck/wscheck.properties}
 *       (else {@code ~/.config/...}), macOS {@code ~/Library/Application Support/wscheck/wscheck.properties},
 *       Windows {@code %APPDATA%\wscheck\wscheck.properties}</li>
 *   <li>the machine-wide file, if it exists: Linux {@code /etc/wscheck/wscheck.properties}, macOS
 *       {@code /Library/Application Support/wscheck/wscheck.properties}, Windows
 *       {@code %ProgramData%\wscheck\wscheck.properties}</li>
 * </ol>
 *
 * Every location is computed from the environment map the command line was given (never from
 * the process's own), and {@code WSCHECK_SYSTEM_CONFIG_DIR} replaces the machine-wide directory
 * (empty: none), so that tests never read the real machine's files.
 */
final class ConfigLocations {
    static final String FILE_NAME = "wscheck.properties";

    private ConfigLocations() {}

    /** The per-user and the machine-wide file for {@code os}, in that order of preference (absent where undefined). */
    static List<Path> defaults(Os os, Map<String, String> env) {
        List<Path> out = new ArrayList<>();
        user(os, env).ifPresent(out::add);
        machine(os, env).ifPresent(out::add);
        return out;
    }

    static Optional<Path> user(Os os, Map<String, String> env) {
        switch (os) {
            case WINDOWS:
                return dir(env.get("APPDATA")).map(d -> d.resolve("wscheck").resolve(FILE_NAME));
            case MACOS:
                return dir(env.get("HOME")).map(d -> d.resolve("Library/Application Support/wscheck").resolve(FILE_NAME));
            default:
                Optional<Path> xdg = dir(env.get("XDG_CONFIG_HOME"));
                return (xdg.isPresent() ? xdg : dir(env.get("HOME")).map(h -> h.resolve(".config")))
                        .map(d -> d.resolve("wscheck").resolve(FILE_NAME));
        }
    }

    static Optional<Path> machine(Os os, Map<String, String> env) {
        String override = env.get("WSCHECK_SYSTEM_CONFIG_DIR");
        if (override != null) {
            return dir(override).map(d -> d.resolve(FILE_NAME));
        }
        switch (os) {
            case WINDOWS:
                return dir(env.get("ProgramData")).or(() -> dir(env.get("PROGRAMDATA"))).map(d -> d.resolve("wscheck").resolve(FILE_NAME));
            case MACOS:
                return Optional.of(Path.of("/Library/Application Support/wscheck", FILE_NAME));
            default:
                return Optional.of(Path.of("/etc/wscheck", FILE_NAME));
        }
    }

    /**
     * The configuration {@code check} uses: {@code --config} (given as {@code explicit}), else
     * {@code WSCHECK_CONFIG}, else the first default location that exists; empty when none.
     */
    static Optional<ConfigFile> find(Optional<String> explicit, Os os, Map<String, String> env) {
        if (explicit.isPresent()) {
            return Optional.of(ConfigFile.read(Path.of(explicit.get()), "--config"));
        }
        String fromEnv = env.get("WSCHECK_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(ConfigFile.read(Path.of(fromEnv.trim()), "WSCHECK_CONFIG"));
        }
        List<Path> defaults = defaults(os, env);
        for (int i = 0; i < defaults.size(); i++) {
            Path p = defaults.get(i);
            if (Files.isRegularFile(p)) {
                boolean user = user(os, env).filter(p::equals).isPresent();
                return Optional.of(ConfigFile.read(p, user ? "the per-user configuration" : "the machine-wide configuration"));
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> dir(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.trim()));
    }
}
