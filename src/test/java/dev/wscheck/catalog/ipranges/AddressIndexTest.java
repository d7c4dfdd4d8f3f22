package dev.wscheck.catalog.ipranges;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AddressIndexTest {
    record Space(String name, String base) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Space> spaces() {
        return Stream.of(new Space("IPv4, nested and duplicate prefixes", "10.20.0.0/20"),
                new Space("IPv4 at the top of the space", "255.255.240.0/20"),
                new Space("IPv6 across the 64-bit boundary", "2001:db8:0:ffff:ffff:ffff:ffff:f000/116"),
                new Space("IPv6 at the top of the space", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:f000/116"));
    }

    /** Every address of a 4096-address space: the index answers what a linear scan answers, outermost first. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("spaces")
    void answersLikeALinearScan(Space s) {
        IpPrefix base = IpPrefix.parse(s.base());
        Random random = new Random(7);
        for (int round = 0; round < 8; round++) {
            List<IpPrefix> prefixes = new ArrayList<>();
            int n = 1 + random.nextInt(25);
            for (int i = 0; i < n; i++) {
                int len = random.nextInt(13);
                int size = 1 << (12 - len);
                int start = random.nextInt(4096 / size) * size;
                IpPrefix p = CidrsTest.at(base, start, base.length() + len);
                prefixes.add(p);
                if (random.nextInt(5) == 0) {
                    prefixes.add(p); // the same prefix under two services, as AMAZON and EC2 are
                }
            }
            PrefixIndex<IpPrefix> index = PrefixIndex.build(prefixes, p -> p);
            for (int a = 0; a < 4096; a++) {
                IpPrefix addr = CidrsTest.at(base, a, base.bits());
                List<IpPrefix> expected = new ArrayList<>();
                for (IpPrefix p : prefixes) {
                    if (p.contains(addr)) {
                        expected.add(p);
                    }
                }
                expected.sort(IpPrefix.ORDER);
                List<IpPrefix> got = new ArrayList<>(index.lookup(addr.inetAddress().getAddress()));
                assertEquals(expected, got, "address " + addr.address() + " among " + prefixes);
            }
        }
    }
}
