package dev.wscheck.run;

import dev.wscheck.Timeline;
import dev.wscheck.Version;
import dev.wscheck.catalog.IpRanges;
import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.Planner;
import dev.wscheck.engine.Engine;
import dev.wscheck.engine.ProgressListener;
import dev.wscheck.engine.ProxyRouting;
import dev.wscheck.engine.Routing;
import dev.wscheck.engine.RunResult;
import dev.wscheck.engine.RunSettings;
import dev.wscheck.engine.SharedResources;
import dev.wscheck.engine.StopSignal;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.HostFacts;
import dev.wscheck.net.Ipv6Status;
import dev.wscheck.net.ProxyCredentials;
import dev.wscheck.net.NameResolver;
import dev.wscheck.net.proxy.ProxySelection;
import dev.wscheck.probe.ProbeRegistry;
import dev.wscheck.remediation.Remediation;
import dev.wscheck.report.Report;
import dev.wscheck.report.ReportBuilder;
import dev.wscheck.verdict.Evaluator;
import dev.wscheck.verdict.ProxyAuthRule;
import dev.wscheck.verdict.RequirementVerdict;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one way to run a check: a validated {@link CheckRequest} in, a {@link Report} out.
 * catalog → plan → proxy routing → engine → evaluator → report. {@code check}, {@code serve} and
 * the tests all call this; none of them repeats a step of it.
 */
public final class CheckRun {
    private CheckRun() {}

    /** The report and the plan it was made from (renderers need the region's long name). */
    public record Result(Report report, Plan plan) {}

    /**
     * Plans the run; a bad --only/--skip or directory id fails here, before any packet. This PC's
     * IPv6 status is decided here, once per run: the plan carries it to the engine and the report.
     */
    public static Plan plan(CheckRequest q) {
        return Planner.plan(q.catalog(), q.region(), q.protocols(), q.directoryId(), q.only(), q.skip(), q.variants(), q.reflector(),
                Optional.of(Ipv6Status.detect(q.ipv6())));
    }

    public static Result run(CheckRequest q, ProgressListener progress) {
        return run(q, plan(q), progress);
    }

    /** Runs a plan made by {@link #plan}; every probe honours the request's timeout, the whole run its deadline. */
    public static Result run(CheckRequest q, Plan plan, ProgressListener progress) {
        return run(q, plan, progress, StopSignal.never());
    }

    /**
     * As {@link #run(CheckRequest, Plan, ProgressListener)}; when {@code stop} fires (SIGTERM,
     * Ctrl-C) the engine stops waiting and the report covers what finished, the rest marked unfinished.
     */
    public static Result run(CheckRequest q, Plan plan, ProgressListener progress, StopSignal stop) {
        ProxySelection selection = selection(q);
        Routing routing = q.proxy().config().usesProxy()
                ? new ProxyRouting(selection, q.credentials(), ProxySetup.resolver(q.dns()), "wscheck/" + Version.get(), q.dcvProxy())
                : Routing.direct();
        RunResult run;
        try (SharedResources resources = new SharedResources(q.dns(), q.trust(), q.samples(), CheckRequest.SAMPLE_SPACING,
                q.catalog().expectPrivateAddresses(), q.reflector())) {
            Engine engine = new Engine(ProbeRegistry.standard());
            RunSettings settings = new RunSettings(q.timeout(), q.deadline(), RunSettings.DEFAULT_PARALLELISM, routing);
            Timeline.mark("engine start");
            run = engine.run(plan, settings, resources, progress, stop);
            Timeline.mark("engine done");
        }
        List<RequirementVerdict> verdicts = Evaluator.evaluate(plan, run, q.ranges());
        Timeline.mark("evaluated");
        if (q.credentials().isPresent()) {
            verdicts = ProxyAuthRule.apply(verdicts, ProxySetup.needsCredentials(selection, ProxySetup.resolver(q.dns()), q.timeout()),
                    q.credentials().get().user());
        }
        Report report = ReportBuilder.build(plan, run, verdicts, Remediation.forLocale(q.locale()), q.strict(),
                new Report.Tool("wscheck", Version.get()),
                new Report.Host(HostFacts.os(), HostFacts.hostname(q.env()), q.dns().display(), HostFacts.localAddresses(),
                        plan.ipv6().map(Ipv6Status::globalAddress).orElseGet(HostFacts::hasGlobalIpv6)),
                ProxySetup.report(selection, q.credentials(), q.proxy().consulted(), q.dcvProxy()),
                new Report.CatalogRef(q.catalog().origin(), q.catalog().version(), q.ranges().map(IpRanges::createDate).orElse(null)));
        Timeline.mark("report assembled");
        report = report.withContext(report.thresholds(), EnvironmentSnapshot.of(q, report, plan.ipv6()));
        Timeline.mark("environment snapshot");
        return new Result(report, plan);
    }

    /** How HTTPS is routed for a command other than check ({@code regions}): the same proxy rules as a check run. */
    public static Routing routing(ProxySetup.Found proxy, Optional<ProxyCredentials> credentials, DnsServers dns, Duration timeout) {
        if (!proxy.config().usesProxy()) {
            return Routing.direct();
        }
        return new ProxyRouting(selection(proxy, dns, timeout), credentials, ProxySetup.resolver(dns), "wscheck/" + Version.get(), false);
    }

    /** Which proxy each HTTPS URL goes through: the configuration found, with PAC evaluated per URL. */
    private static ProxySelection selection(CheckRequest q) {
        return selection(q.proxy(), q.dns(), q.timeout());
    }

    private static ProxySelection selection(ProxySetup.Found proxy, DnsServers dns, Duration timeout) {
        Duration pacLimit = Duration.ofSeconds(2);
        return ProxySelection.of(proxy.config(), new ProxySelection.PacOptions(ProxySetup.resolver(dns), timeout,
                timeout.compareTo(pacLimit) < 0 ? timeout : pacLimit, pacLimit, CheckRun::firstLocalAddress, Clock.systemDefaultZone()));
    }

    /** This PC's first non-loopback address, for a PAC's myIpAddress(); never a DNS lookup. */
    private static Optional<InetAddress> firstLocalAddress() {
        return HostFacts.localAddresses().stream().map(NameResolver::literal).flatMap(Optional::stream).findFirst();
    }
}
