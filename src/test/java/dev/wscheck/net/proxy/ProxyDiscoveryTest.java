package dev.wscheck.net.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.net.proxy.SystemProxyDiscovery.Os;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * System proxy discovery on recorded outputs of {@code reg query}, {@code netsh winhttp show
 * proxy}, {@code scutil --proxy} and {@code gsettings list-recursively} (src/test/resources/proxy/),
 * the environment and Java's properties; no command is run.
 */
class ProxyDiscoveryTest {

    /**
     * @param outputs      command (its first words) → recorded output file
     * @param expectProxy  the proxy URL, or "" for none
     * @param expectPac    the PAC location, or ""
     * @param bypassed     a host the bypass list must send direct ("" to skip)
     * @param proxied      a host that must not be bypassed ("" to skip)
     * @param noteContains a note that must be present ("" to skip)
     */
    record Case(String name, Os os, Map<String, String> outputs, Map<String, String> env, Properties props, String expectSource,
                String expectProxy, String expectPac, String bypassed, String proxied, String noteContains) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Map<String, String> outputs(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static Properties props(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    static Stream<Case> cases() {
        Map<String, String> noEnv = Map.of();
        Properties noProps = new Properties();
        String inet = "reg query HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings";
        String conn = "reg query HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections";
        String winhttp = "netsh winhttp";
        return Stream.of(
                new Case("Windows: a manual WinINet proxy with its override list", Os.WINDOWS,
                        outputs(inet, "wininet-manual.txt", conn, "wininet-connections-manual.txt"), noEnv, noProps,
                        "system", "http://proxy.corp.example:8080", "", "intranet", "skylight-cm.ap-northeast-1.amazonaws.com", ""),
                new Case("Windows: WinINet's override list matches wildcards", Os.WINDOWS,
                        outputs(inet, "wininet-manual.txt"), noEnv, noProps,
                        "system", "http://proxy.corp.example:8080", "", "10.1.2.3", "110.1.2.3", ""),
                new Case("Windows: an AutoConfigURL takes precedence, the https= proxy stays as the fallback", Os.WINDOWS,
                        outputs(inet, "wininet-pac-and-manual.txt", conn, "wininet-connections-all-flags.txt"), noEnv, noProps,
                        "pac", "http://secureproxy.corp.example:3129", "http://wpad.corp.example/proxy.pac", "intranet", "", "WPAD"),
                new Case("Windows: proxy switched off in WinINet, WinHTTP has one", Os.WINDOWS,
                        outputs(inet, "wininet-off.txt", winhttp, "winhttp-proxy.txt"), noEnv, noProps,
                        "system", "http://winhttp-proxy.corp.example:8080", "", "build.corp.example", "", ""),
                new Case("Windows: automatic detection only is reported, and then nothing else is set", Os.WINDOWS,
                        outputs(inet, "wininet-off.txt", conn, "wininet-connections-autodetect.txt", winhttp, "winhttp-direct.txt"), noEnv, noProps,
                        "none", "", "", "", "", "does not perform WPAD discovery"),
                new Case("Windows: the environment comes after the OS settings, with a note", Os.WINDOWS,
                        outputs(inet, "wininet-off.txt", winhttp, "winhttp-direct.txt"), Map.of("HTTPS_PROXY", "http://198.18.1.1:3128"), noProps,
                        "env", "http://198.18.1.1:3128", "", "", "", "uses the OS proxy settings, not environment variables"),
                new Case("macOS: the secure web proxy with exceptions and simple host names", Os.MACOS,
                        outputs("scutil", "scutil-https.txt"), noEnv, noProps,
                        "system", "http://secureproxy.corp.example:3129", "", "printer", "skylight-cm.ap-northeast-1.amazonaws.com", ""),
                new Case("macOS: exceptions in the short CIDR form match addresses", Os.MACOS,
                        outputs("scutil", "scutil-https.txt"), noEnv, noProps,
                        "system", "http://secureproxy.corp.example:3129", "", "169.254.10.20", "169.255.0.1", ""),
                new Case("macOS: an automatic proxy configuration URL, auto-discovery reported", Os.MACOS,
                        outputs("scutil", "scutil-pac.txt"), noEnv, noProps,
                        "pac", "", "http://pac.corp.example/proxy.pac", "", "", "Auto Proxy Discovery"),
                new Case("macOS: a SOCKS proxy", Os.MACOS, outputs("scutil", "scutil-socks.txt"), noEnv, noProps,
                        "system", "socks5://198.18.1.1:1080", "", "", "", ""),
                new Case("macOS: nothing set, Java's properties are the last source", Os.MACOS, outputs("scutil", "scutil-none.txt"), noEnv,
                        props("https.proxyHost", "198.18.1.1", "https.proxyPort", "3128", "http.nonProxyHosts", "*.corp.example|localhost"),
                        "system", "http://198.18.1.1:3128", "", "git.corp.example", "", ""),
                new Case("Linux: HTTPS_PROXY with NO_PROXY", Os.LINUX, outputs(),
                        Map.of("HTTPS_PROXY", "http://198.18.1.1:3128", "NO_PROXY", "localhost,.corp.example,10.0.0.0/8"), noProps,
                        "env", "http://198.18.1.1:3128", "", "wiki.corp.example", "skylight-cm.ap-northeast-1.amazonaws.com", ""),
                new Case("Linux: lower-case https_proxy wins over upper-case, no_proxy CIDR matches addresses", Os.LINUX, outputs(),
                        Map.of("https_proxy", "socks5h://198.18.1.1:1081", "HTTPS_PROXY", "http://198.18.1.1:3128", "no_proxy", "10.0.0.0/8"), noProps,
                        "env", "socks5://198.18.1.1:1081", "", "10.20.30.40", "11.0.0.1", ""),
                new Case("Linux: credentials in the variable are not used, and said so", Os.LINUX, outputs(),
                        Map.of("HTTPS_PROXY", "http://labuser:labpass@198.18.1.1:3129"), noProps,
                        "env", "http://198.18.1.1:3129", "", "", "", "carries credentials"),
                new Case("Linux: ALL_PROXY when no HTTPS proxy is set", Os.LINUX, outputs(), Map.of("ALL_PROXY", "socks5://198.18.1.1:1080"),
                        noProps, "env", "socks5://198.18.1.1:1080", "", "", "", ""),
                new Case("Linux: http_proxy alone is not for HTTPS", Os.LINUX, outputs("gsettings", "gsettings-none.txt"),
                        Map.of("http_proxy", "http://198.18.1.1:3128"), noProps, "none", "", "", "", "", ""),
                new Case("Linux: GNOME manual proxy with ignore-hosts", Os.LINUX, outputs("gsettings", "gsettings-manual.txt"), noEnv, noProps,
                        "system", "http://secureproxy.corp.example:3129", "", "build.corp.example", "skylight-cm.ap-northeast-1.amazonaws.com", ""),
                new Case("Linux: GNOME automatic mode with a PAC URL", Os.LINUX, outputs("gsettings", "gsettings-auto.txt"), noEnv, noProps,
                        "pac", "", "http://pac.corp.example/proxy.pac", "", "", ""),
                new Case("Linux: GNOME SOCKS proxy", Os.LINUX, outputs("gsettings", "gsettings-socks.txt"), noEnv, noProps,
                        "system", "socks5://198.18.1.1:1081", "", "", "", ""),
                new Case("Linux: no gsettings installed, nothing set anywhere", Os.LINUX, outputs(), noEnv, noProps, "none", "", "", "", "", ""));
    }

    private static String resource(String name) {
        try (InputStream in = ProxyDiscoveryTest.class.getResourceAsStream("/proxy/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("missing test resource proxy/" + name, e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsWhatTheClientWouldUse(Case c) {
        List<String> ran = new ArrayList<>();
        SystemProxyDiscovery.CommandRunner runner = command -> {
            String line = String.join(" ", command);
            ran.add(line);
            for (Map.Entry<String, String> e : c.outputs().entrySet()) {
                if (line.startsWith(e.getKey()) && !(e.getKey().endsWith("Internet Settings") && line.contains("Connections"))) {
                    return Optional.of(resource(e.getValue()));
                }
            }
            return Optional.empty();
        };
        SystemProxyDiscovery.Result r = SystemProxyDiscovery.discover(c.os(), c.env(), c.props(), runner);
        ProxyConfig config = r.config();
        assertEquals(c.expectSource(), config.source(), config.toString());
        assertEquals(c.expectProxy(), config.proxy().map(p -> p.url()).orElse(""), config.toString());
        assertEquals(c.expectPac(), config.pac().orElse(""), config.toString());
        if (!c.bypassed().isEmpty()) {
            assertTrue(config.bypass().match(c.bypassed()).isPresent(), c.bypassed() + " should go direct: " + config.bypass().texts());
        }
        if (!c.proxied().isEmpty()) {
            assertTrue(config.bypass().match(c.proxied()).isEmpty(), c.proxied() + " should use the proxy: " + config.bypass().texts());
        }
        if (!c.noteContains().isEmpty()) {
            assertTrue(config.notes().stream().anyMatch(n -> n.contains(c.noteContains())), config.notes().toString());
        }
        assertTrue(config.notes().stream().noneMatch(n -> n.contains("labpass")), "never a password in a note");
        for (String command : ran) {
            boolean windows = command.startsWith("reg ") || command.startsWith("netsh ");
            boolean mac = command.startsWith("scutil");
            boolean linux = command.startsWith("gsettings");
            assertTrue(c.os() == Os.WINDOWS ? windows : c.os() == Os.MACOS ? mac : linux, "only the OS's own commands: " + command);
        }
        assertTrue(!r.consulted().isEmpty(), "the sources consulted are listed");
    }

    @Test
    void winInetProxyServerPicksTheHttpsEntry() {
        assertEquals(Optional.of("b:2"), WindowsProxySettings.forHttps("http=a:1;https=b:2"));
        assertEquals(Optional.of("socks5://c:3"), WindowsProxySettings.forHttps("http=a:1;socks=c:3"));
        assertEquals(Optional.empty(), WindowsProxySettings.forHttps("http=a:1;ftp=f:21"));
        assertEquals(Optional.of("p:8080"), WindowsProxySettings.forHttps("p:8080"));
    }

    /** Whether the runner finds a program on the PATH before starting it, in a folder made for the test. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({
        "a program in a PATH folder is run and its output read, gsettings, true, true",
        "a program on no PATH folder is nothing set without a start, gsettings, false, true",
        "a file there that is not executable is not a program, gsettings, true, false"})
    void theProcessRunnerLooksForTheProgramOnThePath(String name, String program, boolean present, boolean executable,
                                                    @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Os.current() == Os.LINUX, "a shell script stands in for gsettings");
        java.nio.file.Path bin = java.nio.file.Files.createDirectories(dir.resolve("bin"));
        if (present) {
            java.nio.file.Path p = java.nio.file.Files.writeString(bin.resolve(program),
                    "#!/bin/sh\necho \"org.gnome.system.proxy mode 'none'\"\n");
            p.toFile().setExecutable(executable);
        }
        String path = dir.resolve("empty") + java.io.File.pathSeparator + bin;
        assertEquals(present && executable, SystemProxyDiscovery.find(program, path, Os.LINUX).isPresent(), name);
        Optional<String> out = SystemProxyDiscovery.processRunner(Os.LINUX, java.time.Duration.ofSeconds(5), path)
                .run(List.of(program, "list-recursively", "org.gnome.system.proxy"));
        assertEquals(present && executable ? Optional.of("org.gnome.system.proxy mode 'none'\n") : Optional.empty(), out, name);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "the PATH when there is one|LINUX|/opt/x/bin|/opt/x/bin",
        "a Linux service without a PATH: the system bin folders|LINUX||/usr/bin:/bin:/usr/sbin:/sbin",
        "a Windows task without a PATH: System32 under SystemRoot|WINDOWS||D:\\Win\\System32"})
    void theCommandsAreLookedForOnThePathOrWhereTheOsKeepsThem(String name, Os os, String path, String expected) {
        Map<String, String> env = new java.util.HashMap<>();
        if (path != null) {
            env.put("PATH", path);
        }
        env.put("SystemRoot", "D:\\Win");
        assertEquals(expected, SystemProxyDiscovery.searchPath(os, env), name);
    }

    @Test
    void aPrefetchedCommandIsRunOnceAndItsOutputUsedByTheDiscovery() {
        java.util.concurrent.atomic.AtomicInteger early = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger late = new java.util.concurrent.atomic.AtomicInteger();
        SystemProxyDiscovery.prefetch(Os.MACOS, command -> {
            early.incrementAndGet();
            return Optional.of(resource("scutil-https.txt"));
        });
        SystemProxyDiscovery.CommandRunner runner = SystemProxyDiscovery.withPrefetched(command -> {
            late.incrementAndGet();
            return Optional.empty();
        });
        SystemProxyDiscovery.Result r = SystemProxyDiscovery.discover(Os.MACOS, Map.of(), new java.util.Properties(), runner);
        assertEquals("http://secureproxy.corp.example:3129", r.config().proxy().map(p -> p.url()).orElse(""), r.config().toString());
        assertEquals(1, early.get(), "scutil ran once, in the background");
        assertEquals(0, late.get(), "and not again for the discovery");
        runner.run(SystemProxyDiscovery.SCUTIL);
        assertEquals(1, late.get(), "a prefetched output is used once; a later discovery runs the command itself");
    }

    @Test
    void theProcessRunnerRefusesAnotherOsCommands() {
        SystemProxyDiscovery.CommandRunner linux = SystemProxyDiscovery.processRunner(Os.LINUX, java.time.Duration.ofSeconds(1));
        assertEquals(Optional.empty(), linux.run(List.of("reg", "query", "HKCU")));
        assertEquals(Optional.empty(), linux.run(List.of("scutil", "--proxy")));
    }
}
