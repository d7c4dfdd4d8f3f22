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
 * run through a {@link CommandRunner}, and only the current OS's commands are ever run.
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
                order.add(new Source("Windows WinINet", () -> WindowsProxySettings.parseWinInet(
                        runner.run(WININET).orElse(""), runner.run(WININET_CONNECTIONS).orElse(""))));
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

    /** Runs commands of the current OS only, each bounded by {@code timeout}; never throws. */
    public static CommandRunner processRunner(Os os, Duration timeout) {
        return command -> {
            boolean ours = belongsTo(os, command.get(0));
            if (!ours) {
                return Optional.empty();
            }
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectInput(ProcessBuilder.Redirect.PIPE).start();
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
