package dev.wscheck.catalog.ipranges;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CidrsTest {
    record Case(String name, List<String> in, List<String> out) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("nothing stays nothing", List.of(), List.of()),
                new Case("two adjacent /24 halves become a /23", List.of("10.0.1.0/24", "10.0.0.0/24"), List.of("10.0.0.0/23")),
                new Case("a contained prefix disappears", List.of("18.178.0.0/16", "18.178.102.0/24"), List.of("18.178.0.0/16")),
                new Case("duplicates collapse", List.of("3.114.164.0/22", "3.114.164.0/22"), List.of("3.114.164.0/22")),
                new Case("adjacent but unaligned prefixes stay apart", List.of("10.0.1.0/24", "10.0.2.0/24"), List.of("10.0.1.0/24", "10.0.2.0/24")),
                new Case("a run of three /24s is cut into aligned pieces", List.of("10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"),
                        List.of("10.0.1.0/24", "10.0.2.0/23")),
                new Case("Tokyo PCoIP gateways stay as published", List.of("18.180.178.0/24", "18.180.180.0/23", "54.250.251.0/24"),
                        List.of("18.180.178.0/24", "18.180.180.0/23", "54.250.251.0/24")),
                new Case("the top of the IPv4 space does not overflow", List.of("255.255.255.0/25", "255.255.255.128/25", "255.255.255.255/32"),
                        List.of("255.255.255.0/24")),
                new Case("IPv4 and IPv6 are kept apart, IPv4 first", List.of("2406:da32:4000::/40", "10.0.0.0/8"),
                        List.of("10.0.0.0/8", "2406:da32:4000::/40")),
                new Case("IPv6 halves across the 64-bit boundary merge", List.of("2001:db8::/65", "2001:db8:0:0:8000::/65"), List.of("2001:db8::/64")),
                new Case("IPv6 adjacent /48s merge into a /47", List.of("2406:da24:28::/48", "2406:da24:29::/48"), List.of("2406:da24:28::/47")),
                new Case("the top of the IPv6 space does not overflow", List.of("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/128", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"),
                        List.of("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aggregates(Case c) {
        List<IpPrefix> in = c.in().stream().map(IpPrefix::parse).toList();
        assertEquals(c.out(), Cidrs.aggregate(in).stream().map(IpPrefix::toString).toList());
    }

    record Space(String name, String base, boolean v6) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Space> spaces() {
        return Stream.of(new Space("random IPv4 prefixes inside 10.20.0.0/20", "10.20.0.0/20", false),
                new Space("random IPv4 prefixes at the top of the space", "255.255.240.0/20", false),
                new Space("random IPv6 prefixes straddling the 64-bit boundary", "2001:db8:0:ffff:ffff:ffff:ffff:f000/116", true),
                new Space("random IPv6 prefixes at the top of the space", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:f000/116", true));
    }

    /** Brute force over a 4096-address space: the union is unchanged and nothing is left to merge. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("spaces")
    void aggregationKeepsTheUnionAndIsMinimal(Space s) {
        IpPrefix base = IpPrefix.parse(s.base());
        Random random = new Random(42);
        for (int round = 0; round < 30; round++) {
            List<IpPrefix> in = new ArrayList<>();
            boolean[] covered = new boolean[4096];
            int n = 1 + random.nextInt(20);
            for (int i = 0; i < n; i++) {
                int len = 4 + random.nextInt(9); // block of 2^(12-len+... ) inside the 12-bit space
                int size = 1 << (12 - len);
                int start = random.nextInt(4096 / size) * size;
                in.add(at(base, start, base.length() + len));
                Arrays.fill(covered, start, start + size, true);
            }
            List<IpPrefix> out = Cidrs.aggregate(in);
            boolean[] got = new boolean[4096];
            for (IpPrefix p : out) {
                int start = (int) (p.lo() - base.lo());
                int size = 1 << (base.bits() - p.length());
                Arrays.fill(got, start, start + size, true);
            }
            assertEquals(Arrays.toString(covered), Arrays.toString(got), "same addresses for " + in);
            for (int i = 0; i + 1 < out.size(); i++) {
                IpPrefix a = out.get(i);
                IpPrefix b = out.get(i + 1);
                boolean siblings = a.length() == b.length() && a.length() > 0
                        && IpPrefix.containing(a.inetAddress().getAddress(), a.length() - 1).contains(b);
                assertFalse(siblings, "mergeable siblings left: " + a + " " + b);
                assertFalse(a.contains(b), "contained prefix left: " + a + " " + b);
            }
        }
    }

    static IpPrefix at(IpPrefix base, int offset, int length) {
        return new IpPrefix(base.v6(), base.hi(), base.lo() + offset, length);
    }
}
