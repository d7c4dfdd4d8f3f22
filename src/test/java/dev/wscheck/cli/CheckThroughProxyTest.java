package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wscheck.fixtures.DnsFixture;
import dev.wscheck.fixtures.FixtureSet;
import dev.wscheck.fixtures.HttpProxyFixture;
import dev.wscheck.fixtures.Socks5Fixture;
import dev.wscheck.fixtures.TcpFixture;
import dev.wscheck.testing.CliRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code wscheck check} through in-process HTTP CONNECT and SOCKS5 proxies, end to end: routing
 * per traffic class, the direct-vs-proxy comparison, proxy outcomes with their remediation,
 * where the proxy came from (explicit, environment, PAC), and a password that appears in no
 * output. Names resolve through the DNS fixture; hidden.wscheck.test is NXDOMAIN locally, so only
 * a proxy (whose "DNS" maps every name to 127.0.0.1) reaches it.
 */
class CheckThroughProxyTest {
    private static final String PASSWORD = "Wsc-Secret-7319";

    @TempDir
    static Path tmp;

    private static final FixtureSet FIXTURES = new FixtureSet();
    private static DnsFixture dns;
    private static Path catalog;
    private static Path root;

    @BeforeAll
    static void startFixtures() throws IOException {
        ProxyCatalogFixture endpoints = ProxyCatalogFixture.start(FIXTURES, tmp, ProxyCatalogFixture.Hidden.PROXY_ONLY);
        dns = endpoints.dns();
        catalog = endpoints.catalog();
        root = endpoints.root();
    }

    @AfterAll
    static void stopFixtures() throws Exception {
        FIXTURES.close();
    }

    private static List<String> args(String... extra) {
        List<String> args = new ArrayList<>(List.of("check", "--region", "ap-northeast-1", "--catalog", catalog.toString(),
                "--dns-server", "127.0.0.1:" + dns.address().getPort(), "--trust", root.toString(), "--public-roots", root.toString(),
                "--timeout", "2s", "--samples", "1"));
        args.addAll(List.of(extra));
        return args;
    }

    private static CliRun run(Map<String, String> env, List<String> args) {
        return CliRun.of(env, args.toArray(new String[0]));
    }

