package dev.wscheck.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.WscheckException;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ip-ranges.json loader: what it accepts, what it rejects and how it says so, lookups and filters. */
class IpRangesTest {
    static final IpRanges FIXTURE = IpRanges.load("fixture", Path.of("src/test/resources/ipranges/fixture-ip-ranges.json"));

    record Bad(String name, String json, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String OK_HEAD = "{\"syncToken\": \"1\", \"createDate\": \"2026-08-01-12-00-00\", ";

    static Stream<Bad> bad() {
        return Stream.of(
                new Bad("not JSON at all", "hello", "not valid JSON"),
                new Bad("a JSON array", "[]", "expected a JSON object"),
                new Bad("cut off in the middle", OK_HEAD + "\"prefixes\": [{\"ip_prefix\": \"3.112.0.0/14\", \"region\"", "not valid JSON"),
                new Bad("createDate missing", "{\"prefixes\": []}", "createDate missing"),
                new Bad("createDate in another form", "{\"createDate\": \"2026-08-01T12:00:00Z\", \"prefixes\": []}", "YYYY-MM-DD-hh-mm-ss"),
                new Bad("createDate that is no date", "{\"createDate\": \"2026-13-45-99-00-00\", \"prefixes\": []}", "YYYY-MM-DD-hh-mm-ss"),
                new Bad("no prefixes array", OK_HEAD + "\"ipv6_prefixes\": []}", "no \"prefixes\" array"),
                new Bad("prefixes not an array", OK_HEAD + "\"prefixes\": {}}", "\"prefixes\" must be an array"),
                new Bad("an entry that is not an object", OK_HEAD + "\"prefixes\": [\"3.112.0.0/14\"]}", "must hold objects only"),
                new Bad("an entry without a region", OK_HEAD + "\"prefixes\": [{\"ip_prefix\": \"3.112.0.0/14\", \"service\": \"AMAZON\"}]}", "entry without ip_prefix, region or service"),
                new Bad("a malformed prefix, with its line", OK_HEAD + "\n\"prefixes\": [\n{\"ip_prefix\": \"3.112.0.1/14\", \"region\": \"x\", \"service\": \"AMAZON\"}]}", "line 3: '3.112.0.1/14' has host bits set"),
                new Bad("an IPv6 prefix among the IPv4 ones", OK_HEAD + "\"prefixes\": [{\"ip_prefix\": \"2406:da14::/35\", \"region\": \"x\", \"service\": \"AMAZON\"}]}", "listed in \"prefixes\""),
                new Bad("a region that is a number", OK_HEAD + "\"prefixes\": [{\"ip_prefix\": \"3.112.0.0/14\", \"region\": 7, \"service\": \"AMAZON\"}]}", "region must be a string"),
                new Bad("content after the document", OK_HEAD + "\"prefixes\": []} {}", "content after the end"));
    }

    @ParameterizedTest(name = "{0}: one message naming the file")
    @MethodSource("bad")
    void rejects(Bad c) {
        WscheckException e = assertThrows(WscheckException.class,
                () -> IpRanges.parse("bad.json", new ByteArrayInputStream(c.json().getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().startsWith("bad.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(c.message()), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    record Lookup(String name, String address, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Lookup> lookups() {
        return Stream.of(
                new Lookup("a PCoIP gateway address lies in AMAZON and WORKSPACES_GATEWAYS, outermost first", "18.180.181.7",
                        List.of("ap-northeast-1 AMAZON 18.180.0.0/16", "ap-northeast-1 WORKSPACES_GATEWAYS 18.180.180.0/23")),
                new Lookup("a health-check address lies in AMAZON and EC2", "54.64.174.128",
                        List.of("ap-northeast-1 AMAZON 54.64.0.0/15", "ap-northeast-1 EC2 54.64.0.0/15")),
                new Lookup("an address between two published ranges lies in none", "18.179.0.1", List.of()),
                new Lookup("an IPv6 gateway address", "2406:da32:4000::1",
                        List.of("ap-northeast-1 AMAZON 2406:da32:4000::/40", "ap-northeast-1 WORKSPACES_GATEWAYS 2406:da32:4000::/40")),
                new Lookup("an IPv6 address in no range", "2001:db8::1", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void looksUp(Lookup c) throws Exception {
        InetAddress a = InetAddress.getByAddress(Cidr.literal(c.address()).orElseThrow());
        assertEquals(c.expected(), FIXTURE.lookup(a).stream().map(e -> e.region() + " " + e.service() + " " + e.prefix()).toList());
        assertEquals(!c.expected().isEmpty(), FIXTURE.contains(a));
    }

    record Select(String name, IpRanges.Filter filter, int count) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Select> selects() {
        return Stream.of(
                new Select("region and service as the PowerShell cmdlet takes them", IpRanges.Filter.of("ap-northeast-1", "WORKSPACES_GATEWAYS"), 6),
                new Select("case does not matter", IpRanges.Filter.of("AP-NORTHEAST-1", "workspaces_gateways"), 6),
                new Select("GLOBAL is a region like any other", IpRanges.Filter.of("global", "amazon"), 5),
                new Select("several regions at once", new IpRanges.Filter(Set.of("us-east-1", "us-west-2"), Set.of("S3")), 4),
                new Select("no filter selects everything", new IpRanges.Filter(Set.of(), Set.of()), 40),
                new Select("an unknown service selects nothing", IpRanges.Filter.of("ap-northeast-1", "TELEPORT"), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selects")
    void selects(Select c) {
        assertEquals(c.count(), FIXTURE.select(c.filter()).size());
    }
}
