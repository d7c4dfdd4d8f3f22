package dev.wscheck.probe.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * The operating system's view of a name, as the WorkSpaces client sees it: hosts file, VPN split
 * DNS, Windows NRPT, macOS scoped resolvers, the systemd-resolved stub. {@link DnsProbe} compares it
 * with its own direct queries; tests inject a fake so that they never touch the real resolver.
 *
 * <p>Contract: returns at least one address, or throws ({@link java.net.UnknownHostException} when
 * the OS says the name does not resolve). It may block; the probe bounds the wait itself.
 */
@FunctionalInterface
public interface OsResolver {
    List<InetAddress> resolve(String host) throws IOException;

    /**
     * The JVM's resolver ({@code InetAddress.getAllByName}, i.e. getaddrinfo / GetAddrInfoW). Its
     * cache (30 s for answers, 10 s for failures by default) is left as it is: the setting is
     * JVM-wide, and one run looks each name up once, so the cache never serves a stale answer there.
     */
    OsResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
}
