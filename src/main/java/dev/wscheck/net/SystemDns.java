package dev.wscheck.net;

import java.util.List;
import org.xbill.DNS.ResolverConfig;

/** The PC's configured DNS resolvers, as dnsjava reads them (resolv.conf, Windows adapters, ...). */
public final class SystemDns {
    private SystemDns() {}

    public static DnsServers servers() {
        ResolverConfig.refresh();
        List<java.net.InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
        return new DnsServers(servers, "system");
    }
}
