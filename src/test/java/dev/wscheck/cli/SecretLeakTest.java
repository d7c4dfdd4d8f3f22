package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.fixtures.DnsFixture;
import dev.wscheck.fixtures.FixtureSet;
import dev.wscheck.fixtures.HttpProxyFixture;
import dev.wscheck.report.ReportFormat;
import dev.wscheck.testing.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A known proxy password, plain and as the base64 of {@code user:pass} (what a Basic header
 * carries), appears in no output: every available report format on stdout and as an -o file
 * ({@link ReportFormat#values()}, so a format merged later is covered without touching this
 * test), stderr, with -v, in Japanese, on a run whose password the proxy rejects, and every
 * other command run with the password in its environment.
 */
class SecretLeakTest {
    private static final String USER = "labuser";
    private static final String PASSWORD = "Leak-Canary-5821";
    private static final List<String> SECRETS = List.of(PASSWORD,
            Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)),
            Base64.getUrlEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));

    @TempDir
    static Path tmp;

    private static final FixtureSet FIXTURES = new FixtureSet();
    private static DnsFixture dns;
    private static HttpProxyFixture proxy;
    private static Path catalog;
    private static Path root;

    @BeforeAll
    static void startFixtures() throws IOException {
        ProxyCatalogFixture endpoints = ProxyCatalogFixture.start(FIXTURES, tmp, ProxyCatalogFixture.Hidden.RESOLVES);
        dns = endpoints.dns();
        catalog = endpoints.catalog();
        root = endpoints.root();
        proxy = FIXTURES.keep(HttpProxyFixture.requiringBasic(USER, PASSWORD));
    }

    @AfterAll
    static void stopFixtures() throws Exception {
        FIXTURES.close();
    }

    record Run(String name, List<String> args, String password) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static List<String> check(String... extra) {
        List<String> a = new ArrayList<>(List.of("check", "--region", "ap-northeast-1", "--catalog", catalog.toString(),
                "--dns-server", "127.0.0.1:" + dns.address().getPort(), "--trust", root.toString(), "--public-roots", root.toString(),
                "--timeout", "2s", "--samples", "1", "--proxy", "http://127.0.0.1:" + proxy.port(), "--proxy-user", USER));
        a.addAll(List.of(extra));
        return a;
    }

    static Stream<Run> runs() {
        List<Run> out = new ArrayList<>();
        for (ReportFormat f : ReportFormat.values()) {
            if (!f.available()) {
                continue;
            }
            List<String> a = check("--no-color", "--format", f.id(), "-v");
            f.extension().ifPresent(ext -> a.addAll(List.of("-o", tmp.resolve("report-" + f.id() + ext).toString())));
            out.add(new Run("check --format " + f.id() + f.extension().map(e -> " and -o *" + e).orElse(""), a, PASSWORD));
            out.add(new Run("check --format " + f.id() + ", the proxy rejects the password", check("--no-color", "--format", f.id(), "-v"),
                    PASSWORD + "-wrong"));
        }
        out.add(new Run("check in Japanese", check("--lang", "ja", "--no-color", "-v"), PASSWORD));
        // A scheduled run's history, and every listing of it (the stored runs are scanned below too).
        String hist = tmp.resolve("history").toString();
        out.add(new Run("check --history", check("--no-color", "--history", hist), PASSWORD));
        out.add(new Run("check --history, a second run (changes, streaks)", check("--no-color", "--history", hist, "--alert-after", "2"), PASSWORD));
        for (String format : List.of("table", "json", "csv")) {
            out.add(new Run("history --format " + format, List.of("history", "--history", hist, "--format", format), PASSWORD));
        }
        out.add(new Run("requirements", List.of("requirements", "--region", "ap-northeast-1", "--format", "json"), PASSWORD));
        out.add(new Run("explain", List.of("explain", "proxy-auth-required"), PASSWORD));
        out.add(new Run("ip-ranges show", List.of("ip-ranges", "show", "--ip-ranges", "/nonexistent/ip-ranges.json"), PASSWORD));
        out.add(new Run("bad input: a password in --proxy-user is refused without repeating it",
                List.of("check", "--proxy", "http://127.0.0.1:3128", "--proxy-user", USER + ":" + PASSWORD), PASSWORD));
        out.add(new Run("bad input: credentials in the proxy URL are refused without repeating them",
                List.of("check", "--proxy", "http://" + USER + ":" + PASSWORD + "@127.0.0.1:3128"), PASSWORD));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void thePasswordAppearsNowhere(Run run) throws IOException {
        Map<String, String> env = Map.of("WSCHECK_PROXY_PASSWORD", run.password(), "HTTPS_PROXY", "http://" + USER + ":" + PASSWORD + "@127.0.0.1:9");
        CliRun r = CliRun.of(env, run.args().toArray(new String[0]));
        assertTrue(!r.out().isEmpty() || !r.err().isEmpty(), "the run said something");
        for (String secret : SECRETS) {
            assertFalse(r.out().contains(secret), "stdout holds a secret: " + r.out());
            assertFalse(r.err().contains(secret), "stderr holds a secret: " + r.err());
        }
        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path f : files.filter(p -> Files.isRegularFile(p) && (p.getFileName().toString().startsWith("report-")
                    || p.getParent().getFileName().toString().equals("history"))).toList()) {
                String text = Files.readString(f);
                for (String secret : SECRETS) {
                    assertFalse(text.contains(secret), f + " holds a secret");
                }
            }
        }
    }
}