    private static JsonNode json(CliRun r) {
        try {
            return new ObjectMapper().readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.out() + r.err(), e);
        }
    }

    static JsonNode requirement(JsonNode report, String id) {
        for (JsonNode q : report.path("requirements")) {
            if (q.path("id").asText().equals(id)) {
                return q;
            }
        }
        throw new AssertionError("no requirement " + id);
    }

    /** The check of {@code probe} with the given role ("" = on the client's path). */
    static JsonNode check(JsonNode report, String id, String probe, String role) {
        for (JsonNode c : requirement(report, id).path("checks")) {
            if (c.path("probe").asText().equals(probe) && c.path("role").asText("").equals(role)) {
                return c;
            }
        }
        throw new AssertionError("no " + probe + " check with role '" + role + "' in " + requirement(report, id));
    }

    interface ProxyFactory {
        AutoCloseable start() throws IOException;
    }

    /** {@code proxyArgs} may use "{PORT}" for the proxy fixture's port. */
    record Case(String name, ProxyFactory proxy, List<String> proxyArgs, Map<String, String> env, int exit, Consumer<JsonNode> verify) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static void status(JsonNode report, String id, String status) {
        assertEquals(status, requirement(report, id).path("status").asText(), requirement(report, id).toString());
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("an explicit HTTP proxy carries HTTPS; streaming stays direct; the local DNS is evidence only",
                        HttpProxyFixture::open, List.of("--proxy", "http://127.0.0.1:{PORT}"), Map.of(), 0, r -> {
                            assertEquals("explicit", r.path("proxy").path("source").asText());
                            status(r, "session-broker", "pass");
                            status(r, "proxy-only", "pass");
                            assertEquals("proxy", check(r, "session-broker", "https", "").path("via").asText());
                            assertEquals("proxy", check(r, "session-broker", "tcp", "").path("via").asText());
                            assertEquals("direct", check(r, "pcoip-streaming-tcp", "tcp", "").path("via").asText(), "PCoIP never uses a proxy");
                            assertEquals("direct", check(r, "dcv-streaming-tcp", "tcp", "").path("via").asText(), "DCV direct without --dcv-proxy");
                            assertEquals("dns-nxdomain", check(r, "proxy-only", "dns", "local-dns").path("outcome").asText());
                            assertEquals("works", requirement(r, "session-broker").path("route").path("direct").asText());
                            JsonNode route = requirement(r, "proxy-only").path("route");
                            assertEquals("works", route.path("proxy").asText());
                            assertEquals("blocked", route.path("direct").asText(), "direct blocked, proxy works is healthy");
                            assertTrue(route.path("summary").asText().contains("fine, the client uses the proxy"), route.toString());
                            assertTrue(r.path("proxy").path("resolved").size() >= 3, r.path("proxy").toString());
                        }),
                new Case("a proxy allowlist missing one domain fails exactly that requirement with proxy-denied",
                        () -> HttpProxyFixture.denying(Set.of("ws.wscheck.test")), List.of("--proxy", "http://127.0.0.1:{PORT}"), Map.of(), 2, r -> {
                            status(r, "ws-broker", "fail");
                            assertEquals("proxy-denied", check(r, "ws-broker", "tcp", "").path("outcome").asText());
                            assertEquals("skipped", check(r, "ws-broker", "https", "").path("outcome").asText());
                            status(r, "session-broker", "pass");
                            status(r, "proxy-only", "pass");
                            assertTrue(r.path("findings").path("proxyDenied").toString().contains("ws.wscheck.test:"), r.path("findings").toString());
                            JsonNode route = requirement(r, "ws-broker").path("route");
                            assertEquals("fails", route.path("proxy").asText());
                            assertEquals("works", route.path("direct").asText());
                            String remediation = requirement(r, "ws-broker").path("remediation").toString();
                            assertTrue(remediation.contains("allow CONNECT to ws.wscheck.test on port"), remediation);
                            assertTrue(remediation.contains("proxy bypass list"), "proxy broken, direct works says so: " + remediation);
                        }),
                new Case("a proxy demanding authentication without credentials is proxy-auth-required, with the client's limitation",
                        () -> HttpProxyFixture.requiringBasic("labuser", PASSWORD), List.of("--proxy", "http://127.0.0.1:{PORT}"), Map.of(), 2, r -> {
                            assertEquals("proxy-auth-required", check(r, "session-broker", "tcp", "").path("outcome").asText());
                            assertTrue(requirement(r, "session-broker").path("remediation").toString().contains("cannot authenticate to a proxy"));
                        }),
                new Case("credentials from WSCHECK_PROXY_PASSWORD get through, but the client cannot send them: fail, or warn where direct works",
                        () -> HttpProxyFixture.requiringBasic("labuser", PASSWORD), List.of("--proxy", "http://127.0.0.1:{PORT}", "--proxy-user", "labuser"),
                        Map.of("WSCHECK_PROXY_PASSWORD", PASSWORD), 2, r -> {
                            assertEquals("ok", check(r, "session-broker", "https", "").path("outcome").asText(), "the checks show what passes with credentials");
                            status(r, "session-broker", "warn");
                            assertTrue(requirement(r, "session-broker").path("note").asText().contains("bypass the proxy"), requirement(r, "session-broker").toString());
                            status(r, "proxy-only", "fail");
                            assertTrue(requirement(r, "proxy-only").path("remediation").toString().contains("exempt the WorkSpaces destinations from authentication"),
                                    requirement(r, "proxy-only").toString());
                            status(r, "pcoip-streaming-tcp", "pass");
                            assertEquals("labuser", r.path("proxy").path("user").asText());
                            assertTrue(r.path("proxy").path("findings").toString().contains("cannot authenticate to a proxy"));
                        }),
                new Case("an NTLM-only proxy is proxy-auth-unsupported", HttpProxyFixture::windowsSignInOnly,
                        List.of("--proxy", "http://127.0.0.1:{PORT}"), Map.of(), 2,
                        r -> assertEquals("proxy-auth-unsupported", check(r, "session-broker", "tcp", "").path("outcome").asText())),
                new Case("a SOCKS5 proxy with username and password gets through, but the client cannot authenticate to it",
                        () -> Socks5Fixture.requiringPassword("labuser", PASSWORD),
                        List.of("--proxy", "socks5://127.0.0.1:{PORT}", "--proxy-user", "labuser"), Map.of("WSCHECK_PROXY_PASSWORD", PASSWORD), 2, r -> {
                            assertEquals("ok", check(r, "session-broker", "tls", "").path("outcome").asText());
                            status(r, "session-broker", "warn");
                            status(r, "proxy-only", "fail");
                            assertEquals("socks5://127.0.0.1:" + r.path("proxy").path("url").asText().split(":")[2],
                                    r.path("proxy").path("url").asText());
                        }),
                new Case("--proxy system finds HTTPS_PROXY in the environment, with NO_PROXY honoured", HttpProxyFixture::open,
                        List.of("--proxy", "system"), Map.of("HTTPS_PROXY", "http://127.0.0.1:{PORT}", "NO_PROXY", "broker.wscheck.test"), 0, r -> {
                            assertEquals("env", r.path("proxy").path("source").asText());
                            assertTrue(r.path("proxy").path("origin").asText().contains("HTTPS_PROXY"));
                            assertEquals("direct", check(r, "session-broker", "https", "").path("via").asText(), "bypassed by NO_PROXY");
                            assertEquals("proxy", check(r, "ws-broker", "https", "").path("via").asText());
                            status(r, "proxy-only", "pass");
                        }),
                new Case("--dcv-proxy sends DCV TCP 4195 through the HTTP proxy; a proxy refusing the port is proxy-denied",
                        () -> HttpProxyFixture.denying(Set.of("drp.wscheck.test")), List.of("--proxy", "http://127.0.0.1:{PORT}", "--dcv-proxy"),
                        Map.of(), 2, r -> {
                            assertEquals("proxy", check(r, "dcv-streaming-tcp", "tcp", "").path("via").asText());
                            assertEquals("proxy-denied", check(r, "dcv-streaming-tcp", "tcp", "").path("outcome").asText());
                            assertTrue(requirement(r, "dcv-streaming-tcp").path("remediation").toString().contains("AWS recommends sending DCV TCP 4195 directly"));
                            assertEquals("direct", check(r, "pcoip-streaming-tcp", "tcp", "").path("via").asText());
                        }),
                new Case("a proxy that is down is proxy-unreachable for every HTTPS requirement", TcpFixture::refusing,
                        List.of("--proxy", "http://127.0.0.1:{PORT}"), Map.of(), 2, r -> {
                            assertEquals("proxy-unreachable", check(r, "session-broker", "tcp", "").path("outcome").asText());
                            assertEquals("proxy-unreachable", check(r, "proxy-only", "tcp", "").path("outcome").asText());
                            status(r, "pcoip-streaming-tcp", "pass");
                        }));
    }

    private static int port(AutoCloseable f) {
        if (f instanceof HttpProxyFixture h) {
            return h.port();
        }
        if (f instanceof Socks5Fixture s) {
            return s.port();
        }
        return ((TcpFixture) f).port();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void checksThroughTheProxy(Case c) throws Exception {
        try (AutoCloseable proxy = c.proxy().start()) {
            String p = Integer.toString(port(proxy));
            List<String> args = args("--format", "json");
            c.proxyArgs().forEach(a -> args.add(a.replace("{PORT}", p)));
            Map<String, String> env = new HashMap<>();
            c.env().forEach((k, v) -> env.put(k, v.replace("{PORT}", p)));
            CliRun r = run(env, args);
            assertEquals(c.exit(), r.exit(), r.err() + r.out());
            c.verify().accept(json(r));
            assertFalse(r.out().contains(PASSWORD) || r.err().contains(PASSWORD), "never the password");
        }
    }

    @Test
    void aPacFileDecidesPerUrlAndAPacThatThrowsIsAFindingNotACrash() throws Exception {
        try (HttpProxyFixture proxy = HttpProxyFixture.open()) {
            Path pac = Files.writeString(tmp.resolve("proxy.pac"), String.join("\n",
                    "function FindProxyForURL(url, host) {",
                    "  if (host == 'ws.wscheck.test') throw new Error('broken rule');",
                    "  if (dnsDomainIs(host, '.wscheck.test')) return 'PROXY 127.0.0.1:" + proxy.port() + "; DIRECT';",
                    "  return 'DIRECT';",
                    "}"));
            CliRun r = run(Map.of(), args("--format", "json", "--pac", pac.toString()));
            JsonNode report = json(r);
            assertEquals(0, r.exit(), r.err() + r.out());
            assertEquals("pac", report.path("proxy").path("source").asText());
            assertEquals(pac.toString(), report.path("proxy").path("pac").asText());
            assertEquals("proxy", check(report, "session-broker", "https", "").path("via").asText());
            assertEquals("direct", check(report, "ws-broker", "https", "").path("via").asText(), "a PAC that throws falls back to direct");
            assertTrue(report.path("proxy").path("findings").toString().contains("throws"), report.path("proxy").toString());
            status(report, "proxy-only", "pass");
            CliRun console = run(Map.of(), args("--no-color", "--pac", pac.toString()));
            assertTrue(console.out().contains("Proxy configuration:") && console.out().contains("broken rule"), console.out());
        }
    }

    @Test
    void thePasswordAppearsInNoOutputFormat() throws Exception {
        try (HttpProxyFixture proxy = HttpProxyFixture.requiringBasic("labuser", PASSWORD)) {
            Map<String, String> env = Map.of("WSCHECK_PROXY_PASSWORD", PASSWORD);
            Path file = tmp.resolve("with-password.json");
            List<String> base = List.of("--proxy", "http://127.0.0.1:" + proxy.port(), "--proxy-user", "labuser");
            List<CliRun> runs = new ArrayList<>();
            for (List<String> format : List.of(List.of("--format", "json", "-o", file.toString()), List.of("--no-color"),
                    List.of("--no-color", "-v"), List.of("--lang", "ja", "--no-color"))) {
                List<String> a = args(format.toArray(new String[0]));
                a.addAll(base);
                runs.add(run(env, a));
            }
            // and a failing run (wrong password), whose details quote the proxy's answer
            runs.add(run(Map.of("WSCHECK_PROXY_PASSWORD", PASSWORD + "-wrong"), withAll(args("--format", "json", "-v"), base)));
            for (CliRun r : runs) {
                assertFalse(r.out().contains(PASSWORD), "stdout: " + r.out());
                assertFalse(r.err().contains(PASSWORD), "stderr: " + r.err());
            }
            assertEquals(2, runs.get(0).exit(), "a proxy needing credentials fails for the client: " + runs.get(0).err());
            assertFalse(Files.readString(file).contains(PASSWORD), "report file");
            assertTrue(runs.get(4).out().contains("the credentials of user 'labuser' were rejected"), runs.get(4).out());
        }
    }

    private static List<String> withAll(List<String> a, List<String> b) {
        a.addAll(b);
        return a;
    }

    record BadInput(String name, List<String> args, Map<String, String> env, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadInput> badInputs() {
        return Stream.of(
                new BadInput("--proxy-user without WSCHECK_PROXY_PASSWORD and without a console", List.of("--proxy", "http://127.0.0.1:3128",
                        "--proxy-user", "labuser"), Map.of(), "no password: set WSCHECK_PROXY_PASSWORD or run wscheck on a terminal"),
                new BadInput("a password given with --proxy-user is refused without repeating it", List.of("--proxy", "http://127.0.0.1:3128",
                        "--proxy-user", "labuser:" + PASSWORD), Map.of(), "takes the user name only"),
                new BadInput("a password inside the proxy URL is refused without repeating it", List.of("--proxy",
                        "http://labuser:" + PASSWORD + "@127.0.0.1:3128"), Map.of(), "carries credentials"),
                new BadInput("a proxy URL without a port", List.of("--proxy", "http://127.0.0.1"), Map.of(), "needs a port"),
                new BadInput("an unsupported proxy scheme", List.of("--proxy", "https://127.0.0.1:3128"), Map.of(), "scheme must be http or socks5"),
                new BadInput("--proxy-user with --proxy none", List.of("--proxy", "none", "--proxy-user", "labuser"),
                        Map.of("WSCHECK_PROXY_PASSWORD", PASSWORD), "needs a proxy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badProxyInputIsOneLineAndExitThree(BadInput b) {
        List<String> a = args();
        a.addAll(b.args());
        CliRun r = run(b.env(), a);
        assertEquals(3, r.exit(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains(b.message()), r.err());
        assertFalse(r.err().contains(PASSWORD), r.err());
        assertTrue(r.out().isEmpty(), "nothing on stdout");
    }

    @Test
    void thePasswordIsReadFromThePromptWhenThereIsAConsole() throws Exception {
        try (HttpProxyFixture proxy = HttpProxyFixture.requiringBasic("labuser", PASSWORD)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            List<String> prompts = new ArrayList<>();
            List<String> a = args("--format", "json", "--only", "session-broker", "--proxy", "http://127.0.0.1:" + proxy.port(), "--proxy-user", "labuser");
            int exit;
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                exit = Cli.run(o, e, Map.of(), prompt -> {
                    prompts.add(prompt);
                    return Optional.of(PASSWORD.toCharArray());
                }, a.toArray(new String[0]));
            }
            assertEquals(1, exit, "direct works, so the credential-only proxy path warns: " + err.toString(StandardCharsets.UTF_8));
            assertEquals(List.of("Password for proxy user labuser: "), prompts);
            assertFalse(out.toString(StandardCharsets.UTF_8).contains(PASSWORD));
        }
    }
}
