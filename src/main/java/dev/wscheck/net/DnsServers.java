package dev.wscheck.net;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The DNS servers a run queries, in order, and where they came from: {@code system} (the PC's
 * resolver configuration) or {@code explicit} (--dns-server). An empty list means the system has
 * no resolver configured, which is itself a finding.
 */
public record DnsServers(List<InetSocketAddress> servers, String source) {
    public DnsServers {
        servers = List.copyOf(servers);
    }

    /** Returns the servers as "ip:port" strings for reports. */
    public List<String> display() {
        return servers.stream().map(s -> s.getAddress().getHostAddress() + (s.getPort() == 53 ? "" : ":" + s.getPort())).toList();
    }
}
