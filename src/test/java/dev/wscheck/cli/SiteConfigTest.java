package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wscheck.fixtures.DnsFixture;
import dev.wscheck.fixtures.TcpFixture;
import dev.wscheck.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The site configuration (contract §7): which file is used (--config, WSCHECK_CONFIG, per-user,
 * machine-wide), that the command line wins, comma lists and flags, and that every bad key or
 * value is one line naming file, line and key with exit 3. Checks run against a loopback catalog
 * (one DNS and one TCP check); the default locations come from the environment map given, never
 * from this machine.
 */
class SiteConfigTest {
    @TempDir
    static Path tmp;

    private static DnsFixture dns;
    private static TcpFixture accepting;
    private static Path catalog;

    @BeforeAll
    static void start() throws IOException {
        dns = DnsFixture.start();
        dns.answer("drp.wscheck.test", "127.0.0.1");
        accepting = TcpFixture.accepting();
        catalog = Files.writeString(tmp.resolve("catalog.yaml"), """
                schemaVersion: 1
                version: "test"
                expectPrivateAddresses: true
                sources:
                  T: {title: "test fixtures", url: "https://example.invalid/", date: "2026-11-28"}
                protocols:
                  pcoip: {title: PCoIP, latency: {high: 100ms, critical: 375ms}, source: T}
                  dcv: {title: DCV, latency: {high: 250ms, critical: 400ms}, source: T}
                publicRoots:
                  - {name: "placeholder", spkiSha256: "0000000000000000000000000000000000000000000000000000000000000000"}
                regions:
                  ap-northeast-1: {name: "Test Tokyo", airport: nrt, source: T, healthCheck: {host: drp.wscheck.test}}
                  us-east-1: {name: "Test Virginia", airport: iad, source: T, healthCheck: {host: drp.wscheck.test}}
                requirements:
                  - {id: pcoip-streaming-tcp, category: streaming, title: "PCoIP TCP", protocol: pcoip, proxy: never, probes: [dns, tcp], endpoints: ["tcp://drp.wscheck.test:PORT"], source: T}
                  - {id: dcv-streaming-tcp, category: streaming, title: "DCV TCP", protocol: dcv, proxy: never, probes: [dns, tcp], endpoints: ["tcp://drp.wscheck.test:PORT"], source: T}
                """.replace("PORT", Integer.toString(accepting.port())));
    }

    @AfterAll
    static void stop() throws Exception {
        dns.close();
        accepting.close();
    }

    /** A configuration with the loopback essentials plus {@code lines}. */
    private static Path config(String name, String... lines) throws IOException {
        List<String> all = new ArrayList<>(List.of(
                "# a branch office's configuration",
                "catalog=" + catalog,
                "dns-server=127.0.0.1:" + dns.address().getPort(),
                "proxy=none",
                "format=json"));
        all.addAll(List.of(lines));
        return Files.write(tmp.resolve(name), all);
    }

    private static JsonNode json(CliRun r) throws IOException {
        assertTrue(r.out().startsWith("{"), "stdout should be the JSON report: exit " + r.exit() + " " + r.out() + r.err());
        return new ObjectMapper().readTree(r.out());
    }

