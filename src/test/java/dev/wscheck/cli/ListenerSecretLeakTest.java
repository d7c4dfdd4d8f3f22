package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.Main;
import dev.wscheck.fixtures.DnsFixture;
import dev.wscheck.fixtures.FixtureSet;
import dev.wscheck.fixtures.HttpProxyFixture;
import dev.wscheck.fixtures.UdpFixture;
import dev.wscheck.report.ReportFormat;
import dev.wscheck.testing.CliRun;
import dev.wscheck.testing.JavaProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The secrets of the two listeners stay out of everything they and their clients show (issue 15):
 *
 * <ul>
 *   <li>{@code wscheck serve} with a proxy that needs a password: the password (plain, and the
 *       base64 of {@code user:pass} a Basic header carries) is in no page ({@code /}, the debug
 *       page's recent probes, {@code /metrics}, {@code /probe}, {@code /report}, every error page)
 *       and not in the server's stdout/stderr, whether the proxy accepts the password or not;</li>
 *   <li>{@code wscheck reflector}: its shared key (a canary, plain, hex and base64) is not in its
 *       log lines (start, errors on junk input, the closing counts), nor in {@code check
 *       --reflector}'s output in any report format, on stdout, stderr or as an -o file.</li>
 * </ul>
 *
 * Both listeners run as real child processes of the command line, bound to 127.0.0.1, and are
 * stopped with SIGTERM as a service manager would.
 */
class ListenerSecretLeakTest {
    private static final String USER = "labuser";
    private static final String PASSWORD = "Serve-Leak-Canary-7304";
    private static final String KEY = "Reflector-Key-Canary-4b1d9e";
    private static final Pattern SERVING = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern DEBUG_LINK = Pattern.compile("/report\\?id=(\\d+)");

    @TempDir
    static Path tmp;

    private static final FixtureSet FIXTURES = new FixtureSet();
    private static DnsFixture dns;
    private static HttpProxyFixture proxy;
    private static Path proxyCatalog;
    private static Path reflectorCatalog;
    private static Path root;

    @BeforeAll
    static void startFixtures() throws IOException {
        ProxyCatalogFixture endpoints = ProxyCatalogFixture.start(FIXTURES, tmp, ProxyCatalogFixture.Hidden.RESOLVES);
        dns = endpoints.dns();
        proxyCatalog = endpoints.catalog();
        root = endpoints.root();
        proxy = FIXTURES.keep(HttpProxyFixture.requiringBasic(USER, PASSWORD));
        Map<String, String> ports = new HashMap<>(endpoints.ports());
        ports.put("UDPSILENT", Integer.toString(FIXTURES.keep(UdpFixture.silent()).port()));
        reflectorCatalog = TestCatalogs.write(tmp.resolve("reflector-catalog.yaml"), TestCatalogs.HEAD + """
                requirements:
                  - {id: pcoip-streaming-tcp, category: streaming, title: "PCoIP TCP", protocol: pcoip, proxy: never, probes: [dns, tcp], endpoints: ["tcp://drp.wscheck.test:${ACCEPT}"], source: T}
                  - {id: pcoip-streaming-udp, category: streaming, title: "PCoIP UDP", protocol: pcoip, proxy: never, probes: [dns, udp, reflector], endpoints: ["udp://drp.wscheck.test:${UDPSILENT}"], rule: {udpFallback: pcoip-streaming-tcp}, source: T}
                """, ports);
    }

    @AfterAll
    static void stopFixtures() throws Exception {
        FIXTURES.close();
    }

    /** The forms a secret could leak in: as given, and as the encodings a header or a dump would use. */
    private static List<String> forms(String user, String secret) {
        byte[] plain = secret.getBytes(StandardCharsets.UTF_8);
        byte[] pair = (user + ":" + secret).getBytes(StandardCharsets.UTF_8);
        return List.of(secret, Base64.getEncoder().encodeToString(pair), Base64.getUrlEncoder().encodeToString(pair),
                Base64.getEncoder().encodeToString(plain), HexFormat.of().formatHex(plain));
    }

    private static void assertNoSecret(List<String> secrets, String where, String text) {
        for (String s : secrets) {
            assertFalse(text.contains(s), where + " holds a secret (" + s + "): " + text);
        }
    }

    // ---- serve -------------------------------------------------------------------------------

    @ParameterizedTest(name = "serve through a proxy that {0} the password: no page and no log line holds it")
    @ValueSource(strings = {"accepts", "rejects"})
    void serveNeverShowsTheProxyPassword(String proxyAnswer) throws Exception {
        String given = proxyAnswer.equals("accepts") ? PASSWORD : PASSWORD + "-wrong";
        List<String> secrets = new ArrayList<>(forms(USER, PASSWORD));
        secrets.addAll(forms(USER, given));
        Path out = tmp.resolve("serve-" + proxyAnswer + ".out");
        Path err = tmp.resolve("serve-" + proxyAnswer + ".err");
        Process serve = JavaProcess.start(Main.class, out, err, List.of("serve", "--listen", "127.0.0.1:0", "--catalog", proxyCatalog.toString(),
                "--dns-server", "127.0.0.1:" + dns.address().getPort(), "--trust", root.toString(), "--public-roots", root.toString(),
                "--timeout", "2s", "--samples", "1", "--proxy", "http://127.0.0.1:" + proxy.port(), "--proxy-user", USER),
                Map.of("WSCHECK_PROXY_PASSWORD", given, "HTTPS_PROXY", "http://" + USER + ":" + PASSWORD + "@127.0.0.1:9"));
        StringBuilder pages = new StringBuilder();
        try {
            int port = Integer.parseInt(await(serve, err, SERVING).group(1));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + port;
            // Two probes first, so the debug page lists them and their reports can be fetched.
            Map<String, Integer> status = new HashMap<>();
            for (String path : List.of("/probe?region=ap-northeast-1", "/probe?region=ap-northeast-1&only=session-broker&only=proxy-only",
                    "/", "/metrics", "/probe", "/probe?region=nowhere", "/probe?region=ap-northeast-1&proxy=http://x",
                    "/report?id=nope", "/report?id=999999", "/no-such-page", "/" + "x".repeat(9000))) {
                status.put(path, get(http, base + path, "GET", pages));
            }
            get(http, base + "/probe?region=ap-northeast-1", "POST", pages);
            StringBuilder debugPage = new StringBuilder();
            assertEquals(200, get(http, base + "/", "GET", debugPage));
            pages.append(debugPage);
            Matcher links = DEBUG_LINK.matcher(debugPage);
            List<String> ids = new ArrayList<>();
            while (links.find()) {
                ids.add(links.group(1));
            }
            assertFalse(ids.isEmpty(), "the debug page lists the recent probes: " + pages);
            String reports = "";
            for (String id : ids.stream().distinct().toList()) {
                StringBuilder one = new StringBuilder();
                assertEquals(200, get(http, base + "/report?id=" + id, "GET", one));
                reports += one;
            }
            pages.append(reports);
            assertEquals(200, status.get("/probe?region=ap-northeast-1"), pages.toString());
            assertTrue(reports.contains("\"user\" : \"" + USER + "\""), "the stored reports show the proxy user, so a password beside it would show: " + reports);
            assertEquals(404, status.get("/no-such-page"));
        } finally {
            serve.destroy(); // SIGTERM, as systemd stops it
            assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "serve stopped on SIGTERM");
        }
        assertNoSecret(secrets, "a serve page", pages.toString());
        assertNoSecret(secrets, "serve's stdout", Files.readString(out));
        assertNoSecret(secrets, "serve's stderr", Files.readString(err));
    }

    /** One request; its status line, headers and body are appended to {@code seen}; returns the status. */
    private static int get(HttpClient http, String url, String method, StringBuilder seen) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        b = method.equals("GET") ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString("x"));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        seen.append(method).append(' ').append(url).append(" -> ").append(r.statusCode()).append('\n').append(r.headers().map()).append('\n')
                .append(r.body()).append('\n');
        return r.statusCode();
    }

    // ---- reflector ---------------------------------------------------------------------------

    @Test
    void theReflectorKeyIsInNoLogLineAndNoCheckOutput() throws Exception {
        String wrongKey = "Not-The-Reflector-Key-8c2f71";
        List<String> secrets = new ArrayList<>(forms("", KEY));
        secrets.addAll(forms("", wrongKey));
        int port = freeTcpAndUdpPort();
        Path out = tmp.resolve("reflector.out");
        Path err = tmp.resolve("reflector.err");
        Process reflector = JavaProcess.start(Main.class, out, err, List.of("reflector", "--listen", "127.0.0.1", "--udp", Integer.toString(port),
                "--tcp", Integer.toString(port)), Map.of(ReflectorCommand.KEY_VARIABLE, KEY));
        List<String> outputs = new ArrayList<>();
        try {
            await(reflector, err, Pattern.compile("listening on 127\\.0\\.0\\.1"));
            for (ReportFormat f : ReportFormat.values()) {
                if (!f.available()) {
                    continue;
                }
                List<String> args = new ArrayList<>(List.of("check", "--region", "ap-northeast-1", "--catalog", reflectorCatalog.toString(),
                        "--dns-server", "127.0.0.1:" + dns.address().getPort(), "--timeout", "2s", "--no-color", "-v", "--format", f.id(),
                        "--reflector", "127.0.0.1:" + port, "--reflector-samples", "10"));
                Path file = f.extension().map(ext -> tmp.resolve("reflector-report" + ext)).orElse(null);
                if (file != null) {
                    args.addAll(List.of("-o", file.toString()));
                }
                // Every format with the key; the wrong key once (its failure text is the same in every format, and each run costs ~3 s).
                for (String key : f == ReportFormat.JSON ? List.of(KEY, wrongKey) : List.of(KEY)) {
                    CliRun r = CliRun.of(Map.of(ReflectorCommand.KEY_VARIABLE, key), args.toArray(new String[0]));
                    assertTrue(r.exit() <= 2, "check --format " + f.id() + " ran: " + r.err());
                    outputs.add("check --format " + f.id() + " stdout:\n" + r.out() + "\nstderr:\n" + r.err());
                    if (file != null) {
                        outputs.add(f.id() + " -o file:\n" + Files.readString(file));
                    }
                }
            }
            junk(port);
        } finally {
            reflector.destroy();
            assertTrue(reflector.waitFor(30, TimeUnit.SECONDS), "the reflector stopped on SIGTERM");
        }
        String log = Files.readString(err);
        Matcher answered = Pattern.compile("stopped; answered (\\d+), silent: unauthenticated (\\d+)").matcher(log);
        assertTrue(answered.find(), "the reflector logs its counts when stopped: " + log);
        assertTrue(Integer.parseInt(answered.group(1)) > 0 && Integer.parseInt(answered.group(2)) > 0,
                "the checks reached it, with the key and without: " + log);
        assertTrue(outputs.stream().anyMatch(o -> o.contains("\"probe\" : \"reflector\"")), "the JSON report holds the reflector checks");
        assertNoSecret(secrets, "the reflector's stderr", log);
        assertNoSecret(secrets, "the reflector's stdout", Files.readString(out));
        for (String o : outputs) {
            assertNoSecret(secrets, "check --reflector output", o);
        }
    }

    /** Junk for the reflector's error paths: a short datagram, a large one, and a TCP client that sends garbage and leaves. */
    private static void junk(int port) throws IOException {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (DatagramSocket s = new DatagramSocket()) {
            s.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, lo, port));
            s.send(new DatagramPacket(new byte[1400], 1400, lo, port));
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(lo, port), 2000);
            OutputStream o = s.getOutputStream();
            o.write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            o.flush();
        }
    }

    /** A port number free on 127.0.0.1 for TCP and UDP alike (the reflector serves both on one number). */
    private static int freeTcpAndUdpPort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket t = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                 DatagramSocket u = new DatagramSocket(new InetSocketAddress("127.0.0.1", t.getLocalPort()))) {
                return t.getLocalPort();
            } catch (IOException e) {
                // taken for UDP: try another
            }
        }
        throw new IOException("no port free for both TCP and UDP on 127.0.0.1");
    }

    /** Waits for the child's stderr to show {@code line}; fails with what it said if it exits or takes too long. */
    private static Matcher await(Process p, Path err, Pattern line) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            String text = Files.exists(err) ? Files.readString(err) : "";
            Matcher m = line.matcher(text);
            if (m.find()) {
                return m;
            }
            if (!p.isAlive()) {
                throw new AssertionError("the child ended (exit " + p.exitValue() + "): " + text);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + line + "' within 60 s: " + Files.readString(err));
    }
}
