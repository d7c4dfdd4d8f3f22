package dev.wscheck.net.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code --proxy system}: finds the proxy this PC's WorkSpaces client would use, from the first
 * source that names one, in this order (docs/proxies.md):
 * <ul>
 *   <li>Windows: WinINet (this user's Internet Options: the "OS proxy" of the client), WinHTTP
 *       (machine-wide), the environment, Java's proxy properties;</li>
 *   <li>macOS: {@code scutil --proxy}, the environment, Java's proxy properties;</li>
 *   <li>Linux and others: the environment (the client inherits it), the GNOME settings, Java's
 *       proxy properties.</li>
 * </ul>
 * Each OS source is a parser of a command's output (unit-tested on recorded outputs); commands
 * run through a {@link CommandRunner}, and only the current OS's commands are ever run, only when
 * they are on the PATH.
 */
public final class SystemProxyDiscovery {
    /** Which family of settings applies. */
    public enum Os {
        WINDOWS, MACOS, LINUX, OTHER;

        public static Os current() {
            String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            if (name.startsWith("windows")) {
                return WINDOWS;
            }
            if (name.startsWith("mac") || name.contains("darwin")) {
                return MACOS;
            }
            return name.contains("linux") ? LINUX : OTHER;
        }
    }

    /** Runs a command and returns its standard output, or empty when it cannot run or fails. */
    @FunctionalInterface
    public interface CommandRunner {
        Optional<String> run(List<String> command);
    }

    /** What was found, and every source consulted with what it said (for the report). */
    public record Result(ProxyConfig config, List<String> consulted) {}

    static final List<String> WININET = List.of("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings");
    static final List<String> WININET_CONNECTIONS = List.of("reg", "query",
            "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections", "/v", "DefaultConnectionSettings");
    static final List<String> WINHTTP = List.of("netsh", "winhttp", "show", "proxy");
    static final List<String> SCUTIL = List.of("scutil", "--proxy");
    static final List<String> GSETTINGS = List.of("gsettings", "list-recursively", "org.gnome.system.proxy");

    private SystemProxyDiscovery() {}

    public static Result discover(Os os, Map<String, String> env, Properties javaProperties, CommandRunner runner) {
        List<String> consulted = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Source> order = new ArrayList<>();
        switch (os) {
            case WINDOWS:
                order.add(new Source("Windows WinINet", () -> {
                    // The two queries of one source run side by side: each is a process start (tens of ms on Windows).
                    java.util.concurrent.CompletableFuture<Optional<String>> connections =
                            java.util.concurrent.CompletableFuture.supplyAsync(() -> runner.run(WININET_CONNECTIONS));
                    String settings = runner.run(WININET).orElse("");
                    return WindowsProxySettings.parseWinInet(settings, connections.join().orElse(""));
                }));
                order.add(new Source("Windows WinHTTP", () -> WindowsProxySettings.parseWinHttp(runner.run(WINHTTP).orElse(""))));
                order.add(new Source("environment", () -> EnvProxySettings.parse(env)));
                break;
            case MACOS:
                order.add(new Source("macOS scutil", () -> MacProxySettings.parseScutil(runner.run(SCUTIL).orElse(""))));
                order.add(new Source("environment", () -> EnvProxySettings.parse(env)));
                break;
            default:
                order.add(new Source("environment", () -> EnvProxySettings.parse(env)));
                order.add(new Source("GNOME gsettings", () -> GnomeProxySettings.parseGsettings(runner.run(GSETTINGS).orElse(""))));
                break;
        }
        order.add(new Source("Java properties", () -> JavaProxySettings.parse(javaProperties)));
        for (Source s : order) {
            Optional<ProxyConfig> found = s.read().get();
            if (found.isEmpty()) {
                consulted.add(s.name() + ": nothing set");
                continue;
            }
            ProxyConfig c = found.get();
            notes.addAll(c.notes());
            consulted.add(s.name() + ": " + c.summary());
            if (c.usesProxy()) {
                ProxyConfig chosen = new ProxyConfig(c.source(), c.origin(), c.proxy(), c.bypass(), c.pac(), notes);
                if (os != Os.LINUX && os != Os.OTHER && c.source().equals("env")) {
                    chosen = chosen.withNote("the WorkSpaces client on " + (os == Os.WINDOWS ? "Windows" : "macOS")
                            + " uses the OS proxy settings, not environment variables; checked with the environment's proxy anyway");
                }
                return new Result(chosen, consulted);
            }
        }
        return new Result(ProxyConfig.none("no proxy configured in any source", notes), consulted);
    }

    private record Source(String name, java.util.function.Supplier<Optional<ProxyConfig>> read) {}

    /** The commands of {@code os}'s first source, which every --proxy system discovery runs. */
    static List<List<String>> firstCommands(Os os) {
        switch (os) {
            case WINDOWS:
                return List.of(WININET, WININET_CONNECTIONS);
            case MACOS:
                return List.of(SCUTIL);
            case LINUX:
                return List.of(GSETTINGS);
            default:
                return List.of();
        }
    }

    private static final java.util.concurrent.ConcurrentMap<List<String>, java.util.concurrent.CompletableFuture<Optional<String>>> EARLY =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Starts the OS's first-source commands on a background thread, for a check that will discover
     * the system proxy: the command line calls this before picocli builds its model, so the process
     * starts (tens of milliseconds each, more on Windows) overlap it. {@link #processRunner} then
     * takes their output instead of running them again. Read-only commands; nothing else changes.
     */
    public static void prefetch(Os os, Duration timeout) {
        prefetch(os, processRunner(os, timeout, searchPath(os, System.getenv())));
    }

    /** As above, each command run by {@code direct} (tests give a fake). */
    static void prefetch(Os os, CommandRunner direct) {
        for (List<String> command : firstCommands(os)) {
            EARLY.computeIfAbsent(command, c ->
                    dev.wscheck.Background.complete("wscheck-proxy-prefetch", new java.util.concurrent.CompletableFuture<>(), () -> direct.run(c)));
        }
    }

    /**
     * Runs commands of the current OS only, each bounded by {@code timeout}; never throws. A command
     * {@link #prefetch} started is not run again: its output is used (the first time only). A program
     * that is not on the PATH is "nothing set" without an attempt to start it (a Linux server has no
     * gsettings: the failed start cost ~25 ms of every check's start-up).
     */
    public static CommandRunner processRunner(Os os, Duration timeout) {
        return withPrefetched(processRunner(os, timeout, searchPath(os, System.getenv())));
    }

    /**
     * Where the OS's commands are looked for: the PATH, else (a service or a cron job started without
     * one) the folders they live in: System32 on Windows, the system bin folders elsewhere.
     */
    static String searchPath(Os os, Map<String, String> env) {
        String path = env.get("PATH");
        if (path != null && !path.isBlank()) {
            return path;
        }
        if (os == Os.WINDOWS) {
            return env.getOrDefault("SystemRoot", "C:\\Windows") + "\\System32";
        }
        return String.join(java.io.File.pathSeparator, "/usr/bin", "/bin", "/usr/sbin", "/sbin");
    }

    /** {@code direct}, except that a command {@link #prefetch} started gives that output (once). */
    static CommandRunner withPrefetched(CommandRunner direct) {
        return command -> {
            java.util.concurrent.CompletableFuture<Optional<String>> early = EARLY.remove(command);
            return early != null ? early.join() : direct.run(command);
        };
    }

    static CommandRunner processRunner(Os os, Duration timeout, String path) {
        return command -> {
            Optional<java.nio.file.Path> program = belongsTo(os, command.get(0)) ? find(command.get(0), path, os) : Optional.empty();
            if (program.isEmpty()) {
                return Optional.empty();
            }
            List<String> resolved = new ArrayList<>(command);
            resolved.set(0, program.get().toString()); // the file found is the one started
            try {
                Process p = new ProcessBuilder(resolved).redirectErrorStream(false).redirectInput(ProcessBuilder.Redirect.PIPE).start();
                p.getOutputStream().close();
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                Thread reader = new Thread(() -> copy(p.getInputStream(), buf), "proxy-discovery-reader");
                reader.setDaemon(true);
                reader.start();
                Thread drain = new Thread(() -> copy(p.getErrorStream(), new ByteArrayOutputStream()), "proxy-discovery-stderr");
                drain.setDaemon(true);
                drain.start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    return Optional.empty();
                }
                reader.join(500);
                if (p.exitValue() != 0) {
                    return Optional.empty();
                }
                synchronized (buf) {
                    return Optional.of(buf.toString(Charset.defaultCharset()));
                }
            } catch (IOException e) {
                return Optional.empty(); // not installed (no gsettings on a server)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        };
    }

    /** The first executable file named {@code program} in {@code path}'s folders (with ".exe" on Windows), if any. */
    static Optional<java.nio.file.Path> find(String program, String path, Os os) {
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        String file = os == Os.WINDOWS && !program.toLowerCase(Locale.ROOT).endsWith(".exe") ? program + ".exe" : program;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            try {
                java.nio.file.Path p = java.nio.file.Path.of(dir.trim(), file);
                if (java.nio.file.Files.isRegularFile(p) && (os == Os.WINDOWS || java.nio.file.Files.isExecutable(p))) {
                    return Optional.of(p.toAbsolutePath());
                }
            } catch (java.nio.file.InvalidPathException e) {
                // a malformed PATH entry names no program
            }
        }
        return Optional.empty();
    }

    /** Whether {@code program} belongs to {@code os}'s sources. */
    private static boolean belongsTo(Os os, String program) {
        switch (os) {
            case WINDOWS:
                return program.equals("reg") || program.equals("netsh");
            case MACOS:
                return program.equals("scutil");
            case LINUX:
                return program.equals("gsettings");
            default:
                return false;
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] b = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(b)) >= 0) {
                synchronized (out) {
                    out.write(b, 0, n);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
