package dev.wscheck.net.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.fixtures.DnsFixture;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.NameResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PAC evaluation: every standard helper, the sandbox (no Java, bounded time), and failures that
 * become findings. DNS helpers ask the in-process DNS fixture, never the system resolver; the
 * clock is fixed at Wednesday 2026-11-25 14:30 UTC.
 */
class PacScriptTest {
    private static final Clock WEDNESDAY = Clock.fixed(Instant.parse("2026-11-25T14:30:00Z"), ZoneOffset.UTC);
    private static DnsFixture dns;
    private static NameResolver resolver;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startDns() throws IOException {
        dns = DnsFixture.start();
        dns.answer("intranet.corp.test", "10.1.2.3");
        dns.answer("skylight-cm.ap-northeast-1.amazonaws.com", "198.18.2.10");
        dns.nxdomain("nothere.corp.test");
        resolver = NameResolver.dnsjava(new DnsServers(List.of(dns.address()), "explicit"));
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    private static PacScript load(String text) throws PacScript.PacException {
        return PacScript.load("test.pac", text, resolver, Duration.ofSeconds(2), () -> Optional.of(address("198.18.1.2")), WEDNESDAY,
                Duration.ofMillis(1500));
    }

    private static InetAddress address(String ip) {
        return NameResolver.literal(ip).orElseThrow();
    }

    record Case(String name, String body, String host, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Each body is an expression; the PAC answers "DIRECT" when it is true, "PROXY no:1" otherwise. */
    static Stream<Case> helpers() {
        return Stream.of(
                new Case("isPlainHostName: no dot", "isPlainHostName(host)", "intranet", "DIRECT"),
                new Case("isPlainHostName: a dot", "isPlainHostName(host)", "intranet.corp.test", "PROXY no:1"),
                new Case("dnsDomainIs matches a suffix", "dnsDomainIs(host, '.amazonaws.com')", "workspaces.ap-northeast-1.amazonaws.com", "DIRECT"),
                new Case("dnsDomainIs does not match another domain", "dnsDomainIs(host, '.amazonaws.com')", "example.com", "PROXY no:1"),
                new Case("localHostOrDomainIs: the plain name", "localHostOrDomainIs(host, 'www.corp.test')", "www", "DIRECT"),
                new Case("localHostOrDomainIs: another domain", "localHostOrDomainIs(host, 'www.corp.test')", "www.other.test", "PROXY no:1"),
                new Case("dnsDomainLevels counts dots", "dnsDomainLevels(host) == 3", "ws.ap-northeast-1.amazonaws.com", "DIRECT"),
                new Case("shExpMatch with a star", "shExpMatch(host, '*.amazonworkspaces.com')", "drp-nrt.amazonworkspaces.com", "DIRECT"),
                new Case("shExpMatch with a question mark", "shExpMatch(host, 'drp-???.amazonworkspaces.com')", "drp-nrt.amazonworkspaces.com", "DIRECT"),
                new Case("shExpMatch does not treat dots as wildcards", "shExpMatch(host, 'a.b')", "axb", "PROXY no:1"),
                new Case("isResolvable through the run's DNS", "isResolvable(host)", "intranet.corp.test", "DIRECT"),
                new Case("isResolvable: NXDOMAIN is false", "isResolvable(host)", "nothere.corp.test", "PROXY no:1"),
                new Case("dnsResolve returns the address", "dnsResolve(host) == '10.1.2.3'", "intranet.corp.test", "DIRECT"),
                new Case("dnsResolve of a name that does not exist is null", "dnsResolve(host) === null", "nothere.corp.test", "DIRECT"),
                new Case("isInNet resolves the name", "isInNet(host, '10.0.0.0', '255.0.0.0')", "intranet.corp.test", "DIRECT"),
                new Case("isInNet on an address outside", "isInNet(host, '10.0.0.0', '255.0.0.0')", "198.18.2.10", "PROXY no:1"),
                new Case("isInNet of an unresolvable name is false", "isInNet(host, '10.0.0.0', '255.0.0.0')", "nothere.corp.test", "PROXY no:1"),
                new Case("myIpAddress is this PC's address", "myIpAddress() == '198.18.1.2'", "x", "DIRECT"),
                new Case("weekdayRange MON-FRI on a Wednesday", "weekdayRange('MON', 'FRI')", "x", "DIRECT"),
                new Case("weekdayRange SAT-SUN on a Wednesday", "weekdayRange('SAT', 'SUN')", "x", "PROXY no:1"),
                new Case("weekdayRange wrapping FRI-MON excludes Wednesday", "weekdayRange('FRI', 'MON')", "x", "PROXY no:1"),
                new Case("weekdayRange on one day, in GMT", "weekdayRange('WED', 'GMT')", "x", "DIRECT"),
                new Case("dateRange of a month", "dateRange('NOV')", "x", "DIRECT"),
                new Case("dateRange of months", "dateRange('JAN', 'MAR')", "x", "PROXY no:1"),
                new Case("dateRange of days and months", "dateRange(20, 'NOV', 5, 'DEC')", "x", "DIRECT"),
                new Case("dateRange of a year range", "dateRange(2025, 2027)", "x", "DIRECT"),
                new Case("dateRange of a day", "dateRange(25)", "x", "DIRECT"),
                new Case("timeRange of hours", "timeRange(9, 17)", "x", "DIRECT"),
                new Case("timeRange outside", "timeRange(0, 8)", "x", "PROXY no:1"),
                new Case("timeRange with minutes", "timeRange(14, 0, 14, 45)", "x", "DIRECT"),
                new Case("timeRange of one hour", "timeRange(14)", "x", "DIRECT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("helpers")
    void helperFunctionsBehaveAsBrowsersDefineThem(Case c) throws Exception {
        PacScript pac = load("function FindProxyForURL(url, host) { return (" + c.body() + ") ? 'DIRECT' : 'PROXY no:1'; }");
        assertEquals(c.expected(), pac.findProxyForUrl("https://" + c.host() + "/", c.host()));
    }

    record Failure(String name, String script, String messageContains) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Failure> failures() {
        return Stream.of(
                new Failure("a syntax error fails to load", "function FindProxyForURL(url, host) { return 'DIRECT' ", "fails to load"),
                new Failure("a script without FindProxyForURL", "var x = 1;", "defines no FindProxyForURL"),
                new Failure("an endless loop at load time ends at the time limit", "while (true) {}", "did not finish loading within 1500 ms"),
                new Failure("Java is not reachable (no Packages)", "var f = java.io.File; function FindProxyForURL(u, h) { return 'DIRECT'; }",
                        "fails to load"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void aBrokenPacFailsWithOneLine(Failure f) {
        PacScript.PacException e = assertThrows(PacScript.PacException.class, () -> load(f.script()));
        assertTrue(e.getMessage().contains(f.messageContains()), e.getMessage());
        assertTrue(e.getMessage().startsWith("PAC file test.pac"), e.getMessage());
    }

    static Stream<Failure> callFailures() {
        return Stream.of(
                new Failure("FindProxyForURL that throws", "function FindProxyForURL(u, h) { throw new Error('boom'); }", "throws: Error: boom"),
                new Failure("FindProxyForURL that loops forever ends at the time limit", "function FindProxyForURL(u, h) { for (;;) {} }",
                        "ran longer than 1500 ms"),
                new Failure("endless recursion ends", "function f(n) { return f(n + 1); } function FindProxyForURL(u, h) { return f(0); }",
                        "FindProxyForURL(https://x/)"),
                new Failure("returning nothing", "function FindProxyForURL(u, h) { }", "returned nothing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callFailures")
    void aPacThatFailsForAUrlSaysWhich(Failure f) throws Exception {
        PacScript pac = load(f.script());
        PacScript.PacException e = assertThrows(PacScript.PacException.class, () -> pac.findProxyForUrl("https://x/", "x"));
        assertTrue(e.getMessage().contains(f.messageContains()), e.getMessage());
    }

    @Test
    void aPacFileOnDiskDrivesTheSelectionPerUrl() throws Exception {
        Path file = Files.writeString(tmp.resolve("proxy.pac"), String.join("\n",
                "function FindProxyForURL(url, host) {",
                "  if (shExpMatch(host, '*.amazonworkspaces.com')) return 'DIRECT';",
                "  if (dnsDomainIs(host, '.corp.test')) return 'SOCKS5 198.18.1.1:1080';",
                "  if (host == 'weird.amazonaws.com') return 'HTTPS tls-proxy:443; PROXY 198.18.1.1:3130';",
                "  if (host == 'broken.amazonaws.com') throw 'nope';",
                "  return 'PROXY 198.18.1.1:3128; DIRECT';",
                "}"));
        ProxyConfig config = ProxyConfig.pacFile("--pac", file.toString(), Optional.empty(), BypassList.empty(), List.of());
        ProxySelection s = ProxySelection.of(config, options());
        assertEquals("http://198.18.1.1:3128", s.decide("https://skylight-cm.ap-northeast-1.amazonaws.com/", "skylight-cm.ap-northeast-1.amazonaws.com")
                .proxy().orElseThrow().url());
        assertEquals(Optional.empty(), s.decide("https://drp-nrt.amazonworkspaces.com:4195/", "drp-nrt.amazonworkspaces.com").proxy());
        assertEquals("socks5://198.18.1.1:1080", s.decide("https://git.corp.test/", "git.corp.test").proxy().orElseThrow().url());
        assertEquals("http://198.18.1.1:3130", s.decide("https://weird.amazonaws.com/", "weird.amazonaws.com").proxy().orElseThrow().url(),
                "an HTTPS (TLS-to-proxy) entry is skipped for the next one");
        ProxySelection.Decision broken = s.decide("https://broken.amazonaws.com/", "broken.amazonaws.com");
        assertEquals(Optional.empty(), broken.proxy(), "a PAC that throws falls back to direct (no manual proxy configured)");
        assertTrue(s.findings().stream().anyMatch(f -> f.contains("throws") && f.contains("checking direct")), s.findings().toString());
        assertEquals(5, s.decisions().size());
    }

    @Test
    void aPacThatCannotBeLoadedIsAFindingAndTheManualProxyIsTheFallback() {
        ProxyConfig config = ProxyConfig.pacFile("Windows", tmp.resolve("missing.pac").toString(),
                Optional.of(dev.wscheck.net.ProxyEndpoint.parse("http://198.18.1.1:3128", true)), BypassList.empty(), List.of());
        ProxySelection s = ProxySelection.of(config, options());
        assertEquals("http://198.18.1.1:3128", s.decide("https://a.test/", "a.test").proxy().orElseThrow().url());
        assertEquals(1, s.findings().size(), s.findings().toString());
        assertTrue(s.findings().get(0).contains("cannot be read") && s.findings().get(0).contains("falling back to the manual proxy"),
                s.findings().get(0));
    }

    @Test
    void thePacIsFetchedOverHttpWithTheRunsDns() throws Exception {
        try (dev.wscheck.fixtures.TlsFixture server = dev.wscheck.fixtures.TlsFixture.plainHttp(
                dev.wscheck.fixtures.TlsFixture.Reply.of(200, "OK", "function FindProxyForURL(u, h) { return 'PROXY 198.18.1.1:3128'; }"))) {
            dns.answer("wpad.corp.test", "127.0.0.1");
            ProxyConfig config = ProxyConfig.pacFile("--pac", "http://wpad.corp.test:" + server.port() + "/wpad.dat", Optional.empty(),
                    BypassList.empty(), List.of());
            ProxySelection s = ProxySelection.of(config, options());
            assertEquals("http://198.18.1.1:3128", s.decide("https://a.test/", "a.test").proxy().orElseThrow().url(), s.findings().toString());
        }
    }

    private static ProxySelection.PacOptions options() {
        return new ProxySelection.PacOptions(resolver, Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(1500),
                () -> Optional.of(address("198.18.1.2")), WEDNESDAY);
    }
}
