package dev.wscheck.run;

import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.IpRanges;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.Ipv6Status;
import dev.wscheck.net.ProxyCredentials;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.probe.reflector.ReflectorSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one check run needs, already validated: the command line ({@code check}), a
 * {@code /probe} request ({@code serve}) and the tests all build one of these and hand it to
 * {@link CheckRun}. Nothing here knows picocli.
 *
 * @param region a region code the catalog knows
 * @param protocols "pcoip" and/or "dcv"
 * @param proxy the proxy configuration found (explicit, PAC or the system's) and the sources consulted
 * @param credentials the proxy user and password, when given
 * @param dcvProxy model a client that sends DCV TCP 4195 through the HTTP proxy
 * @param ranges AWS ip-ranges data, when available (cross-checks DNS answers)
 * @param strict count inconclusive as warn
 * @param locale language of titles, notes and remediation texts in the report
 * @param env the process environment (host name)
 * @param variants catalog variants selected ({@code fips}, {@code vpc-endpoint}); empty for the standard endpoints
 * @param reflector a {@code wscheck reflector} to measure UDP/TCP 4172/4195 against (check --reflector)
 * @param ipv6 {@code --ipv6}: whether the IPv6 names are checked (AUTO: when this PC has IPv6)
 */
public record CheckRequest(
        Catalog catalog,
        String region,
        List<String> protocols,
        Optional<String> directoryId,
        List<String> only,
        List<String> skip,
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
        Locale locale,
        Map<String, String> env,
        Set<String> variants,
        Optional<ReflectorSettings> reflector,
        Ipv6Status.Mode ipv6) {

    /** Latency samples are spaced so that they do not queue behind each other. */
    public static final Duration SAMPLE_SPACING = Duration.ofMillis(100);

    public CheckRequest {
        protocols = List.copyOf(protocols);
        only = List.copyOf(only);
        skip = List.copyOf(skip);
        env = Map.copyOf(env);
        variants = Set.copyOf(variants);
    }

    /** A request that decides IPv6 from this PC (--ipv6 auto, the default). */
    public CheckRequest(Catalog catalog, String region, List<String> protocols, Optional<String> directoryId, List<String> only,
                        List<String> skip, ProxySetup.Found proxy, Optional<ProxyCredentials> credentials, boolean dcvProxy, DnsServers dns,
                        Optional<IpRanges> ranges, TrustSettings trust, Duration timeout, Duration deadline, int samples, boolean strict,
                        Locale locale, Map<String, String> env, Set<String> variants, Optional<ReflectorSettings> reflector) {
        this(catalog, region, protocols, directoryId, only, skip, proxy, credentials, dcvProxy, dns, ranges, trust, timeout, deadline,
                samples, strict, locale, env, variants, reflector, Ipv6Status.Mode.AUTO);
    }

    /** A request for the standard endpoints (no FIPS or PrivateLink variant), without a reflector. */
    public CheckRequest(Catalog catalog, String region, List<String> protocols, Optional<String> directoryId, List<String> only,
                        List<String> skip, ProxySetup.Found proxy, Optional<ProxyCredentials> credentials, boolean dcvProxy, DnsServers dns,
                        Optional<IpRanges> ranges, TrustSettings trust, Duration timeout, Duration deadline, int samples, boolean strict,
                        Locale locale, Map<String, String> env) {
        this(catalog, region, protocols, directoryId, only, skip, proxy, credentials, dcvProxy, dns, ranges, trust, timeout, deadline,
                samples, strict, locale, env, Set.of(), Optional.empty(), Ipv6Status.Mode.AUTO);
    }
}
