package dev.wscheck.report.allowlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wscheck.net.NameResolver;
import dev.wscheck.net.proxy.PacScript;
import dev.wscheck.testing.CliRun;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated allowlists, loaded by the programs they are for: squid parses the fragment
 * ({@code squid -k parse}), nft loads the sets inside a throwaway network namespace (never the
 * host's ruleset), and a JavaScript engine evaluates the PAC file. A test whose program is
 * missing (or that needs root and is not root) is skipped with a one-line reason.
 */
class RealProgramsTest {
    static final Path FIXTURE = Path.of("src/test/resources/ipranges/fixture-ip-ranges.json");

    @TempDir
    Path tmp;

    private String generate(String... args) {
        List<String> all = new ArrayList<>(List.of("requirements", "--region", "ap-northeast-1", "--ip-ranges", FIXTURE.toString()));
        all.addAll(List.of(args));
        CliRun r = CliRun.of(Map.of("WSCHECK_CACHE_DIR", tmp.resolve("cache").toString()), all.toArray(new String[0]));
        assertEquals(0, r.exit(), r.err());
        return r.out();
    }

    record Run(int exit, String output) {}

    private static Run exec(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static Optional<Path> program(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    record SquidCase(String name, boolean optionalLinesUncommented) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<SquidCase> squidCases() {
        return Stream.of(new SquidCase("the squid fragment as generated", false),
                new SquidCase("the squid fragment with its optional DCV-through-the-proxy lines uncommented", true));
    }

    @ParameterizedTest(name = "{0} parses in squid without an error or warning")
    @MethodSource("squidCases")
    void squidParsesTheFragment(SquidCase c) throws Exception {
        Optional<Path> squid = program("squid");
        assumeTrue(squid.isPresent(), "squid is not installed: the squid fragment is checked by its golden file only");
        String fragment = generate("--format", "squid");
        if (c.optionalLinesUncommented()) {
            StringBuilder sb = new StringBuilder();
            for (String line : fragment.split("\n")) {
                boolean optional = (line.startsWith("# acl ") || line.startsWith("# http_access ")) && line.contains("_dcv");
                sb.append(optional ? line.substring(2) : line).append('\n');
            }
            fragment = sb.toString();
        }
        Path frag = Files.writeString(tmp.resolve("workspaces.conf"), fragment);
        Path conf = Files.writeString(tmp.resolve("squid.conf"), String.join("\n",
                "http_port 127.0.0.1:3128", "pid_filename none", "cache_log /dev/null", "access_log none",
                "include " + frag.toAbsolutePath(), "http_access deny all", ""));
        Run r = exec(tmp, List.of(squid.get().toString(), "-k", "parse", "-f", conf.toString()));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("Processing Configuration File: " + frag.toAbsolutePath()), "squid read the fragment: " + r.output());
        for (String line : r.output().split("\n")) {
            String l = line.toUpperCase(java.util.Locale.ROOT);
            assertTrue(!l.contains("ERROR") && !l.contains("WARNING") && !l.contains("FATAL"), "squid complains: " + line);
        }
    }

    record NftCase(String name, List<String> args, String set, String expectedElement) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<NftCase> nftCases() {
        return Stream.of(
                new NftCase("IPv4 sets into the default table", List.of(), "inet filter ws_ap_northeast_1_https_v4", "13.248.118.0/23"),
                new NftCase("IPv4 and IPv6 sets", List.of("--ipv6"), "inet filter ws_ap_northeast_1_pcoip_v6", "2406:da32:4000::/40"),
                new NftCase("sets into a table the administrator names", List.of("--nft-table", "ip6 edge"), "ip6 edge ws_ap_northeast_1_dcv_v4", "3.114.164.0/22"));
    }

    @ParameterizedTest(name = "nft loads {0} twice (in a throwaway network namespace)")
    @MethodSource("nftCases")
    void nftLoadsTheSets(NftCase c) throws Exception {
        Optional<Path> nft = program("nft");
        Optional<Path> unshare = program("unshare");
        assumeTrue(nft.isPresent() && unshare.isPresent(), "nft or unshare is not installed: the nft script is checked by its golden file only");
        assumeTrue(isRoot(), "not root: nft needs a network namespace of its own (unshare -n), which needs root");
        List<String> args = new ArrayList<>(List.of("--format", "nft"));
        args.addAll(c.args());
        Path script = Files.writeString(tmp.resolve("workspaces.nft"), generate(args.toArray(new String[0])));
        String s = script.toAbsolutePath().toString();
        // Check, load, load again (a reload must replace the elements, not fail), then list.
        String shell = nft.get() + " -c -f " + s + " && " + nft.get() + " -f " + s + " && " + nft.get() + " -f " + s
                + " && " + nft.get() + " list set " + c.set();
        Run r = exec(tmp, List.of(unshare.get().toString(), "-n", "sh", "-c", shell));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains(c.expectedElement()), "set holds " + c.expectedElement() + ": " + r.output());
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("id", "-u").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(10, TimeUnit.SECONDS);
        return out.equals("0");
    }

    record PacCase(String name, String url, String host, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<PacCase> pacCases() {
        String proxy = "PROXY proxy.example.com:3128";
        return Stream.of(
                new PacCase("the WS broker goes direct", "https://ws-broker-service.ap-northeast-1.amazonaws.com/ping",
                        "ws-broker-service.ap-northeast-1.amazonaws.com", "DIRECT"),
                new PacCase("a name in upper case with a trailing dot goes direct", "https://S3.AMAZONAWS.COM./", "S3.AMAZONAWS.COM.", "DIRECT"),
                new PacCase("the health-check host goes direct", "https://drp-nrt.amazonworkspaces.com/", "drp-nrt.amazonworkspaces.com", "DIRECT"),
                new PacCase("a DCV gateway below the wildcard goes direct", "https://0a1b2c3d-3.prod.ap-northeast-1.highlander.aws.a2z.com:4195/",
                        "0a1b2c3d-3.prod.ap-northeast-1.highlander.aws.a2z.com", "DIRECT"),
                new PacCase("a PCoIP gateway address goes direct", "https://18.180.181.7/", "18.180.181.7", "DIRECT"),
                new PacCase("a health-check address goes direct", "https://54.64.174.128/", "54.64.174.128", "DIRECT"),
                new PacCase("an address next to a gateway range goes to the proxy", "https://18.180.179.7/", "18.180.179.7", proxy),
                new PacCase("an unrelated site goes to the proxy", "https://www.example.com/", "www.example.com", proxy),
                new PacCase("a look-alike name ending in the wildcard's suffix plus more goes to the proxy",
                        "https://x.prod.ap-northeast-1.highlander.aws.a2z.com.example.net/", "x.prod.ap-northeast-1.highlander.aws.a2z.com.example.net", proxy),
                new PacCase("another region's broker goes to the proxy", "https://ws-broker-service.eu-west-1.amazonaws.com/",
                        "ws-broker-service.eu-west-1.amazonaws.com", proxy),
                new PacCase("a name that only starts like an AWS name goes to the proxy", "https://s3.amazonaws.com.example.net/",
                        "s3.amazonaws.com.example.net", proxy));
    }

    /**
     * Evaluates the generated PAC file in wscheck's own sandboxed PAC engine (Rhino, the standard
     * PAC helpers) and asserts its answer. A generated PAC file must never make the browser look a
     * name up or ask for this machine's address: both are recorded and fail the case.
     */
    @ParameterizedTest(name = "PAC: {0}")
    @MethodSource("pacCases")
    void pacAnswersAsIntended(PacCase c) throws Exception {
        String pac = generate("--format", "pac", "--pac-proxy", "proxy.example.com:3128");
        List<String> lookups = new CopyOnWriteArrayList<>();
        NameResolver recording = (host, timeout) -> {
            lookups.add(host);
            throw new UnknownHostException(host);
        };
        PacScript script = PacScript.load("workspaces.pac", pac, recording, Duration.ofSeconds(1), () -> {
            lookups.add("myIpAddress()");
            return Optional.empty();
        }, Clock.systemUTC(), Duration.ofSeconds(2));
        assertEquals(c.expected(), script.findProxyForUrl(c.url(), c.host()));
        assertEquals(List.of(), lookups, "the PAC file looked names up");
    }
}
