package dev.wscheck.net;

import java.net.InetSocketAddress;
import java.util.List;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.config.InitializationException;
import org.xbill.DNS.config.ResolverConfigProvider;

/**
 * The PC's DNS servers as dnsjava finds them: dnsjava properties, /etc/resolv.conf (Linux, macOS),
 * the adapters' settings (Windows), JNDI. What dnsjava cannot see (NRPT rules, macOS scoped
 * resolvers, VPN split DNS) is what the DNS probe's comparison with the OS resolver is for.
 */
public final class SystemDns {
    private SystemDns() {}

    /**
     * Returns the system's servers, in the system's order, with source {@code system}. Reads the
     * configuration afresh. An empty list means no configuration names a server: dnsjava would
     * silently fall back to 127.0.0.1:53, which this method does not report as configured.
     */
    public static DnsServers servers() {
        ResolverConfig.refresh();
        List<InetSocketAddress> found = ResolverConfig.getCurrentConfig().servers();
        if (found.size() == 1 && found.get(0).getAddress().isLoopbackAddress() && found.get(0).getPort() == 53
                && !anyProviderNames()) {
            return new DnsServers(List.of(), "system");
        }
        return new DnsServers(found, "system");
    }

    /**
     * Returns whether some configuration source really names a server. Asked only when the list is
     * exactly dnsjava's fallback, which a local resolver on 127.0.0.1:53 also produces.
     */
    private static boolean anyProviderNames() {
        for (ResolverConfigProvider p : ResolverConfig.getConfigProviders()) {
            try {
                if (p.isEnabled()) {
                    p.initialize();
                    if (!p.servers().isEmpty()) {
                        return true;
                    }
                }
            } catch (InitializationException | RuntimeException e) {
                // The same sources are tried by ResolverConfig, which skips failing ones too.
            }
        }
        return false;
    }
}
