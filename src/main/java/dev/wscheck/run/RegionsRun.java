package dev.wscheck.run;

import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.PlannedRequirement;
import dev.wscheck.catalog.Planner;
import dev.wscheck.catalog.ProtocolSpec;
import dev.wscheck.catalog.ProxyPolicy;
import dev.wscheck.catalog.RegionDef;
import dev.wscheck.engine.Routing;
import dev.wscheck.engine.SharedResources;
import dev.wscheck.net.DirectTransport;
import dev.wscheck.net.NameResolver;
import dev.wscheck.net.Transport;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Phase;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.Target;
import dev.wscheck.probe.https.HttpsProbe;
import dev.wscheck.probe.latency.LatencyEvidence;
import dev.wscheck.probe.latency.LatencyProbe;
import dev.wscheck.probe.latency.RttStats;
import dev.wscheck.report.RegionsReport;
import dev.wscheck.verdict.Evaluator;
import dev.wscheck.verdict.Quality;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code wscheck regions}: every region of the catalog measured at once, then ranked.
 *
 * <p>What is measured comes from the catalog, per region: for each protocol asked for, the
 * endpoint of the requirement that has a {@code latency} probe for that protocol (the health-check
 * host on TCP 4172 for PCoIP, 4195 for DCV), and the endpoint of the {@code ws-broker} requirement
 * (HTTPS {@code /ping} on ws-broker-service). A region where the catalog has no latency endpoint
 * (AWS publishes no health-check host) is listed as not measured, with the reason.
 *
 * <p>Every port of every region is one task, and all tasks run at once, each on its own thread:
 * the TCP series is the latency probe with no spacing ({@code samples} connects after one warm-up
 * connect, one round trip each), so the run takes about samples × the slowest round trip, or one
 * timeout when a region is black-holed, not the sum over regions. HTTPS: one warm-up request, then
 * min(samples, 3) requests on fresh TLS sessions; {@code httpsMs} is the request phase (request
 * sent to first byte of the answer). HTTPS goes through the proxy this PC uses, like a check;
 * streaming ports never do.
 *
 * <p>Statuses per protocol: the port's median against the protocol's latency bounds and its loss
 * and jitter against its quality bounds ({@link Quality}); unreachable is fail.
 */
public final class RegionsRun {
    /** The requirement whose HTTPS endpoint is the region's broker. */
    static final String BROKER_REQUIREMENT = "ws-broker";
    static final int HTTPS_SAMPLES = 3;

    private RegionsRun() {}

    private record Targets(RegionDef region, Map<String, Target> latency, Optional<Target> https) {}

