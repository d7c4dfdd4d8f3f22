package dev.wscheck.cli;

import dev.wscheck.ExitCode;
import dev.wscheck.WscheckException;
import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.catalog.Protocols;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.ProxyCredentials;
import dev.wscheck.net.SystemDns;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.net.proxy.SystemProxyDiscovery;
import dev.wscheck.report.RegionsRenderer;
import dev.wscheck.report.RegionsReport;
import dev.wscheck.run.ProxySetup;
import dev.wscheck.run.RegionsRequest;
import dev.wscheck.run.RegionsRun;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code wscheck regions}: measures every region of the catalog at once and ranks them (contract §9).
 * Exit 0 when at least one region was reached, 2 when none was, 3 on bad input.
 */
@Command(name = "regions",
        versionProvider = WscheckCommand.VersionProvider.class, mixinStandardHelpOptions = true,
        description = "Measure the round-trip time to every region (health-check host on TCP 4172/4195, HTTPS to its broker) and rank them.")
final class RegionsCommand implements Callable<Integer> {
    @ParentCommand
    WscheckCommand root;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = "--samples", paramLabel = "N", defaultValue = "10", description = "Round trips per port and region (1-100). Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--protocol", paramLabel = "pcoip|dcv|all", defaultValue = "all",
            description = "Which streaming ports to measure and judge (wsp is an alias of dcv). Default: ${DEFAULT-VALUE}.")
    String protocol;

    @Option(names = "--format", paramLabel = "table|json", defaultValue = "table", description = "Output format. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Use this requirements catalog instead of the built-in one (same schema).")
    Path catalog;

    @Option(names = "--proxy", paramLabel = "URL|system|none", defaultValue = "system",
            description = "How HTTPS reaches the internet, as for check (streaming ports are always direct). Default: ${DEFAULT-VALUE}.")
    String proxy;

    @Option(names = "--dns-server", paramLabel = "IP[:PORT]", description = "Query this resolver instead of the system's (repeatable).")
    List<String> dnsServers = new ArrayList<>();

    @Option(names = "--trust", paramLabel = "PEM", description = "Extra trusted roots (repeatable).")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--public-roots", paramLabel = "PEM", description = "The roots that count as genuine for AWS endpoints.")
    Path publicRoots;

    @Option(names = "--timeout", paramLabel = "DUR", defaultValue = "5s", converter = DurationConverter.class,
            description = "Per-connection timeout. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Override
    public Integer call() {
        CliContext ctx = root.ctx;
        Locale locale = GlobalOptions.merge(root.global, global).locale(); // a bad --lang fails before anything is measured
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("table") && !fmt.equals("json")) {
            throw new WscheckException("--format " + format + ": use table or json");
        }
        if (samples < 1 || samples > 100) {
            throw new WscheckException("--samples " + samples + ": use 1 to 100");
        }
        if (timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new WscheckException("--timeout: at most 5m");
        }
        List<String> protocols = protocols();
        Catalog c = catalog == null ? CatalogLoader.builtin() : CatalogLoader.fromFile(catalog);
        DnsServers dns = dnsServers.isEmpty() ? SystemDns.servers()
                : new DnsServers(dnsServers.stream().map(DnsServerOption::parse).toList(), "explicit");
        SystemProxyDiscovery.Os os = SystemProxyDiscovery.Os.current();
        ProxySetup.Found found = ProxySetup.config(proxy, Optional.empty(), ctx.env(), System.getProperties(),
                SystemProxyDiscovery.processRunner(os, Cli.PROXY_COMMAND_TIMEOUT), os);
        Optional<ProxyCredentials> credentials = Optional.empty();
        RegionsReport report = RegionsRun.run(new RegionsRequest(c, protocols, samples, timeout, dns, trustSettings(c), found, credentials));
        try {
            Writer w = new StreamWriter(ctx.out());
            if (fmt.equals("json")) {
                RegionsRenderer.json(report, w);
            } else {
                RegionsRenderer.table(report, locale, w);
            }
            w.flush();
        } catch (IOException e) {
            throw new WscheckException("cannot write to stdout: " + e.getMessage(), e);
        }
        boolean anyReached = report.regions().stream().anyMatch(r -> r.rank() != null);
        return anyReached ? ExitCode.OK.code() : ExitCode.CRITICAL.code();
    }

    private List<String> protocols() {
        return Protocols.select(protocol)
                .orElseThrow(() -> new WscheckException("--protocol " + protocol + ": use pcoip, dcv (or wsp) or all"));
    }

    private TrustSettings trustSettings(Catalog catalog) {
        return TrustSettings.of(trust, Optional.ofNullable(publicRoots), catalog.publicRoots());
    }
}
