package dev.wscheck.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** This PC's IPv6 status: when the IPv6 names are checked, and why not; the default IPv6 route read from Linux's routing table. */
class Ipv6StatusTest {
    @TempDir
    Path tmp;

    record Case(String name, Ipv6Status status, boolean checked, List<String> families, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Ipv6Status.Mode auto = Ipv6Status.Mode.AUTO;
        return Stream.of(
                new Case("auto, a global address and a default route: IPv6 checked", new Ipv6Status(auto, true, Optional.of(true)), true,
                        List.of("ipv6", "ipv4"), ""),
                new Case("auto, a global address where the OS shows no routes: IPv6 checked", new Ipv6Status(auto, true, Optional.empty()), true,
                        List.of("ipv6", "ipv4"), ""),
                new Case("auto, no global address: not checked, and said why", new Ipv6Status(auto, false, Optional.of(true)), false,
                        List.of("ipv4"), "this PC has no global IPv6 address, so the client uses IPv4"),
                new Case("auto, a global address but no default route: not checked, and said why", new Ipv6Status(auto, true, Optional.of(false)),
                        false, List.of("ipv4"), "this PC has a global IPv6 address but no default IPv6 route, so the client uses IPv4"),
                new Case("on, without any IPv6: checked all the same", new Ipv6Status(Ipv6Status.Mode.ON, false, Optional.of(false)), true,
                        List.of("ipv6", "ipv4"), ""),
                new Case("off, with IPv6: never checked", new Ipv6Status(Ipv6Status.Mode.OFF, true, Optional.of(true)), false,
                        List.of("ipv4"), "--ipv6 off"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesWhetherTheIpv6NamesAreChecked(Case c) {
        assertEquals(c.checked(), c.status().checked());
        assertEquals(c.families(), c.status().families());
        assertEquals(c.reason(), c.status().reason());
    }

    @Test
    void theModeParsesAutoOnOffInAnyCaseAndNothingElse() {
        assertEquals(Optional.of(Ipv6Status.Mode.ON), Ipv6Status.Mode.parse("On"));
        assertEquals(Optional.of(Ipv6Status.Mode.AUTO), Ipv6Status.Mode.parse("auto"));
        assertEquals(Optional.empty(), Ipv6Status.Mode.parse("yes"));
    }

    record Route(String name, String table, Optional<Boolean> defaultRoute) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String LO_REJECT = "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
            + "00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo\n";
    private static final String ON_LINK = "fd000000000000000000000000000000 40 00000000000000000000000000000000 00 "
            + "00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0\n";

    static Stream<Route> routes() {
        return Stream.of(
                new Route("a default route via a router (flags UP|GATEWAY)", ON_LINK
                        + "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fd000000000000000000000000000001 00000400 00000002 00000000 00000003     eth0\n"
                        + LO_REJECT, Optional.of(true)),
                new Route("only the kernel's reject entry on lo: no default route", ON_LINK + LO_REJECT, Optional.of(false)),
                new Route("an empty table: no default route", "", Optional.of(false)),
                new Route("a line this parser does not know is not a default route", "00000000000000000000000000000000 00 garbage\n", Optional.of(false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void readsTheDefaultIpv6RouteFromProcNet(Route c) throws IOException {
        Path file = Files.writeString(tmp.resolve("ipv6_route"), c.table());
        assertEquals(c.defaultRoute(), HostFacts.ipv6DefaultRoute(file));
    }

    @Test
    void aRoutingTableThatCannotBeReadIsUnknownNotNo() {
        assertEquals(Optional.empty(), HostFacts.ipv6DefaultRoute(tmp.resolve("absent")));
    }
}
