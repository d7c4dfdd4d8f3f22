package dev.wscheck.cli;

import dev.wscheck.Durations;
import dev.wscheck.WscheckException;
import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.catalog.IpRanges;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.ProxyCredentials;
import dev.wscheck.net.SystemDns;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.net.proxy.SystemProxyDiscovery;
import dev.wscheck.run.ProxySetup;
import dev.wscheck.serve.Exporter;
import dev.wscheck.serve.ProbeDefaults;
import dev.wscheck.serve.ServeSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code wscheck serve}: the Prometheus exporter of contract §8. Every option is validated and the
 * proxy discovered once, before it listens; then it serves until the process is stopped.
 */
@Command(name = "serve",
        versionProvider = WscheckCommand.VersionProvider.class, mixinStandardHelpOptions = true,
        description = "Run as a Prometheus exporter: /probe?region=R runs one check and answers its series, /metrics the "
                + "exporter's own health, / the last probes. Run it inside the network it judges.")
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    WscheckCommand root;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = ServeSettings.DEFAULT_LISTEN,
            description = "Where to listen (an IP address of this machine, or localhost). Default: ${DEFAULT-VALUE}, loopback only.")
    String listen;

    @Option(names = "--max-probes", paramLabel = "N", defaultValue = "" + ServeSettings.DEFAULT_MAX_PROBES,
            description = "Probes allowed at once (1-64); one more is answered 429 at once. Default: ${DEFAULT-VALUE}.")
    int maxProbes;

    @Option(names = "--rate-per-source", paramLabel = "N", defaultValue = "" + ServeSettings.DEFAULT_RATE_PER_SOURCE,
            description = "Requests a second one client address may make (1-10000; twice that at once); beyond it, 429. Default: ${DEFAULT-VALUE}.")
    int ratePerSource;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "" + ServeSettings.DEFAULT_KEEP,
            description = "Recent probes (with their JSON reports) kept for the page at / (0-1000). Default: ${DEFAULT-VALUE}.")
    int keep;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Use this requirements catalog instead of the built-in one (same schema).")
    Path catalog;

    @Option(names = "--proxy", paramLabel = "URL|system|none", defaultValue = "system",
            description = "How HTTPS reaches the internet, as for check; discovered once at start. Default: ${DEFAULT-VALUE}.")
    String proxy;

    @Option(names = "--proxy-user", paramLabel = "USER", description = "Proxy user; the password comes from WSCHECK_PROXY_PASSWORD.")
    String proxyUser;

    @Option(names = "--pac", paramLabel = "URL|FILE", description = "Evaluate this PAC file for each URL (overrides the system's).")
    String pac;

    @Option(names = "--dcv-proxy", description = "Model a client that sends DCV TCP 4195 through the HTTP proxy.")
    boolean dcvProxy;

    @Option(names = "--dns-server", paramLabel = "IP[:PORT]", description = "Query this resolver instead of the system's (repeatable).")
    List<String> dnsServers = new ArrayList<>();

    @Option(names = "--ip-ranges", paramLabel = "FILE", description = "Use this AWS ip-ranges.json instead of the cached one.")
    Path ipRanges;

    @Option(names = "--trust", paramLabel = "PEM", description = "Extra trusted roots, as an enterprise deploys them to its PCs (repeatable).")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--public-roots", paramLabel = "PEM", description = "The roots that count as genuine for AWS endpoints.")
    Path publicRoots;

    @Option(names = "--timeout", paramLabel = "DUR", defaultValue = "5s", converter = DurationConverter.class,
            description = "Per-probe timeout. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--deadline", paramLabel = "DUR", defaultValue = "30s", converter = DurationConverter.class,
            description = "Bound of one /probe when the scraper sends no X-Prometheus-Scrape-Timeout-Seconds. Default: ${DEFAULT-VALUE}.")
    Duration deadline;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "10", description = "Latency samples per endpoint (1-100). Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--strict", description = "Count inconclusive results as warnings.")
    boolean strict;

    @Override
    public Integer call() throws InterruptedException {
        CliContext ctx = root.ctx;
        ServeSettings settings = settings();
        if (samples < 1 || samples > 100) {
            throw new WscheckException("--samples " + samples + ": use 1 to 100");
        }
        if (timeout.compareTo(Duration.ofMinutes(5)) > 0 || deadline.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new WscheckException("--timeout and --deadline: at most 5m (given " + Durations.format(timeout) + ", "
                    + Durations.format(deadline) + ")");
        }
        Catalog c = catalog == null ? CatalogLoader.builtin() : CatalogLoader.fromFile(catalog);
        Optional<IpRanges> ranges = IpRangesSource.load(ctx, ipRanges).map(IpRangesSource::ranges);
        DnsServers dns = dnsServers.isEmpty() ? SystemDns.servers()
                : new DnsServers(dnsServers.stream().map(DnsServerOption::parse).toList(), "explicit");
        SystemProxyDiscovery.Os os = SystemProxyDiscovery.Os.current();
        ProxySetup.Found found = ProxySetup.config(proxy, Optional.ofNullable(pac), ctx.env(), System.getProperties(),
                SystemProxyDiscovery.processRunner(os, Cli.PROXY_COMMAND_TIMEOUT), os);
        // No one to prompt: a server takes its proxy password from the environment only.
        Optional<ProxyCredentials> credentials = ProxySetup.credentials(Optional.ofNullable(proxyUser), found.config(), ctx.env(),
                CliContext.PasswordPrompt.none());
        ProbeDefaults defaults = new ProbeDefaults(c, found, credentials, dcvProxy, dns, ranges, trustSettings(c), timeout, deadline,
                samples, strict, ctx.env());
        Exporter exporter = Exporter.start(defaults, settings);
        InetSocketAddress a = exporter.address();
        Messages.notice(ctx.err(), GlobalOptions.merge(root.global, global).locale(), "serving on http://" + hostPort(a)
                + "/ (probe: /probe?region=REGION, health: /metrics)" + (a.getAddress().isLoopbackAddress() ? "; loopback only" : ""));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            exporter.close();
            stopped.countDown();
        }, "wscheck-serve-stop"));
        stopped.await();
        return 0;
    }

    private ServeSettings settings() {
        if (maxProbes < 1 || maxProbes > 64) {
            throw new WscheckException("--max-probes " + maxProbes + ": use 1 to 64");
        }
        if (keep < 0 || keep > 1000) {
            throw new WscheckException("--keep " + keep + ": use 0 to 1000");
        }
        if (ratePerSource < 1 || ratePerSource > 10_000) {
            throw new WscheckException("--rate-per-source " + ratePerSource + ": use 1 to 10000");
        }
        return new ServeSettings(listenAddress(listen), maxProbes, keep, GlobalOptions.merge(root.global, global).locale(), ratePerSource);
    }

    /** HOST:PORT (IPv6 as [addr]:port); the host must be an address literal or localhost, never a name to look up. */
    static InetSocketAddress listenAddress(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new WscheckException("--listen " + value + ": use HOST:PORT, e.g. " + ServeSettings.DEFAULT_LISTEN);
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new WscheckException("--listen " + value + ": the port must be 0 to 65535");
        }
        if (host.equalsIgnoreCase("localhost")) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:.%a-zA-Z]*:[0-9a-fA-F:.%a-zA-Z]*")) {
            throw new WscheckException("--listen " + value + ": give an IP address of this machine (or localhost), not a name");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new WscheckException("--listen " + value + ": not an IP address: " + e.getMessage());
        }
    }

    private static String hostPort(InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    private TrustSettings trustSettings(Catalog catalog) {
        return TrustSettings.of(trust, Optional.ofNullable(publicRoots), catalog.publicRoots());
    }
}
