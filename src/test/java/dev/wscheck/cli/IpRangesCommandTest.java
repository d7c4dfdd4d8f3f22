package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.testing.CliRun;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code wscheck ip-ranges update|show} through the real command line. Downloads go to an
 * in-process HTTPS server on 127.0.0.1 (WSCHECK_IP_RANGES_URL), whose certificate is trusted
 * only through --trust: nothing leaves this machine.
 */
class IpRangesCommandTest {
    static final Path FIXTURE = Path.of("src/test/resources/ipranges/fixture-ip-ranges.json");

    @TempDir
    Path tmp;

    MockWebServer server;
    Path root;
    Path cache;

    @BeforeEach
    void start() throws IOException {
        HeldCertificate cert = new HeldCertificate.Builder().commonName("127.0.0.1").addSubjectAlternativeName("127.0.0.1").build();
        server = new MockWebServer();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(cert).build().sslSocketFactory());
        server.start(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);
        root = Files.writeString(tmp.resolve("root.pem"), cert.certificatePem());
        cache = tmp.resolve("cache");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("WSCHECK_CACHE_DIR", cache.toString());
        env.put("WSCHECK_IP_RANGES_URL", "https://127.0.0.1:" + server.getPort() + "/ip-ranges.json");
        return env;
    }

    private static String fixture() throws IOException {
        return Files.readString(FIXTURE, StandardCharsets.UTF_8);
    }

    private static String today() {
        return LocalDateTime.now(ZoneOffset.UTC).minusHours(1).format(DateTimeFormatter.ofPattern("uuuu-MM-dd-HH-mm-ss"));
    }

    @Test
    void updateDownloadsVerifiesAndCachesAtomically() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(fixture()).build());
        CliRun r = CliRun.of(env(), "ip-ranges", "update", "--proxy", "none", "--trust", root.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("ip-ranges.json createDate 2026-08-01-12-00-00: 28 IPv4 and 12 IPv6 prefixes, saved to " + cache), r.out());
        assertArrayEquals(Files.readAllBytes(FIXTURE), Files.readAllBytes(cache.resolve("ip-ranges.json")), "kept byte for byte");
        assertTrue(r.err().contains("days old"), "the fixture is old, and update says so: " + r.err());
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(List.of("ip-ranges.json"), files.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
        }
        assertEquals("GET", server.takeRequest().getMethod());
    }

    @Test
    void theCacheIsWhatOtherCommandsUse() throws Exception {
        String created = today();
        server.enqueue(new MockResponse.Builder().code(200).body(fixture().replace("2026-08-01-12-00-00", created)).build());
        assertEquals(0, CliRun.of(env(), "ip-ranges", "update", "--trust", root.toString()).exit());
        CliRun table = CliRun.of(env(), "requirements", "--region", "ap-northeast-1");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("createDate " + created + ", cached)"), table.out());
        assertEquals("", table.err(), "fresh data: no notice");
        CliRun show = CliRun.of(env(), "ip-ranges", "show");
        assertTrue(show.out().contains("createDate  " + created + " (0 days old)"), show.out());
        assertTrue(show.out().contains("prefixes    28 IPv4, 12 IPv6"), show.out());
    }

    record Failure(String name, MockResponse response, boolean trust, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Failure> failures() {
        return Stream.of(
                new Failure("the server answers 503", new MockResponse.Builder().code(503).body("busy").build(), true, "HTTP 503, expected 200"),
                new Failure("the download is not ip-ranges.json", new MockResponse.Builder().code(200).body("<html>blocked</html>").build(), true, "not valid JSON"),
                new Failure("the download is cut short", new MockResponse.Builder().code(200).body("{\"createDate\": \"2026-08-01-12-00-00\", \"prefixes\": [").build(), true, "not valid JSON"),
                new Failure("the certificate is not trusted", new MockResponse.Builder().code(200).body("{}").build(), false, "TLS failed"));
    }

    @ParameterizedTest(name = "{0}: one line, exit 3, the cached copy untouched")
    @MethodSource("failures")
    void failedUpdateKeepsTheOldCopy(Failure c) throws Exception {
        Files.createDirectories(cache);
        Files.copy(FIXTURE, cache.resolve("ip-ranges.json"));
        server.enqueue(c.response());
        List<String> args = new ArrayList<>(List.of("ip-ranges", "update"));
        if (c.trust()) {
            args.addAll(List.of("--trust", root.toString()));
        }
        CliRun r = CliRun.of(env(), args.toArray(new String[0]));
        assertEquals(3, r.exit(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.errLines()[0].startsWith("wscheck: ") && r.errLines()[0].contains(c.message()), r.err());
        assertEquals("", r.out());
        assertArrayEquals(Files.readAllBytes(FIXTURE), Files.readAllBytes(cache.resolve("ip-ranges.json")));
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    record BadInput(String name, List<String> args, Map<String, String> env, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    @TempDir
    static Path shared;

    static Stream<BadInput> badInput() throws IOException {
        Path tmp = shared;
        Path notDir = Files.writeString(tmp.resolve("a-file"), "x");
        Path malformed = Files.writeString(tmp.resolve("bad.json"), "{\"createDate\": 1}");
        return Stream.of(
                new BadInput("a cache directory that cannot be created", List.of("ip-ranges", "update", "--from", FIXTURE.toString()),
                        Map.of("WSCHECK_CACHE_DIR", notDir.resolve("sub").toString()), "cannot create it"),
                new BadInput("no cache directory at all", List.of("ip-ranges", "update", "--from", FIXTURE.toString()), Map.of(), "no cache directory"),
                new BadInput("a plain-HTTP download URL", List.of("ip-ranges", "update"),
                        Map.of("WSCHECK_IP_RANGES_URL", "http://127.0.0.1:9/ip-ranges.json", "WSCHECK_CACHE_DIR", tmp.toString()), "not an https:// URL"),
                new BadInput("a proxy with a password", List.of("ip-ranges", "update", "--proxy", "http://u:p@127.0.0.1:3128"),
                        Map.of("WSCHECK_CACHE_DIR", tmp.toString()), "not a proxy URL"),
                new BadInput("a malformed local copy", List.of("ip-ranges", "update", "--from", malformed.toString()),
                        Map.of("WSCHECK_CACHE_DIR", tmp.resolve("c2").toString()), "createDate missing"),
                new BadInput("show without any data", List.of("ip-ranges", "show"), Map.of("WSCHECK_CACHE_DIR", tmp.resolve("empty").toString()),
                        "no ip-ranges data"),
                new BadInput("show with a malformed file", List.of("ip-ranges", "show", "--ip-ranges", malformed.toString()), Map.of(),
                        "--ip-ranges " + malformed),
                new BadInput("lookup of a name", List.of("ip-ranges", "show", "--ip-ranges", FIXTURE.toString(), "--lookup", "example.com"), Map.of(),
                        "--lookup example.com: not an IP address"),
                new BadInput("requirements with a malformed ip-ranges file", List.of("requirements", "--ip-ranges", malformed.toString()), Map.of(),
                        "createDate missing"),
                new BadInput("requirements with a damaged cached copy", List.of("requirements", "--format", "nft"),
                        Map.of("WSCHECK_CACHE_DIR", malformed.getParent().resolve("damaged").toString()), "ip-ranges update"),
                new BadInput("check with a damaged cached copy", List.of("check", "--region", "ap-northeast-1"),
                        Map.of("WSCHECK_CACHE_DIR", malformed.getParent().resolve("damaged").toString()), "run 'wscheck ip-ranges update' to replace it"),
                new BadInput("an allowlist format that does not exist", List.of("requirements", "--format", "iptables"), Map.of(), "--format iptables: use table"),
                new BadInput("PAC without the site's proxy", List.of("requirements", "--format", "pac"), Map.of(), "--format pac needs --pac-proxy"),
                new BadInput("an unknown rule", List.of("requirements", "--format", "csv", "--rule", "rdp"), Map.of(), "--rule rdp"),
                new BadInput("an nft table that is not FAMILY NAME", List.of("requirements", "--format", "nft", "--nft-table", "filter"), Map.of(), "--nft-table filter"));
    }

    @ParameterizedTest(name = "{0}: one line, exit 3, nothing on stdout")
    @MethodSource("badInput")
    void badInputIsOneLine(BadInput c) throws IOException {
        Path damaged = shared.resolve("damaged");
        Files.createDirectories(damaged);
        Files.writeString(damaged.resolve("ip-ranges.json"), "{\"createDate\": \"2026-08-01-12-00-00\", \"prefixes\": [");
        CliRun r = CliRun.of(c.env(), c.args().toArray(new String[0]));
        assertEquals(3, r.exit(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.errLines()[0].startsWith("wscheck: ") && r.errLines()[0].contains(c.message()), r.err());
        assertEquals("", r.out());
        assertFalse(r.err().contains("\tat "));
    }

    record Show(String name, List<String> args, List<String> expectedLines) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Show> shows() {
        return Stream.of(
                new Show("filter by region and service, case-insensitive, like the PowerShell cmdlet",
                        List.of("--region", "AP-NORTHEAST-1", "--service", "workspaces_gateways", "--ipv4"),
                        List.of("18.180.178.0/24          ap-northeast-1   WORKSPACES_GATEWAYS          ap-northeast-1",
                                "18.180.180.0/23          ap-northeast-1   WORKSPACES_GATEWAYS          ap-northeast-1",
                                "3.114.164.0/22           ap-northeast-1   WORKSPACES_GATEWAYS          ap-northeast-1",
                                "54.250.251.0/24          ap-northeast-1   WORKSPACES_GATEWAYS          ap-northeast-1")),
                new Show("GLOBAL AMAZON merged", List.of("--region", "GLOBAL", "--service", "AMAZON", "--aggregate"),
                        List.of("13.224.0.0/14", "13.248.118.0/23", "93.77.128.0/19", "2600:9000::/28")),
                new Show("which ranges hold an address", List.of("--lookup", "93.77.134.9"),
                        List.of("93.77.128.0/19           GLOBAL           AMAZON                       GLOBAL",
                                "93.77.128.0/19           GLOBAL           GLOBALACCELERATOR            GLOBAL")),
                new Show("an address in no range", List.of("--lookup", "192.0.2.1"),
                        List.of("192.0.2.1: in no published AWS range (createDate 2026-08-01-12-00-00)")));
    }

    @ParameterizedTest(name = "show: {0}")
    @MethodSource("shows")
    void show(Show c) {
        List<String> args = new ArrayList<>(List.of("ip-ranges", "show", "--ip-ranges", FIXTURE.toString()));
        args.addAll(c.args());
        CliRun r = CliRun.of(Map.of(), args.toArray(new String[0]));
        assertEquals(0, r.exit(), r.err());
        assertEquals(c.expectedLines(), List.of(r.out().split("\\R")));
        assertTrue(r.err().contains("is ") && r.err().contains("days old"), "old data is said once: " + r.err());
        assertEquals(1, r.errLines().length, r.err());
    }
}
