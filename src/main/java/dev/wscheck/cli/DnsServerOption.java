package dev.wscheck.cli;

import dev.wscheck.WscheckException;
import dev.wscheck.catalog.Cidr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses --dns-server values: {@code IP}, {@code IP:PORT}, {@code [IPv6]:PORT}, {@code name[:PORT]}. */
final class DnsServerOption {
    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9a-fA-F:.]+)](?::(\\d+))?");
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9.-]+)(?::(\\d+))?");
    private static final Pattern HOSTNAME = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\\.?");

    private DnsServerOption() {}

    static InetSocketAddress parse(String value) {
        String v = value.trim();
        Matcher m = BRACKETED.matcher(v);
        if (m.matches()) {
            return address(value, m.group(1), m.group(2));
        }
        if (v.chars().filter(ch -> ch == ':').count() > 1) { // bare IPv6
            return address(value, v, null);
        }
        m = HOST_PORT.matcher(v);
        if (!m.matches()) {
            throw new WscheckException("--dns-server " + value + ": not an IP address or host name (write IP, IP:PORT or [IPv6]:PORT)");
        }
        return address(value, m.group(1), m.group(2));
    }

    private static InetSocketAddress address(String value, String host, String portText) {
        int port = 53;
        if (portText != null) {
            port = Integer.parseInt(portText);
            if (port < 1 || port > 65535) {
                throw new WscheckException("--dns-server " + value + ": port out of range");
            }
        }
        Optional<byte[]> literal = Cidr.literal(host);
        try {
            if (literal.isPresent()) {
                return new InetSocketAddress(InetAddress.getByAddress(literal.get()), port);
            }
            if (host.matches("[0-9.]+") || !HOSTNAME.matcher(host).matches()) {
                throw new WscheckException("--dns-server " + value + ": not an IP address or host name");
            }
            // A server given by name is resolved once, here, through the PC's own resolver.
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new WscheckException("--dns-server " + value + ": cannot resolve " + host);
        }
    }
}
