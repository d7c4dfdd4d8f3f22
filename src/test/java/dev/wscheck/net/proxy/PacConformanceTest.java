package dev.wscheck.net.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.fixtures.DnsFixture;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.NameResolver;
import dev.wscheck.net.ProxyEndpoint;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PAC conformance table: one row per helper and edge case, each the answer the browsers'
 * engines give (Mozilla's PAC utilities, which Chromium's and pacparser's are derived from, and
 * Microsoft's IPv6 extensions as Chromium implements them), written from their documented
 * behaviour. A row evaluates one expression inside FindProxyForURL and compares
 * "type:value", or "throws:KIND" when the browsers throw. DNS answers come from the in-process
 * fixture; the clock is fixed at Wednesday 2026-11-25 14:30:45 UTC, and for the rows that need
 * a local time zone other than UTC, at the same instant in Kiritimati, UTC+14 (Thursday 04:30:45).
 */
class PacConformanceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T14:30:45Z");
    private static final Clock UTC = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Clock KIRITIMATI = Clock.fixed(NOW, ZoneId.of("Pacific/Kiritimati"));
    private static DnsFixture dns;
    private static NameResolver resolver;

    @BeforeAll
    static void startDns() {
        dns = DnsFixture.start();
        dns.answer("intranet.corp.test", "10.1.2.3");
        dns.answer("dual.corp.test", "10.1.2.4", "2001:db8::4");
        dns.answer("v6only.corp.test", "2001:db8::6");
        dns.nxdomain("nothere.corp.test");
        resolver = NameResolver.dnsjava(new DnsServers(List.of(dns.address()), "explicit"));
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    record Row(String name, String expression, String expected, Clock clock) {
        Row(String name, String expression, String expected) {
            this(name, expression, expected, UTC);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> table() {
        return Stream.of(
                // ---- isPlainHostName ----
                new Row("isPlainHostName: a name without a dot is plain", "isPlainHostName('www')", "boolean:true"),
                new Row("isPlainHostName: a dotted name is not plain", "isPlainHostName('www.mozilla.org')", "boolean:false"),
                new Row("isPlainHostName: an IPv4 literal is not plain", "isPlainHostName('10.0.0.1')", "boolean:false"),
                new Row("isPlainHostName: an IPv6 literal is not plain (its colons)", "isPlainHostName('::1')", "boolean:false"),
                new Row("isPlainHostName: a bracketed IPv6 literal is not plain", "isPlainHostName('[2001:db8::1]')", "boolean:false"),
                new Row("isPlainHostName: a number is a TypeError", "isPlainHostName(42)", "throws:TypeError"),
                new Row("isPlainHostName: no argument is a TypeError", "isPlainHostName()", "throws:TypeError"),
                // ---- dnsDomainIs ----
                new Row("dnsDomainIs: a name under the domain", "dnsDomainIs('www.mozilla.org', '.mozilla.org')", "boolean:true"),
                new Row("dnsDomainIs: a name under another domain", "dnsDomainIs('www', '.mozilla.org')", "boolean:false"),
                new Row("dnsDomainIs: is case-sensitive", "dnsDomainIs('WWW.MOZILLA.ORG', '.mozilla.org')", "boolean:false"),
                new Row("dnsDomainIs: compares plain string suffixes (no label boundary)", "dnsDomainIs('notmozilla.org', 'mozilla.org')", "boolean:true"),
                new Row("dnsDomainIs: the domain itself", "dnsDomainIs('mozilla.org', 'mozilla.org')", "boolean:true"),
                // ---- localHostOrDomainIs ----
                new Row("localHostOrDomainIs: the exact name", "localHostOrDomainIs('www.mozilla.org', 'www.mozilla.org')", "boolean:true"),
                new Row("localHostOrDomainIs: the plain host of the name", "localHostOrDomainIs('www', 'www.mozilla.org')", "boolean:true"),
                new Row("localHostOrDomainIs: a partly qualified prefix of the name", "localHostOrDomainIs('www.mozilla', 'www.mozilla.org')", "boolean:true"),
                new Row("localHostOrDomainIs: a name in another domain", "localHostOrDomainIs('www.google.com', 'www.mozilla.org')", "boolean:false"),
                new Row("localHostOrDomainIs: another host of the domain", "localHostOrDomainIs('home.mozilla.org', 'www.mozilla.org')", "boolean:false"),
                new Row("localHostOrDomainIs: is case-sensitive", "localHostOrDomainIs('WWW', 'www.mozilla.org')", "boolean:false"),
                // ---- dnsDomainLevels ----
                new Row("dnsDomainLevels: a plain name has none", "dnsDomainLevels('www')", "number:0"),
                new Row("dnsDomainLevels: counts the dots", "dnsDomainLevels('www.mozilla.org')", "number:2"),
                new Row("dnsDomainLevels: a number is a TypeError", "dnsDomainLevels(5)", "throws:TypeError"),
                // ---- shExpMatch ----
                new Row("shExpMatch: '*' matches any run of characters", "shExpMatch('http://home.netscape.com/people/ari/index.html', '*/ari/*')", "boolean:true"),
                new Row("shExpMatch: '*' needs the rest to match", "shExpMatch('http://home.netscape.com/people/montulli/index.html', '*/ari/*')", "boolean:false"),
                new Row("shExpMatch: '?' matches one character", "shExpMatch('drp-nrt.amazonworkspaces.com', 'drp-???.amazonworkspaces.com')", "boolean:true"),
                new Row("shExpMatch: '.' is a dot, not any character", "shExpMatch('axb', 'a.b')", "boolean:false"),
                new Row("shExpMatch: the (a|b) alternation real PAC files use", "shExpMatch('www.bar.com', '*.(foo|bar).com')", "boolean:true"),
                new Row("shExpMatch: a name outside the alternation", "shExpMatch('www.baz.com', '*.(foo|bar).com')", "boolean:false"),
                new Row("shExpMatch: a character class passes through", "shExpMatch('host7', 'host[0-9]')", "boolean:true"),
                new Row("shExpMatch: is case-sensitive", "shExpMatch('WWW.EXAMPLE.COM', '*.example.com')", "boolean:false"),
                new Row("shExpMatch: matches the whole string", "shExpMatch('a.example.com.evil.test', '*.example.com')", "boolean:false"),
                new Row("shExpMatch: a pattern that is no regular expression throws", "shExpMatch('x', '(x')", "throws:SyntaxError"),
                // ---- dnsResolve, isResolvable and the Ex forms ----
                new Row("dnsResolve: the name's IPv4 address", "dnsResolve('intranet.corp.test')", "string:10.1.2.3"),
                new Row("dnsResolve: a name that does not exist is null", "dnsResolve('nothere.corp.test')", "object:null"),
                new Row("dnsResolve: an IPv4 literal is itself", "dnsResolve('10.9.8.7')", "string:10.9.8.7"),
                new Row("dnsResolve: a name with IPv6 addresses only is null (IPv4 only)", "dnsResolve('v6only.corp.test')", "object:null"),
                new Row("isResolvable: a name that resolves", "isResolvable('intranet.corp.test')", "boolean:true"),
                new Row("isResolvable: NXDOMAIN is false", "isResolvable('nothere.corp.test')", "boolean:false"),
                new Row("dnsResolveEx: every address, joined by ';'", "dnsResolveEx('dual.corp.test')", "string:10.1.2.4;2001:db8::4"),
                new Row("dnsResolveEx: an IPv6-only name", "dnsResolveEx('v6only.corp.test')", "string:2001:db8::6"),
                new Row("dnsResolveEx: a name that does not exist is the empty string", "dnsResolveEx('nothere.corp.test')", "string:"),
                new Row("isResolvableEx: an IPv6-only name resolves", "isResolvableEx('v6only.corp.test')", "boolean:true"),
                new Row("isResolvableEx: NXDOMAIN is false", "isResolvableEx('nothere.corp.test')", "boolean:false"),
                // ---- isInNet ----
                new Row("isInNet: an address inside the network", "isInNet('10.1.2.3', '10.0.0.0', '255.0.0.0')", "boolean:true"),
                new Row("isInNet: an address outside", "isInNet('198.18.2.10', '10.0.0.0', '255.0.0.0')", "boolean:false"),
                new Row("isInNet: a name is resolved first", "isInNet('intranet.corp.test', '10.0.0.0', '255.0.0.0')", "boolean:true"),
                new Row("isInNet: a name that does not resolve is false", "isInNet('nothere.corp.test', '10.0.0.0', '255.0.0.0')", "boolean:false"),
                new Row("isInNet: a malformed mask is false", "isInNet('10.1.2.3', '10.0.0.0', '255.0.0')", "boolean:false"),
                new Row("isInNet: an IPv6 literal is never in an IPv4 network", "isInNet('::1', '0.0.0.0', '0.0.0.0')", "boolean:false"),
                // ---- isInNetEx ----
                new Row("isInNetEx: an IPv4 address in its /16", "isInNetEx('198.95.249.79', '198.95.0.0/16')", "boolean:true"),
                new Row("isInNetEx: an IPv4 address outside the /16", "isInNetEx('198.96.1.1', '198.95.0.0/16')", "boolean:false"),
                new Row("isInNetEx: an IPv4 /32 is one address", "isInNetEx('198.95.249.79', '198.95.249.79/32')", "boolean:true"),
                new Row("isInNetEx: an IPv6 address in its /48", "isInNetEx('3ffe:8311:ffff:1::1', '3ffe:8311:ffff::/48')", "boolean:true"),
                new Row("isInNetEx: an IPv6 address outside the /48", "isInNetEx('3ffe:8311:fffe::1', '3ffe:8311:ffff::/48')", "boolean:false"),
                new Row("isInNetEx: an IPv4 address against an IPv6 prefix is false", "isInNetEx('10.0.0.1', '::/0')", "boolean:false"),
                new Row("isInNetEx: a prefix without a length is false", "isInNetEx('10.0.0.1', '10.0.0.0')", "boolean:false"),
                new Row("isInNetEx: a length beyond the family is false", "isInNetEx('10.0.0.1', '10.0.0.0/33')", "boolean:false"),
                new Row("isInNetEx: a host name is not resolved", "isInNetEx('intranet.corp.test', '10.0.0.0/8')", "boolean:false"),
                // ---- myIpAddress, myIpAddressEx ----
                new Row("myIpAddress: this PC's IPv4 address", "myIpAddress()", "string:198.18.1.2"),
                new Row("myIpAddressEx: every address of this PC, joined by ';'", "myIpAddressEx()", "string:198.18.1.2;2001:db8::2"),
                // ---- sortIpAddressList, getClientVersion ----
                new Row("sortIpAddressList: IPv6 first, each family ascending", "sortIpAddressList('10.2.3.9;2001:4898:28:3:201:2ff:feea:fc14;::1;10.2.3.10')",
                        "string:::1;2001:4898:28:3:201:2ff:feea:fc14;10.2.3.9;10.2.3.10"),
                new Row("sortIpAddressList: one address", "sortIpAddressList('10.0.0.1')", "string:10.0.0.1"),
                new Row("sortIpAddressList: an entry that is no address gives false", "sortIpAddressList('10.0.0.1;host')", "boolean:false"),
                new Row("sortIpAddressList: an empty list gives false", "sortIpAddressList('')", "boolean:false"),
                new Row("getClientVersion: the extensions' version", "getClientVersion()", "string:1.0"),
                // ---- weekdayRange (a Wednesday) ----
                new Row("weekdayRange: MON to FRI includes Wednesday", "weekdayRange('MON', 'FRI')", "boolean:true"),
                new Row("weekdayRange: SAT to SUN excludes Wednesday", "weekdayRange('SAT', 'SUN')", "boolean:false"),
                new Row("weekdayRange: one day", "weekdayRange('WED')", "boolean:true"),
                new Row("weekdayRange: a wrapping range FRI to MON excludes Wednesday", "weekdayRange('FRI', 'MON')", "boolean:false"),
                new Row("weekdayRange: day names are upper case only", "weekdayRange('wed')", "boolean:false"),
                new Row("weekdayRange: GMT counts in UTC", "weekdayRange('WED', 'GMT')", "boolean:true"),
                new Row("weekdayRange: 'gmt' in lower case is not GMT", "weekdayRange('WED', 'gmt')", "boolean:false"),
                new Row("weekdayRange: local time is this PC's zone (already Thursday in Kiritimati)", "weekdayRange('THU')", "boolean:true", KIRITIMATI),
                new Row("weekdayRange: GMT ignores this PC's zone", "weekdayRange('THU', 'GMT')", "boolean:false", KIRITIMATI),
                new Row("weekdayRange: no argument is false", "weekdayRange()", "boolean:false"),
                // ---- dateRange (2026-11-25) ----
                new Row("dateRange: a day of the month", "dateRange(25)", "boolean:true"),
                new Row("dateRange: another day of the month", "dateRange(24)", "boolean:false"),
                new Row("dateRange: a month", "dateRange('NOV')", "boolean:true"),
                new Row("dateRange: month names are upper case only", "dateRange('nov')", "boolean:false"),
                new Row("dateRange: a year", "dateRange(2026)", "boolean:true"),
                new Row("dateRange: two months", "dateRange('JAN', 'MAR')", "boolean:false"),
                new Row("dateRange: two days of the current month", "dateRange(20, 30)", "boolean:true"),
                new Row("dateRange: two years", "dateRange(2025, 2027)", "boolean:true"),
                new Row("dateRange: day and month on each side", "dateRange(20, 'NOV', 5, 'DEC')", "boolean:true"),
                new Row("dateRange: month and year on each side", "dateRange('OCT', 2026, 'JAN', 2027)", "boolean:true"),
                new Row("dateRange: day, month and year on each side", "dateRange(1, 'NOV', 2026, 30, 'NOV', 2026)", "boolean:true"),
                new Row("dateRange: three arguments, one for the start and two for the end (26 Jan to 30 Nov)", "dateRange(26, 'NOV', 2026)", "boolean:true"),
                new Row("dateRange: three arguments ending in October", "dateRange(26, 'OCT', 2026)", "boolean:false"),
                new Row("dateRange: a range does not wrap past the year's end", "dateRange('DEC', 'JAN')", "boolean:false"),
                new Row("dateRange: GMT counts in UTC (still 25 November)", "dateRange(25, 'GMT')", "boolean:true", KIRITIMATI),
                new Row("dateRange: local time is this PC's zone (26 November in Kiritimati)", "dateRange(26)", "boolean:true", KIRITIMATI),
                // ---- timeRange (14:30:45) ----
                new Row("timeRange: one hour", "timeRange(14)", "boolean:true"),
                new Row("timeRange: an hour given as text", "timeRange('14')", "boolean:true"),
                new Row("timeRange: from hour to hour", "timeRange(9, 17)", "boolean:true"),
                new Row("timeRange: the end hour is included", "timeRange(12, 14)", "boolean:true"),
                new Row("timeRange: hours later today", "timeRange(15, 18)", "boolean:false"),
                new Row("timeRange: the end minute is included", "timeRange(14, 0, 14, 30)", "boolean:true"),
                new Row("timeRange: a start minute later this hour", "timeRange(14, 31, 15, 0)", "boolean:false"),
                new Row("timeRange: to the second", "timeRange(14, 30, 0, 14, 30, 45)", "boolean:true"),
                new Row("timeRange: a start second later this minute", "timeRange(14, 30, 46, 15, 0, 0)", "boolean:false"),
                new Row("timeRange: a range does not wrap past midnight", "timeRange(22, 2)", "boolean:false", KIRITIMATI),
                new Row("timeRange: local time is this PC's zone", "timeRange(4)", "boolean:true", KIRITIMATI),
                new Row("timeRange: GMT counts in UTC", "timeRange(14, 'GMT')", "boolean:true", KIRITIMATI),
                new Row("timeRange: three arguments throw", "timeRange(1, 2, 3)", "throws:timeRange: bad number of arguments"),
                new Row("timeRange: no argument is false", "timeRange()", "boolean:false"));
    }

    private static PacScript load(String text, Clock clock) throws PacScript.PacException {
        return PacScript.load("conformance.pac", text, resolver, Duration.ofSeconds(2),
                () -> Optional.of(address("198.18.1.2")), () -> List.of(address("198.18.1.2"), address("2001:db8::2")), clock,
                Duration.ofMillis(3000));
    }

    private static InetAddress address(String ip) {
        return NameResolver.literal(ip).orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void helperAgreesWithTheBrowsers(Row row) throws Exception {
        PacScript pac = load(String.join("\n",
                "function FindProxyForURL(url, host) {",
                "  try {",
                "    var v = (" + row.expression() + ");",
                "    return typeof v + ':' + v;",
                "  } catch (e) {",
                "    return 'throws:' + (e instanceof TypeError ? 'TypeError' : e instanceof SyntaxError ? 'SyntaxError' : String(e));",
                "  }",
                "}"), row.clock());
        assertEquals(row.expected(), pac.findProxyForUrl("https://x.test/", "x.test"));
    }

    // ---- what FindProxyForURL answers ----

    record Answer(String name, String script, String expectedOrFailure) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Answer> answers() {
        return Stream.of(
                new Answer("a string answer is returned as it is", "function FindProxyForURL(u, h) { return 'PROXY a:1; DIRECT'; }", "PROXY a:1; DIRECT"),
                new Answer("FindProxyForURLEx is called instead when the file defines it",
                        "function FindProxyForURL(u, h) { return 'DIRECT'; } function FindProxyForURLEx(u, h) { return 'PROXY ex:8080'; }", "PROXY ex:8080"),
                new Answer("a file with FindProxyForURLEx alone is usable", "function FindProxyForURLEx(u, h) { return 'DIRECT'; }", "DIRECT"),
                new Answer("a number is not an answer", "function FindProxyForURL(u, h) { return 42; }", "fails:returned a number (42), not a string"),
                new Answer("null is not an answer", "function FindProxyForURL(u, h) { return null; }", "fails:returned null, not a string"),
                new Answer("a String object is not an answer", "function FindProxyForURL(u, h) { return new String('DIRECT'); }", "fails:returned a object (DIRECT), not a string"),
                new Answer("nothing is not an answer", "function FindProxyForURL(u, h) { }", "fails:returned nothing, not a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void findProxyForUrlAnswersOnlyStrings(Answer a) throws Exception {
        PacScript pac = load(a.script(), UTC);
        if (a.expectedOrFailure().startsWith("fails:")) {
            PacScript.PacException e = assertThrows(PacScript.PacException.class, () -> pac.findProxyForUrl("https://x.test/", "x.test"));
            assertTrue(e.getMessage().contains(a.expectedOrFailure().substring("fails:".length())), e.getMessage());
        } else {
            assertEquals(a.expectedOrFailure(), pac.findProxyForUrl("https://x.test/", "x.test"));
        }
    }

    // ---- how an answer's entries are read ----

    record Entry(String name, ProxyEndpoint.Kind kind, String hostPort, int defaultPort, Optional<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Entry> entries() {
        return Stream.of(
                new Entry("PROXY with a port", ProxyEndpoint.Kind.HTTP, "proxy.corp.test:3128", 80, Optional.of("http://proxy.corp.test:3128")),
                new Entry("PROXY without a port uses port 80", ProxyEndpoint.Kind.HTTP, "proxy.corp.test", 80, Optional.of("http://proxy.corp.test:80")),
                new Entry("SOCKS without a port uses port 1080", ProxyEndpoint.Kind.SOCKS5, "socks.corp.test", 1080, Optional.of("socks5://socks.corp.test:1080")),
                new Entry("a host name with underscores is accepted", ProxyEndpoint.Kind.HTTP, "proxy_01.corp_net.test:8080", 80,
                        Optional.of("http://proxy_01.corp_net.test:8080")),
                new Entry("a bracketed IPv6 proxy with a port", ProxyEndpoint.Kind.HTTP, "[2001:db8::3]:3128", 80, Optional.of("http://[2001:db8::3]:3128")),
                new Entry("a bracketed IPv6 proxy without a port", ProxyEndpoint.Kind.HTTP, "[2001:db8::3]", 80, Optional.of("http://[2001:db8::3]:80")),
                new Entry("a port that is not a number is unusable", ProxyEndpoint.Kind.HTTP, "proxy.corp.test:http", 80, Optional.empty()),
                new Entry("a port out of range is unusable", ProxyEndpoint.Kind.HTTP, "proxy.corp.test:70000", 80, Optional.empty()),
                new Entry("a space in the host is unusable", ProxyEndpoint.Kind.HTTP, "proxy corp", 80, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void aPacEntryIsReadAsTheBrowsersReadIt(Entry e) {
        assertEquals(e.expected(), ProxySelection.pacEndpoint(e.kind(), e.hostPort(), e.defaultPort()).map(ProxyEndpoint::url));
    }
}
