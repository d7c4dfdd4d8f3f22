package dev.wscheck.net;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether this PC can use IPv6 towards AWS, decided once per run (docs/probes-tls-https.md, "IPv6
 * path"). The WorkSpaces client uses the IPv6 ({@code .api.aws}) names only where the PC has IPv6,
 * so wscheck checks them only then, and says so in the report either way.
 *
 * @param mode {@code --ipv6}: AUTO decides from this PC's interfaces and routes, ON checks the IPv6
 *             names whatever the PC looks like (a PC whose IPv6 wscheck cannot see, and the tests), OFF never
 * @param globalAddress a global-scope IPv6 address is on an interface that is up (not loopback,
 *                      link-local, unique-local fc00::/7 or site-local; see {@link HostFacts#isGlobal})
 * @param defaultRoute whether the operating system shows a default IPv6 route; empty where wscheck
 *                     cannot read the routing table without running a command (every OS but Linux)
 */
public record Ipv6Status(Mode mode, boolean globalAddress, Optional<Boolean> defaultRoute) {

    /** The {@code --ipv6} switch. */
    public enum Mode {
        AUTO, ON, OFF;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@code auto|on|off} (any case); empty for anything else. */
        public static Optional<Mode> parse(String text) {
            for (Mode m : values()) {
                if (m.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    /** Looks at this PC once: its interfaces and, on Linux, /proc/net/ipv6_route. Sends nothing. */
    public static Ipv6Status detect(Mode mode) {
        return new Ipv6Status(mode, HostFacts.hasGlobalIpv6(), HostFacts.ipv6DefaultRoute());
    }

    /** True when this PC has IPv6 towards the internet: a global address, and a default route where the OS shows its routes. */
    public boolean hasIpv6() {
        return globalAddress && defaultRoute.orElse(true);
    }

    /** True when the run checks the IPv6 names and probes IPv6 addresses. */
    public boolean checked() {
        return mode == Mode.ON || (mode == Mode.AUTO && hasIpv6());
    }

    /** The address families the client uses from this PC, as wscheck checks them: {@code [ipv4]} or {@code [ipv6, ipv4]}. */
    public List<String> families() {
        return checked() ? List.of("ipv6", "ipv4") : List.of("ipv4");
    }

    /** Why the IPv6 names are not checked, as a sentence ending a "not run:" detail; empty when they are. */
    public String reason() {
        if (checked()) {
            return "";
        }
        if (mode == Mode.OFF) {
            return "--ipv6 off";
        }
        if (!globalAddress) {
            return "this PC has no global IPv6 address, so the client uses IPv4";
        }
        return "this PC has a global IPv6 address but no default IPv6 route, so the client uses IPv4";
    }
}
