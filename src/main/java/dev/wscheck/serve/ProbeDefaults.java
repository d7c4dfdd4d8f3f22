package dev.wscheck.serve;

import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.IpRanges;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.ProxyCredentials;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.run.CheckRequest;
import dev.wscheck.run.ProxySetup;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The check options {@code serve} was started with (contract §8: proxy, DNS servers, trust,
 * timeout, catalog, ip-ranges), the same for every probe. A {@code /probe} request chooses only
 * the region, the protocols and the requirements, all of them names from this catalog: it can
 * never point wscheck at a host of its choosing.
 *
 * @param timeout the per-probe timeout; a probe's own deadline may shorten it
 * @param deadline the bound of one probe when the scraper sends no scrape timeout
 */
public record ProbeDefaults(
        Catalog catalog,
        ProxySetup.Found proxy,
        Optional<ProxyCredentials> credentials,
        boolean dcvProxy,
        DnsServers dns,
        Optional<IpRanges> ranges,
        TrustSettings trust,
        Duration timeout,
        Duration deadline,
        int samples,
        boolean strict,
        Map<String, String> env) {

    public ProbeDefaults {
        env = Map.copyOf(env);
    }

    /** The request one probe runs: these defaults, the probe's choices and its deadline. */
    CheckRequest request(ProbeParams p, Duration probeDeadline) {
        Duration t = timeout.compareTo(probeDeadline) < 0 ? timeout : probeDeadline;
        return new CheckRequest(catalog, p.region(), p.protocols(), Optional.empty(), p.only(), List.of(), proxy, credentials, dcvProxy,
                dns, ranges, trust, t, probeDeadline, samples, strict, Locale.ENGLISH, env);
    }
}