    static Stream<Arguments> precedence() throws IOException {
        Path pcoip = config("pcoip.properties", "protocol=pcoip", "region=us-east-1");
        Path dcv = config("dcv.properties", "protocol=dcv");
        Path home = tmp.resolve("home");
        Path machine = tmp.resolve("machine");
        Files.createDirectories(home.resolve(".config/wscheck"));
        Files.createDirectories(machine);
        Files.copy(dcv, home.resolve(".config/wscheck/wscheck.properties"));
        Files.copy(pcoip, machine.resolve("wscheck.properties"));
        Path xdg = tmp.resolve("xdg");
        Files.createDirectories(xdg.resolve("wscheck"));
        Files.copy(pcoip, xdg.resolve("wscheck/wscheck.properties"));
        return Stream.of(
                Arguments.of("--config FILE gives the options", Map.of(), List.of("--config", pcoip.toString()), "pcoip", "us-east-1"),
                Arguments.of("--config=FILE works too", Map.of(), List.of("--config=" + pcoip), "pcoip", "us-east-1"),
                Arguments.of("an option on the command line wins over the file", Map.of(),
                        List.of("--config", pcoip.toString(), "--protocol", "dcv", "-r", "ap-northeast-1"), "dcv", "ap-northeast-1"),
                Arguments.of("WSCHECK_CONFIG names the file", Map.of("WSCHECK_CONFIG", pcoip.toString()), List.of(), "pcoip", "us-east-1"),
                Arguments.of("--config wins over WSCHECK_CONFIG", Map.of("WSCHECK_CONFIG", pcoip.toString()), List.of("--config", dcv.toString()),
                        "dcv", "ap-northeast-1"),
                Arguments.of("the per-user file is found under HOME", Map.of("HOME", home.toString()), List.of(), "dcv", "ap-northeast-1"),
                Arguments.of("XDG_CONFIG_HOME wins over HOME", Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", xdg.toString()), List.of(),
                        "pcoip", "us-east-1"),
                Arguments.of("the machine-wide file is used when there is no per-user one",
                        Map.of("HOME", tmp.resolve("nobody").toString(), "WSCHECK_SYSTEM_CONFIG_DIR", machine.toString()), List.of(), "pcoip", "us-east-1"),
                Arguments.of("the per-user file wins over the machine-wide one",
                        Map.of("HOME", home.toString(), "WSCHECK_SYSTEM_CONFIG_DIR", machine.toString()), List.of(), "dcv", "ap-northeast-1"),
                Arguments.of("a registration code on the command line wins over the file's region", Map.of(),
                        List.of("--config", pcoip.toString(), "--registration-code", "WSnrt+ABC123"), "pcoip", "ap-northeast-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("precedence")
    void theRightFileAndTheCommandLineWin(String name, Map<String, String> env, List<String> args, String protocol, String region) throws IOException {
        List<String> all = new ArrayList<>(List.of("check", "--timeout", "2s"));
        all.addAll(args);
        Map<String, String> e = new HashMap<>(env);
        e.putIfAbsent("WSCHECK_REGION", "ap-northeast-1");
        CliRun r = CliRun.of(e, all.toArray(new String[0]));
        JsonNode report = json(r);
        assertEquals(protocol, report.path("protocols").get(0).asText(), r.err());
        assertEquals(1, report.path("protocols").size());
        assertEquals(region, report.path("region").asText());
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void aRepeatableOptionTakesACommaListAndAFlagTrue() throws IOException {
        Path second = tmp.resolve("second.json");
        Path first = tmp.resolve("first.json");
        Path c = config("lists.properties", "region=ap-northeast-1", "output=" + first + "," + second, "strict=true", "only=pcoip-streaming-tcp");
        CliRun r = CliRun.of(Map.of(), "check", "--config", c.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.exists(first) && Files.exists(second), "both -o files from one comma list");
        JsonNode report = json(r);
        assertEquals("skip", report.path("requirements").get(1).path("status").asText(), "only= filtered dcv-streaming-tcp out");
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("an unknown key", List.of("regoin=us-east-1"), 6, "unknown key 'regoin'"),
                Arguments.of("a duration that is not one", List.of("region=us-east-1", "timeout=soon"), 7, "key 'timeout': "),
                Arguments.of("a number that is not one", List.of("samples=many"), 6, "key 'samples': "),
                Arguments.of("a number out of range", List.of("samples=0"), 6, "key 'samples': --samples 0"),
                Arguments.of("an unknown region", List.of("region=mars-north-1"), 6, "key 'region': --region mars-north-1: unknown region"),
                Arguments.of("a flag neither true nor false", List.of("strict=yes"), 6, "key 'strict': "),
                Arguments.of("a key without a value", List.of("", "deadline="), 7, "key 'deadline' has no value"),
                Arguments.of("an unknown format", List.of("format=pdf"), 6, "key 'format': --format pdf: unknown format"),
                Arguments.of("the config key itself", List.of("config=/etc/other.properties"), 6, "unknown key 'config'"));
    }

    @ParameterizedTest(name = "{0} is one line naming file, line and key, exit 3")
    @MethodSource("errors")
    void badKeysAndValues(String name, List<String> lines, int line, String says) throws IOException {
        Path c = config("bad-" + name.replace(' ', '-') + ".properties", lines.toArray(new String[0]));
        CliRun r = CliRun.of(Map.of(), "check", "--config", c.toString());
        assertEquals(3, r.exit(), r.out() + r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("wscheck: " + c + ":" + line + ": "), r.err());
        assertTrue(r.err().contains(says), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aMissingFileNamedByWscheckConfigIsOneLine() {
        CliRun r = CliRun.of(Map.of("WSCHECK_CONFIG", tmp.resolve("absent.properties").toString()), "check");
        assertEquals(3, r.exit());
        assertEquals("wscheck: WSCHECK_CONFIG " + tmp.resolve("absent.properties") + ": no such file", r.err().strip());
    }

    @Test
    void aBadValueInTheFileIsNoErrorWhenTheCommandLineReplacesIt() throws IOException {
        Path c = config("overridden.properties", "region=ap-northeast-1", "samples=0");
        CliRun r = CliRun.of(Map.of(), "check", "--config", c.toString(), "--samples", "3");
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void otherCommandsIgnoreTheConfiguration() {
        CliRun r = CliRun.of(Map.of("WSCHECK_CONFIG", tmp.resolve("absent.properties").toString()), "explain", "tcp-refused");
        assertEquals(0, r.exit(), r.err());
    }
}
