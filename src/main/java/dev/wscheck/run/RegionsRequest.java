package dev.wscheck.run;

import dev.wscheck.catalog.Catalog;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.ProxyCredentials;
import dev.wscheck.net.TrustSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code wscheck regions} needs, already validated.
 *
 * @param protocols "pcoip" and/or "dcv": which health-check ports are measured and which statuses reported
 * @param samples round trips per port and region (a warm-up connect is made first and not counted)
 */
public record RegionsRequest(Catalog catalog, List<String> protocols, int samples, Duration timeout, DnsServers dns, TrustSettings trust,
                             ProxySetup.Found proxy, Optional<ProxyCredentials> credentials) {
    public RegionsRequest {
        protocols = List.copyOf(protocols);
    }
}