    public static RegionsReport run(RegionsRequest q) {
        List<Targets> targets = new ArrayList<>();
        List<RegionsReport.NotMeasured> notMeasured = new ArrayList<>();
        for (RegionDef r : q.catalog().regions().values()) {
            Targets t = targets(q.catalog(), r, q.protocols());
            if (t.latency().isEmpty()) {
                notMeasured.add(new RegionsReport.NotMeasured(r.code(), reason(q.catalog(), r, q.protocols())));
            } else {
                targets.add(t);
            }
        }
        Routing routing = CheckRun.routing(q.proxy(), q.credentials(), q.dns(), q.timeout());
        int tasks = targets.stream().mapToInt(t -> t.latency().size() + (t.https().isPresent() ? 1 : 0)).sum();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, tasks), r -> {
            Thread th = new Thread(r, "wscheck-regions");
            th.setDaemon(true);
            return th;
        });
        List<RegionsReport.Region> measured = new ArrayList<>();
        try (SharedResources resources = new SharedResources(q.dns(), q.trust(), q.samples(), Duration.ZERO, q.catalog().expectPrivateAddresses())) {
            HttpsProbe https = new HttpsProbe();
            https.prepare(resources);
            NameResolver resolver = NameResolver.dnsjava(q.dns());
            Map<Targets, Map<String, CompletableFuture<ProbeResult>>> latency = new LinkedHashMap<>();
            Map<Targets, CompletableFuture<List<Object>>> httpsFutures = new LinkedHashMap<>();
            for (Targets t : targets) {
                Map<String, CompletableFuture<ProbeResult>> per = new LinkedHashMap<>();
                t.latency().forEach((protocol, target) -> per.put(protocol,
                        CompletableFuture.supplyAsync(() -> latency(target, q, resources, resolver), pool)));
                latency.put(t, per);
                t.https().ifPresent(h -> httpsFutures.put(t, CompletableFuture.supplyAsync(() -> https(h, q, resources, resolver, routing, https), pool)));
            }
            for (Targets t : targets) {
                Map<String, ProbeResult> results = new LinkedHashMap<>();
                latency.get(t).forEach((p, f) -> results.put(p, f.join()));
                List<Object> h = httpsFutures.containsKey(t) ? httpsFutures.get(t).join() : List.of(List.of(), "the catalog names no broker for this region");
                measured.add(region(q, t, results, h));
            }
        } finally {
            pool.shutdownNow();
        }
        return new RegionsReport(1, rank(measured), notMeasured);
    }

    /** Ranks reachable regions by median round trip (then by code); unreachable ones follow, by code, with no rank. */
    static List<RegionsReport.Region> rank(List<RegionsReport.Region> regions) {
        List<RegionsReport.Region> reachable = new ArrayList<>(regions.stream().filter(r -> r.rttMs() != null).toList());
        reachable.sort(Comparator.comparingDouble((RegionsReport.Region r) -> r.rttMs().median()).thenComparing(RegionsReport.Region::region));
        List<RegionsReport.Region> out = new ArrayList<>();
        for (int i = 0; i < reachable.size(); i++) {
            RegionsReport.Region r = reachable.get(i);
            out.add(new RegionsReport.Region(r.region(), r.name(), i + 1, r.rttMs(), r.httpsMs(), r.lossPct(), r.status(), r.detail()));
        }
        regions.stream().filter(r -> r.rttMs() == null).sorted(Comparator.comparing(RegionsReport.Region::region)).forEach(out::add);
        return out;
    }

    private static Targets targets(Catalog catalog, RegionDef region, List<String> protocols) {
        Plan plan = Planner.plan(catalog, region.code(), protocols, Optional.empty(), List.of(), List.of());
        Map<String, Target> latency = new LinkedHashMap<>();
        for (String p : protocols) {
            for (PlannedRequirement r : plan.requirements()) {
                if (r.def().protocol().equals(p) && r.def().probes().contains(ProbeKind.LATENCY) && r.skipReason().isEmpty() && !r.endpoints().isEmpty()) {
                    latency.put(p, Target.parse(r.endpoints().get(0)).withScheme("tcp"));
                    break;
                }
            }
        }
        Optional<Target> https = plan.requirement(BROKER_REQUIREMENT).filter(r -> r.skipReason().isEmpty() && !r.endpoints().isEmpty())
                .map(r -> Target.parse(r.endpoints().get(0)));
        return new Targets(region, latency, https);
    }

    private static String reason(Catalog catalog, RegionDef region, List<String> protocols) {
        for (var e : region.notPublished().entrySet()) {
            Optional<dev.wscheck.catalog.RequirementDef> d = catalog.requirement(e.getKey());
            if (d.isPresent() && d.get().probes().contains(ProbeKind.LATENCY) && protocols.contains(d.get().protocol())) {
                return e.getValue();
            }
        }
        return "the catalog has no latency endpoint for " + String.join(" or ", protocols) + " in this region";
    }

    private static ProbeResult latency(Target target, RegionsRequest q, SharedResources resources, NameResolver resolver) {
        InetAddress address;
        try {
            address = resolver.resolve(target.host(), q.timeout()).get(0);
        } catch (IOException e) {
            return ProbeResult.of(Outcome.DNS_NXDOMAIN, target.host() + ": " + e.getMessage());
        }
        ProbeResult r = new LatencyProbe().run(new CheckSpec(ProbeKind.LATENCY, target),
                new ProbeContext(q.timeout(), Optional.of(address), DirectTransport.INSTANCE, resources));
        return r;
    }

    /** Returns [List of request-phase samples in ms, problem text or ""]. */
    private static List<Object> https(Target target, RegionsRequest q, SharedResources resources, NameResolver resolver, Routing routing,
                                      HttpsProbe probe) {
        Transport transport = routing.transportFor(ProxyPolicy.ALLOWED, ProbeKind.HTTPS, target);
        Optional<InetAddress> address = Optional.empty();
        if (!transport.resolvesRemotely()) {
            try {
                address = Optional.of(resolver.resolve(target.host(), q.timeout()).get(0));
            } catch (IOException e) {
                return List.of(List.of(), target.host() + ": " + e.getMessage());
            }
        }
        ProbeContext ctx = new ProbeContext(q.timeout(), address, transport, resources);
        CheckSpec spec = new CheckSpec(ProbeKind.HTTPS, target);
        List<Double> samples = new ArrayList<>();
        String problem = "";
        int n = Math.min(q.samples(), HTTPS_SAMPLES);
        for (int i = 0; i <= n; i++) {
            ProbeResult r = probe.run(spec, ctx);
            if (r.outcome() != Outcome.OK) {
                problem = r.outcome().code() + ": " + r.detail();
                break;
            }
            if (i > 0) { // the first request is the warm-up
                samples.add(r.phases().get(Phase.REQUEST).toNanos() / 1e6);
            }
        }
        return List.of(samples, problem);
    }

    @SuppressWarnings("unchecked")
    private static RegionsReport.Region region(RegionsRequest q, Targets t, Map<String, ProbeResult> results, List<Object> https) {
        String rankProtocol = results.containsKey("pcoip") ? "pcoip" : results.keySet().iterator().next();
        ProbeResult ranked = results.get(rankProtocol);
        Map<String, String> status = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (var e : results.entrySet()) {
            ProtocolSpec spec = q.catalog().protocols().get(e.getKey());
            LatencyEvidence ev = e.getValue().evidence().orElse(null) instanceof LatencyEvidence l ? l : null;
            if (e.getValue().outcome() != Outcome.OK || ev == null || ev.received() == 0) {
                status.put(e.getKey(), "fail");
                problems.add(e.getKey() + " " + e.getValue().outcome().code() + " (" + e.getValue().detail() + ")");
                continue;
            }
            Optional<Quality.Judgement> j = Quality.judge(spec, ev.medianMs(), ev.lossPct(), ev.jitterMs());
            status.put(e.getKey(), Evaluator.statusOf(j.map(Quality.Judgement::outcome).orElse(Outcome.OK)).id());
            j.ifPresent(x -> problems.add(e.getKey() + " " + x.outcome().code() + ": " + x.detail()));
        }
        RegionsReport.Ms rtt = null;
        double loss = 100.0;
        if (ranked.evidence().orElse(null) instanceof LatencyEvidence ev && ranked.outcome() == Outcome.OK && ev.received() > 0) {
            rtt = new RegionsReport.Ms(ev.minMs(), ev.medianMs(), ev.p95Ms());
            loss = ev.lossPct();
        }
        List<Double> hs = (List<Double>) https.get(0);
        RegionsReport.Ms httpsMs = null;
        if (!hs.isEmpty()) {
            RttStats s = RttStats.of(hs);
            httpsMs = new RegionsReport.Ms(s.min(), s.median(), s.p95());
        }
        String httpsProblem = (String) https.get(1);
        if (!httpsProblem.isEmpty()) {
            problems.add("https " + httpsProblem);
        }
        return new RegionsReport.Region(t.region().code(), t.region().name(), null, rtt, httpsMs, loss, status, String.join("; ", problems));
    }
}
