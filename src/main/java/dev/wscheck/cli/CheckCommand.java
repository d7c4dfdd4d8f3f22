package dev.wscheck.cli;

import dev.wscheck.Durations;
import dev.wscheck.Timeline;
import dev.wscheck.WscheckException;
import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.IpRanges;
import dev.wscheck.catalog.Plan;
import dev.wscheck.history.HistoryLock;
import dev.wscheck.history.HistoryStore;
import dev.wscheck.history.RunHistory;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.Ipv6Status;
import dev.wscheck.net.ProxyCredentials;
import dev.wscheck.net.SystemDns;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.net.proxy.SystemProxyDiscovery;
import dev.wscheck.report.ConsoleReporter;
import dev.wscheck.report.RenderOptions;
import dev.wscheck.report.Renderers;
import dev.wscheck.report.Report;
import dev.wscheck.report.ReportFormat;
import dev.wscheck.report.Reporter;
import dev.wscheck.run.CheckRequest;
import dev.wscheck.run.CheckRun;
import dev.wscheck.run.ProxySetup;
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

/** {@code wscheck check}: checks this network against every requirement of one region, and reports. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = WscheckCommand.VersionProvider.class,
        description = "Check this PC's network against every Amazon WorkSpaces requirement of one region (the default command).")
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    WscheckCommand root;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Mixin
    CatalogOptions what = new CatalogOptions();

    @Mixin
    ScheduleOptions schedule = new ScheduleOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

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

    @Option(names = "--dns-server", split = ",", paramLabel = "IP[:PORT]", description = "Query this resolver instead of the system's (repeatable).")
    List<String> dnsServers = new ArrayList<>();

    @Option(names = "--ip-ranges", paramLabel = "FILE", description = "Use this AWS ip-ranges.json instead of the cached one (wscheck ip-ranges update).")
    Path ipRanges;

    @Option(names = "--trust", split = ",", paramLabel = "PEM", description = "Extra trusted roots, as an enterprise deploys them to its PCs (repeatable).")
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

    @Option(names = "--only", split = ",", paramLabel = "ID|CATEGORY", description = "Check only these requirements or categories (repeatable).")
    List<String> only = new ArrayList<>();

    @Option(names = "--skip", split = ",", paramLabel = "ID|CATEGORY", description = "Do not check these requirements or categories (repeatable).")
    List<String> skip = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "console",
            description = "What goes to stdout: console, json, html, markdown, junit, prometheus or nagios. With any format but console, "
                    + "stdout holds that document alone. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = {"-o", "--output"}, split = ",", paramLabel = "FILE", description = "Also write the report to FILE; format from the extension (.json .html .md .xml .prom). Repeatable.")
    List<Path> outputs = new ArrayList<>();

    @Option(names = "--strict", description = "Count inconclusive results as warnings.")
    boolean strict;

    @Option(names = "--redact", descriptionKey = "redact",
            description = "Remove the host name, user name, local and public addresses, directory id and proxy user from every output.")
    boolean redact;

    @Option(names = "--ipv6", paramLabel = "auto|on|off", defaultValue = "auto",
            description = "Check the IPv6 names (.api.aws, the IPv6 health-check host): auto when this PC has a global IPv6 address "
                    + "and a default IPv6 route, on always, off never. Default: ${DEFAULT-VALUE}.")
    String ipv6;

    @Option(names = "--reflector", paramLabel = "HOST[:PORT]",
            description = "A wscheck reflector to measure UDP/TCP 4172 and 4195 against (loss, jitter, reordering, path MTU); "
                    + "the shared key comes from WSCHECK_REFLECTOR_KEY. With :PORT, that one port stands for both.")
    String reflector;

    @Option(names = "--reflector-samples", paramLabel = "N", defaultValue = "100",
            description = "Datagrams per port sent to the reflector, spread over about 2 s (10-1000). Default: ${DEFAULT-VALUE}.")
    int reflectorSamples;

    @Override
    public Integer call() {
        Timeline.mark("check command parsed");
        CliContext ctx = root.ctx;
        GlobalOptions g = GlobalOptions.merge(root.global, global);
        Locale locale = g.locale();
        if (what.registrationCode != null && !spec.commandLine().getParseResult().hasMatchedOption("--region")) {
            what.region = null; // contract §1: --region, then --registration-code, then the configuration file's region
        }
        // Everything the user gave is validated before the first packet is sent.
        ReportFormat stdoutFormat = ReportFormat.forName(format);
        List<ReportFormat> fileFormats = new ArrayList<>();
        for (Path o : outputs) {
            fileFormats.add(ReportFormat.forFile(o));
            ReportFiles.checkWritable(o);
        }
        if (samples < 1 || samples > 100) {
            throw new WscheckException("--samples " + samples + ": use 1 to 100");
        }
        if (timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new WscheckException("--timeout " + Durations.format(timeout) + ": at most 5m");
        }
        Optional<HistoryStore> history = history();
        // A second run sharing the history stops here, before any work (contract §7).
        try (HistoryLock lock = history.map(h -> HistoryLock.acquire(h.dir())).orElse(null);
             Interruption interruption = Interruption.install(outputs)) {
            CheckRequest request = request(ctx, locale);
            Timeline.mark("request ready");
            Plan plan = CheckRun.plan(request);
            Timeline.mark("planned");
            region.announce(ctx.err(), locale);
            rangesSource.ifPresent(s -> s.announceAge(ctx, locale));
            CheckRun.Result result = CheckRun.run(request, plan, new ConsoleProgress(ctx.err(), ctx.stderrTerminal(), g.verbose, locale),
                    interruption.signal());
            // The one report every output gets: history stores, and every renderer renders, this same value.
            // Probes write English details; under --lang ja they are translated whole, from data, before any renderer.
            Timeline.mark("report built");
            Report report = dev.wscheck.report.ReportTranslator.fromProbes(result.report(), locale);
            report = redact ? dev.wscheck.report.Redactor.redact(report, what.directoryId().stream().toList()) : report;
            if (interruption.interrupted()) {
                report = report.withInterrupted(); // not added to the history: a partial run says nothing about streaks
            } else if (history.isPresent()) {
                report = RunHistory.record(history.get(), report, Optional.ofNullable(schedule.alertAfter), schedule.historyMaxRuns,
                        schedule.historyMaxAge);
            }
            Timeline.mark("translated, redacted, recorded");
            write(report, ctx, g, locale, plan, stdoutFormat, fileFormats);
            Timeline.mark("written");
            interruption.done();
            return ConsoleReporter.exitFor(report.status()).code();
        }
    }

    /** The --history folder, created if needed, after checking the options that go with it. */
    private Optional<HistoryStore> history() {
        if (schedule.alertAfter != null && (schedule.alertAfter < 1 || schedule.alertAfter > 1000)) {
            throw new WscheckException("--alert-after " + schedule.alertAfter + ": use 1 to 1000");
        }
        if (schedule.historyMaxRuns < 1) {
            throw new WscheckException("--history-max-runs " + schedule.historyMaxRuns + ": keep at least 1 run");
        }
        if (schedule.history == null) {
            if (schedule.alertAfter != null) {
                throw new WscheckException("--alert-after " + schedule.alertAfter + ": needs --history DIR (the runs it counts)");
            }
            return Optional.empty();
        }
        return Optional.of(new HistoryStore(schedule.history).create());
    }

    // Set by request(): announced only once every input has been validated, so errors stay one line.
    private CatalogOptions.Region region;
    private Optional<IpRangesSource> rangesSource = Optional.empty();

    /** Turns the options into a validated request: catalog, region, ranges, trust, DNS, proxy and credentials. */
    private CheckRequest request(CliContext ctx, Locale locale) {
        Catalog catalog = what.loadCatalog();
        Timeline.mark("catalog loaded");
        region = what.region(catalog, ctx.env());
        List<String> protocols = what.protocols();
        Optional<String> directoryId = what.directoryId();
        rangesSource = IpRangesSource.load(ctx, ipRanges);
        Optional<IpRanges> ranges = rangesSource.map(IpRangesSource::ranges);
        Timeline.mark("ip-ranges loaded");
        TrustSettings trustSettings = trustSettings(catalog);
        Timeline.mark("trust settings");
        DnsServers dns = dnsServers.isEmpty() ? SystemDns.servers()
                : new DnsServers(dnsServers.stream().map(DnsServerOption::parse).toList(), "explicit");
        Timeline.mark("dns servers");
        SystemProxyDiscovery.Os os = SystemProxyDiscovery.Os.current();
        ProxySetup.Found found = ProxySetup.config(proxy, Optional.ofNullable(pac), ctx.env(), System.getProperties(),
                SystemProxyDiscovery.processRunner(os, Cli.PROXY_COMMAND_TIMEOUT), os);
        Timeline.mark("proxy found");
        Optional<ProxyCredentials> credentials = ProxySetup.credentials(Optional.ofNullable(proxyUser), found.config(), ctx.env(),
                ctx.passwordPrompt());
        return new CheckRequest(catalog, region.code(), protocols, directoryId, only, skip, found, credentials, dcvProxy, dns, ranges,
                trustSettings, timeout, deadline, samples, strict, locale, ctx.env(), what.variants(),
                ReflectorOption.parse(reflector, reflectorSamples, ctx.env()),
                Ipv6Status.Mode.parse(ipv6).orElseThrow(() -> new WscheckException("--ipv6 " + ipv6 + ": use auto, on or off")));
    }

    /** Writes every -o file (all or none, each atomically), then the report on stdout in the --format asked for. */
    private void write(Report report, CliContext ctx, GlobalOptions g, Locale locale, Plan plan,
                       ReportFormat stdoutFormat, List<ReportFormat> fileFormats) {
        String regionName = dev.wscheck.report.ReportTranslator.regionName(plan.region().code(), plan.region().name(), locale);
        List<ReportFiles.Output> files = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Reporter r = Renderers.of(fileFormats.get(i), new RenderOptions(false, g.verbose, false, locale, regionName));
            files.add(new ReportFiles.Output(outputs.get(i), w -> r.write(report, w)));
        }
        ReportFiles.writeAll(files); // all -o files or none
        boolean color = !g.noColor && ctx.stdoutTerminal() && !ctx.env().containsKey("NO_COLOR")
                && !"dumb".equals(ctx.env().get("TERM"));
        try {
            Writer w = new StreamWriter(ctx.out());
            Renderers.of(stdoutFormat, new RenderOptions(color, g.verbose, schedule.quiet, locale, regionName)).write(report, w);
            w.flush();
        } catch (java.io.IOException e) {
            throw new WscheckException("cannot write the report to stdout: " + e.getMessage(), e);
        }
    }

    private TrustSettings trustSettings(Catalog catalog) {
        return TrustSettings.of(trust, Optional.ofNullable(publicRoots), catalog.publicRoots());
    }
}
