package dev.wscheck.cli;

import dev.wscheck.Durations;
import dev.wscheck.ExitCode;
import dev.wscheck.Version;
import dev.wscheck.WscheckException;
import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.IpRanges;
import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.Planner;
import dev.wscheck.engine.Engine;
import dev.wscheck.engine.ProxyRouting;
import dev.wscheck.engine.Routing;
import dev.wscheck.engine.RunResult;
import dev.wscheck.engine.RunSettings;
import dev.wscheck.engine.SharedResources;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.HostFacts;
import dev.wscheck.net.NameResolver;
import dev.wscheck.net.ProxyCredentials;
import dev.wscheck.net.proxy.ProxySelection;
import dev.wscheck.net.proxy.SystemProxyDiscovery;
import dev.wscheck.net.Pem;
import dev.wscheck.net.SystemDns;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.probe.ProbeRegistry;
import dev.wscheck.remediation.Remediation;
import dev.wscheck.report.ConsoleReporter;
import dev.wscheck.report.JsonReporter;
import dev.wscheck.report.Report;
import dev.wscheck.report.ReportBuilder;
import dev.wscheck.report.Reporter;
import dev.wscheck.verdict.Evaluator;
import dev.wscheck.verdict.RequirementVerdict;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
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

/** {@code wscheck check}: checks this network against every requirement of one region, and reports. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check this PC's network against every Amazon WorkSpaces requirement of one region (the default command).")
final class CheckCommand implements Callable<Integer> {
    /** Latency samples are spaced so that they do not queue behind each other. */
    static final Duration SAMPLE_SPACING = Duration.ofMillis(100);

    @ParentCommand
    WscheckCommand root;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Mixin
    CatalogOptions what = new CatalogOptions();

    @Option(names = "--proxy", paramLabel = "URL|system|none", defaultValue = "system",
            description = "How HTTPS reaches the internet: http://host:port, socks5://host:port, system (what the WorkSpaces client "
                    + "would use: OS settings, PAC, environment) or none. Default: ${DEFAULT-VALUE}.")
    String proxy;

    @Option(names = "--proxy-user", paramLabel = "USER",
            description = "Proxy user; the password comes from WSCHECK_PROXY_PASSWORD or an interactive prompt, never from the command line.")
    String proxyUser;

    @Option(names = "--pac", paramLabel = "URL|FILE", description = "Evaluate this PAC file for each URL (overrides the system's).")
    String pac;

    @Option(names = "--dcv-proxy",
            description = "Model a client that sends DCV TCP 4195 through the HTTP proxy (Windows 5.1+, macOS 5.4+; AWS does not recommend it).")
    boolean dcvProxy;

    @Option(names = "--dns-server", paramLabel = "IP[:PORT]", description = "Query this resolver instead of the system's (repeatable).")
    List<String> dnsServers = new ArrayList<>();

    @Option(names = "--ip-ranges", paramLabel = "FILE", description = "Use this AWS ip-ranges.json instead of the cached one (wscheck ip-ranges update).")
    Path ipRanges;

    @Option(names = "--trust", paramLabel = "PEM", description = "Extra trusted roots, as an enterprise deploys them to its PCs (repeatable).")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--public-roots", paramLabel = "PEM",
            description = "The roots that count as genuine for AWS endpoints (default: the catalog's Amazon Trust Services roots).")
    Path publicRoots;

    @Option(names = "--timeout", paramLabel = "DUR", defaultValue = "5s", converter = DurationConverter.class,
            description = "Per-probe timeout. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--deadline", paramLabel = "DUR", defaultValue = "60s", converter = DurationConverter.class,
            description = "Bound for the whole run; unfinished checks are reported as such. Default: ${DEFAULT-VALUE}.")
    Duration deadline;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "10", description = "Latency samples per endpoint (1-100). Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--only", paramLabel = "ID|CATEGORY", description = "Check only these requirements or categories (repeatable).")
    List<String> only = new ArrayList<>();

    @Option(names = "--skip", paramLabel = "ID|CATEGORY", description = "Do not check these requirements or categories (repeatable).")
    List<String> skip = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "console",
            description = "What goes to stdout: console or json. With json, stdout holds the JSON alone. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Also write the report to FILE; format from the extension (.json). Repeatable.")
    List<Path> outputs = new ArrayList<>();

    @Option(names = "--strict", description = "Count inconclusive results as warnings.")
    boolean strict;

    @Override
    public Integer call() {
        CliContext ctx = root.ctx;
        GlobalOptions g = GlobalOptions.merge(root.global, global);
        Locale locale = g.locale();
        // Everything the user gave is validated before the first packet is sent.
        OutputFormat stdoutFormat = OutputFormat.forName(format);
        List<OutputFormat> fileFormats = new ArrayList<>();
        for (Path o : outputs) {
            fileFormats.add(OutputFormat.forFile(o));
            ReportFiles.checkWritable(o);
        }
        if (samples < 1 || samples > 100) {
            throw new WscheckException("--samples " + samples + ": use 1 to 100");
        }
        if (timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new WscheckException("--timeout " + Durations.format(timeout) + ": at most 5m");
        }
        Catalog catalog = what.loadCatalog();
        CatalogOptions.Region region = what.region(catalog, ctx.env());
        Plan plan = Planner.plan(catalog, region.code(), what.protocols(), what.directoryId(), only, skip, what.variants());
        Optional<IpRangesSource> rangesSource = IpRangesSource.load(ctx, ipRanges);
        Optional<IpRanges> ranges = rangesSource.map(IpRangesSource::ranges);
        TrustSettings trustSettings = trustSettings(catalog);
        DnsServers dns = dnsServers.isEmpty() ? SystemDns.servers()
                : new DnsServers(dnsServers.stream().map(DnsServerOption::parse).toList(), "explicit");
        SystemProxyDiscovery.Os os = SystemProxyDiscovery.Os.current();
        ProxySetup.Found found = ProxySetup.config(proxy, Optional.ofNullable(pac), ctx.env(), System.getProperties(),
                SystemProxyDiscovery.processRunner(os, Duration.ofSeconds(3)), os);
        Optional<ProxyCredentials> credentials = ProxySetup.credentials(Optional.ofNullable(proxyUser), found.config(), ctx.env(),
                ctx.passwordPrompt());
        region.announce(ctx.err());
        rangesSource.ifPresent(s -> s.announceAge(ctx));
        ProxySelection selection = selection(found, dns);
        Routing routing = found.config().usesProxy()
                ? new ProxyRouting(selection, credentials, ProxySetup.resolver(dns), "wscheck/" + Version.get(), dcvProxy)
                : Routing.direct();

        RunResult run;
        try (SharedResources resources = new SharedResources(dns, trustSettings, samples, SAMPLE_SPACING, catalog.expectPrivateAddresses())) {
            Engine engine = new Engine(ProbeRegistry.standard());
            RunSettings settings = new RunSettings(timeout, deadline, RunSettings.DEFAULT_PARALLELISM, routing);
            run = engine.run(plan, settings, resources, new ConsoleProgress(ctx.err(), ctx.stderrTerminal(), g.verbose));
        }
        List<RequirementVerdict> verdicts = Evaluator.evaluate(plan, run, ranges);
        Report report = ReportBuilder.build(plan, run, verdicts, Remediation.forLocale(locale), strict,
                new Report.Tool("wscheck", Version.get()),
                new Report.Host(HostFacts.os(), HostFacts.hostname(ctx.env()), dns.display(), HostFacts.localAddresses()),
                ProxySetup.report(selection, credentials, found.consulted(), dcvProxy),
                new Report.CatalogRef(catalog.origin(), catalog.version(), ranges.map(IpRanges::createDate).orElse(null)));
        write(report, ctx, g, locale, plan, stdoutFormat, fileFormats);
        ExitCode exit = ConsoleReporter.exitFor(report.status());
        return exit.code();
    }

    /** Which proxy each HTTPS URL goes through: the configuration found, with PAC evaluated per URL. */
    private ProxySelection selection(ProxySetup.Found found, DnsServers dns) {
        Duration pacLimit = Duration.ofSeconds(2);
        return ProxySelection.of(found.config(), new ProxySelection.PacOptions(ProxySetup.resolver(dns), timeout,
                timeout.compareTo(pacLimit) < 0 ? timeout : pacLimit, pacLimit, CheckCommand::firstLocalAddress, Clock.systemDefaultZone()));
    }

    /** Writes every -o file (atomically), then the report on stdout in the --format asked for. */
    private void write(Report report, CliContext ctx, GlobalOptions g, Locale locale, Plan plan,
                       OutputFormat stdoutFormat, List<OutputFormat> fileFormats) {
        for (int i = 0; i < outputs.size(); i++) {
            Reporter r = reporter(fileFormats.get(i), false, g, locale, plan);
            ReportFiles.write(outputs.get(i), w -> r.write(report, w));
        }
        boolean color = !g.noColor && ctx.stdoutTerminal() && !ctx.env().containsKey("NO_COLOR")
                && !"dumb".equals(ctx.env().get("TERM"));
        try {
            Writer w = new StreamWriter(ctx.out());
            reporter(stdoutFormat, color, g, locale, plan).write(report, w);
            w.flush();
        } catch (java.io.IOException e) {
            throw new WscheckException("cannot write the report to stdout: " + e.getMessage(), e);
        }
    }

    private static Reporter reporter(OutputFormat f, boolean color, GlobalOptions g, Locale locale, Plan plan) {
        switch (f) {
            case JSON:
                return new JsonReporter();
            default:
                return new ConsoleReporter(color, g.verbose, locale, plan.region().name());
        }
    }

    /** This PC's first non-loopback address, for a PAC's myIpAddress(); never a DNS lookup. */
    private static Optional<InetAddress> firstLocalAddress() {
        return HostFacts.localAddresses().stream().map(NameResolver::literal).flatMap(Optional::stream).findFirst();
    }

    private TrustSettings trustSettings(Catalog catalog) {
        List<X509Certificate> extra = new ArrayList<>();
        for (Path p : trust) {
            extra.addAll(Pem.readCertificates("--trust", p));
        }
        if (publicRoots == null) {
            return new TrustSettings(extra, catalog.publicRoots(), "catalog");
        }
        List<TrustSettings.PublicRoot> roots = new ArrayList<>();
        for (X509Certificate c : Pem.readCertificates("--public-roots", publicRoots)) {
            roots.add(new TrustSettings.PublicRoot(c.getSubjectX500Principal().getName(), Pem.spkiSha256(c)));
        }
        return new TrustSettings(extra, roots, "file");
    }
}
