package dev.wscheck.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A snapshot of this PC as a support engineer needs it on a ticket (addition to schema 1, the
 * report's {@code environment} object; docs/report-json.md). Every value is what wscheck could
 * learn cheaply without sending anything; what it could not learn is {@code "unknown"} or absent.
 *
 * @param interfaces local addresses per interface that is up (loopback excluded)
 * @param defaultGateway the IPv4 default gateway, or "unknown"
 * @param dnsSource where the DNS servers came from ("explicit" for --dns-server, else the OS source)
 * @param proxySource where the proxy setting came from (none, explicit, system, pac, env)
 * @param vpn whether an interface that looks like a VPN adapter is up, and which
 * @param workspacesClient the installed WorkSpaces client's version, "not installed", or "unknown"
 * @param clock this PC's clock offset against the Date headers of the HTTPS answers
 * @param publicAddress this PC's public address, when a check learned it
 * @param ipv6 whether this PC has IPv6 and whether the run checked the IPv6 names (absent in reports made before it existed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"os", "osVersion", "arch", "java", "wscheckVersion", "hostname", "user", "interfaces", "defaultGateway", "dnsServers",
        "dnsSource", "proxy", "proxySource", "vpn", "workspacesClient", "clock", "publicAddress", "ipv6"})
public record Environment(String os, String osVersion, String arch, String java, String wscheckVersion, String hostname, String user,
                          List<Interface> interfaces, String defaultGateway, List<String> dnsServers, String dnsSource, String proxy,
                          String proxySource, Vpn vpn, String workspacesClient, Clock clock, String publicAddress, Ipv6 ipv6) {

    /** The snapshot without the IPv6 status (the shape before it existed). */
    public Environment(String os, String osVersion, String arch, String java, String wscheckVersion, String hostname, String user,
                       List<Interface> interfaces, String defaultGateway, List<String> dnsServers, String dnsSource, String proxy,
                       String proxySource, Vpn vpn, String workspacesClient, Clock clock, String publicAddress) {
        this(os, osVersion, arch, java, wscheckVersion, hostname, user, interfaces, defaultGateway, dnsServers, dnsSource, proxy, proxySource,
                vpn, workspacesClient, clock, publicAddress, null);
    }

    /** The same snapshot with another IPv6 status (a translated reason). */
    public Environment withIpv6(Ipv6 newIpv6) {
        return new Environment(os, osVersion, arch, java, wscheckVersion, hostname, user, interfaces, defaultGateway, dnsServers, dnsSource, proxy,
                proxySource, vpn, workspacesClient, clock, publicAddress, newIpv6);
    }

    /**
     * This PC's IPv6, decided once per run: {@code globalAddress} (a global IPv6 address on an
     * interface that is up), {@code defaultRoute} (a default IPv6 route; absent where the OS does not
     * show its routes cheaply), {@code mode} ({@code --ipv6}: auto, on, off), {@code checked} (the
     * run checked the IPv6 names), {@code families} (the address families the client uses from this
     * PC as wscheck checked them: {@code ["ipv4"]} or {@code ["ipv6", "ipv4"]}) and {@code reason}
     * (why the IPv6 names were not checked; absent when they were).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"globalAddress", "defaultRoute", "mode", "checked", "families", "reason"})
    public record Ipv6(boolean globalAddress, Boolean defaultRoute, String mode, boolean checked, List<String> families, String reason) {}

    /** An interface that is up, with its addresses (IPv6 without scope). */
    @JsonPropertyOrder({"name", "addresses"})
    public record Interface(String name, List<String> addresses) {}

    /** {@code active} when an interface named like a VPN adapter (tun, utun, wg, ppp, ipsec, …) is up; {@code interfaces} names them. */
    @JsonPropertyOrder({"active", "interfaces"})
    public record Vpn(boolean active, List<String> interfaces) {}

    /**
     * This PC's clock against the servers' {@code Date} headers: {@code offsetMs} positive when this
     * PC is ahead, absent when no answer carried a Date header; {@code samples} answers compared.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"offsetMs", "samples", "skewed"})
    public record Clock(Long offsetMs, int samples, boolean skewed) {
        /** More than this is its own finding: TLS validation and sign-in break on a skewed clock. */
        public static final long SKEW_LIMIT_MS = 5 * 60 * 1000;

        public static Clock unknown() {
            return new Clock(null, 0, false);
        }

        public static Clock of(long offsetMs, int samples) {
            return new Clock(offsetMs, samples, Math.abs(offsetMs) > SKEW_LIMIT_MS);
        }
    }
}
