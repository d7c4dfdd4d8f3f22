package dev.wscheck.catalog.ipranges;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IpPrefixTest {
    record Good(String name, String text, String canonical, String netmaskOrEmpty) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Good> good() {
        return Stream.of(
                new Good("an IPv4 /24", "18.180.178.0/24", "18.180.178.0/24", "255.255.255.0"),
                new Good("an IPv4 /23", "18.180.180.0/23", "18.180.180.0/23", "255.255.254.0"),
                new Good("an IPv4 host", "54.64.174.128/32", "54.64.174.128/32", "255.255.255.255"),
                new Good("the whole IPv4 space", "0.0.0.0/0", "0.0.0.0/0", "0.0.0.0"),
                new Good("an IPv6 /40", "2406:da32:4000::/40", "2406:da32:4000::/40", ""),
                new Good("an IPv6 /56 with a group after the first half", "2406:da14:785:5300::/56", "2406:da14:785:5300::/56", ""),
                new Good("IPv6 written in full, upper case", "2406:DA24:0028:0000:0000:0000:0000:0000/48", "2406:da24:28::/48", ""),
                new Good("IPv6 host in the low half", "2600:1f18::1:0:0:1/128", "2600:1f18::1:0:0:1/128", ""),
                new Good("IPv6 all-zero", "::/0", "::/0", ""),
                new Good("IPv6 ending in a run of zeros keeps the longest run compressed", "1:0:0:2:0:0:0:0/64", "1:0:0:2::/64", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("good")
    void parsesAndPrintsCanonically(Good c) {
        IpPrefix p = IpPrefix.parse(c.text());
        assertEquals(c.canonical(), p.toString());
        assertEquals(p, IpPrefix.parse(p.toString()), "round trip");
        if (!c.netmaskOrEmpty().isEmpty()) {
            assertEquals(c.netmaskOrEmpty(), p.netmask());
        }
        assertTrue(p.contains(p.inetAddress()), "contains its own network address");
    }

    record Bad(String name, String text, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> bad() {
        return Stream.of(
                new Bad("no length", "18.180.178.0", "missing /length"),
                new Bad("host bits set", "18.180.178.1/24", "host bits set"),
                new Bad("IPv4 length above 32", "18.180.178.0/33", "length out of range"),
                new Bad("octet above 255", "18.180.278.0/24", "bad address"),
                new Bad("three octets", "18.180.178/24", "bad address"),
                new Bad("a name, not an address", "example.com/24", "bad address"),
                new Bad("two double colons", "2406::da32::/40", "bad address"),
                new Bad("nine IPv6 groups", "1:2:3:4:5:6:7:8:9/128", "bad address"),
                new Bad("IPv6 length above 128", "2406:da32:4000::/129", "length out of range"),
                new Bad("empty length", "10.0.0.0/", "bad length"),
                new Bad("negative length", "10.0.0.0/-1", "bad length"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void rejectsWithTheText(Bad c) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse(c.text()));
        assertTrue(e.getMessage().contains(c.message()), e.getMessage());
        assertTrue(e.getMessage().contains(c.text()), e.getMessage());
    }

    record Containment(String name, String outer, String inner, boolean contains) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Containment> containment() {
        return Stream.of(
                new Containment("a /16 contains a /24 inside it", "18.178.0.0/16", "18.178.102.0/24", true),
                new Containment("a prefix contains itself", "18.178.0.0/16", "18.178.0.0/16", true),
                new Containment("a /24 does not contain its /16", "18.178.102.0/24", "18.178.0.0/16", false),
                new Containment("neighbours do not contain each other", "18.180.178.0/24", "18.180.179.0/24", false),
                new Containment("IPv4 never contains IPv6", "0.0.0.0/0", "::/128", false),
                new Containment("an IPv6 /35 contains a /56 inside it", "2406:da14::/35", "2406:da14:785:5300::/56", true),
                new Containment("an IPv6 /64 boundary is honoured", "2406:da14:785:5300::/64", "2406:da14:785:5301::/64", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containment")
    void containment(Containment c) {
        assertEquals(c.contains(), IpPrefix.parse(c.outer()).contains(IpPrefix.parse(c.inner())));
    }
}
