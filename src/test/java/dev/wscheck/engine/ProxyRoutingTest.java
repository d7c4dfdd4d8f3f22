package dev.wscheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.Planner;
import dev.wscheck.catalog.ProxyPolicy;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.NameResolver;
import dev.wscheck.net.ProxyEndpoint;
import dev.wscheck.net.Route;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.net.proxy.BypassList;
import dev.wscheck.net.proxy.ProxyConfig;
import dev.wscheck.net.proxy.ProxySelection;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeRegistry;
import dev.wscheck.probe.Target;
import dev.wscheck.verdict.Evaluator;
import dev.wscheck.verdict.RequirementVerdict;
import dev.wscheck.verdict.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Routing per traffic class and the direct-vs-proxy comparison, on the built-in Tokyo plan with
 * scripted probes that send nothing (the proxy transports are built but never connect).
 */
class ProxyRoutingTest {
    private static final Catalog CATALOG = CatalogLoader.builtin();
    private static final Target HTTPS = Target.parse("https://skylight-cm.ap-northeast-1.amazonaws.com/");
    private static final Target DCV = Target.parse("tcp://drp-nrt.amazonworkspaces.com:4195");

    private static ProxySelection selection(String proxyUrl, String noProxy) {
        ProxyConfig config = ProxyConfig.fixed("explicit", "--proxy", ProxyEndpoint.parse(proxyUrl, true),
                noProxy.isEmpty() ? BypassList.empty() : BypassList.noProxy(noProxy), List.of());
        return ProxySelection.of(config, new ProxySelection.PacOptions(NameResolver.literalsOnly(), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Optional::empty, Clock.systemUTC()));
    }

    private static ProxyRouting routing(String proxyUrl, boolean dcvProxy) {
        return new ProxyRouting(selection(proxyUrl, ""), Optional.empty(), NameResolver.literalsOnly(), "wscheck/test", dcvProxy);
    }

    record Case(String name, String proxy, boolean dcvProxy, ProxyPolicy policy, ProbeKind probe, Target target, Route expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String http = "http://198.18.1.1:3128";
        String socks = "socks5://198.18.1.1:1080";
        return Stream.of(
                new Case("HTTPS goes through the HTTP proxy", http, false, ProxyPolicy.ALLOWED, ProbeKind.HTTPS, HTTPS, Route.PROXY),
                new Case("the TCP and TLS steps of an HTTPS endpoint too", http, false, ProxyPolicy.ALLOWED, ProbeKind.TLS, HTTPS.withScheme("tcp"), Route.PROXY),
                new Case("HTTPS goes through a SOCKS5 proxy", socks, false, ProxyPolicy.ALLOWED, ProbeKind.HTTPS, HTTPS, Route.PROXY),
                new Case("DNS is always direct", http, true, ProxyPolicy.ALLOWED, ProbeKind.DNS, HTTPS, Route.DIRECT),
                new Case("UDP is always direct", http, true, ProxyPolicy.NEVER, ProbeKind.UDP, DCV, Route.DIRECT),
                new Case("latency is always direct, even for DCV with --dcv-proxy", http, true, ProxyPolicy.OPTIONAL, ProbeKind.LATENCY, DCV, Route.DIRECT),
                new Case("PCoIP TCP 4172 is never proxied", http, true, ProxyPolicy.NEVER, ProbeKind.TCP, Target.parse("tcp://drp-nrt.amazonworkspaces.com:4172"), Route.DIRECT),
                new Case("DCV TCP 4195 is direct without --dcv-proxy", http, false, ProxyPolicy.OPTIONAL, ProbeKind.TCP, DCV, Route.DIRECT),
                new Case("DCV TCP 4195 goes through the HTTP proxy with --dcv-proxy", http, true, ProxyPolicy.OPTIONAL, ProbeKind.TCP, DCV, Route.PROXY),
                new Case("DCV TCP 4195 stays direct with --dcv-proxy when the proxy is SOCKS5", socks, true, ProxyPolicy.OPTIONAL, ProbeKind.TCP, DCV, Route.DIRECT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void routesEachTrafficClassAsTheClientDoes(Case c) {
        assertEquals(c.expected(), routing(c.proxy(), c.dcvProxy()).transportFor(c.policy(), c.probe(), c.target()).route());
    }

    @Test
    void aBypassedHostGoesDirectAndEveryDecisionIsRecorded() {
        ProxySelection s = selection("http://198.18.1.1:3128", ".amazonaws.com");
        ProxyRouting r = new ProxyRouting(s, Optional.empty(), NameResolver.literalsOnly(), "wscheck/test", false);
        assertEquals(Route.DIRECT, r.transportFor(ProxyPolicy.ALLOWED, ProbeKind.HTTPS, HTTPS).route());
        assertEquals(Route.PROXY, r.transportFor(ProxyPolicy.ALLOWED, ProbeKind.HTTPS, Target.parse("https://clients.amazonworkspaces.com/")).route());
        assertEquals(List.of("https://skylight-cm.ap-northeast-1.amazonaws.com/", "https://clients.amazonworkspaces.com/"),
                s.decisions().stream().map(ProxySelection.Decision::url).toList());
        assertTrue(s.decisions().get(0).rule().contains("bypass entry .amazonaws.com"), s.decisions().get(0).rule());
    }

    private RunResult run(Plan plan, Routing routing, ScriptedProbe dns, dev.wscheck.probe.Probe tcp) {
        Engine engine = new Engine(ProbeRegistry.of(dns, tcp, new ScriptedProbe(ProbeKind.TLS), new ScriptedProbe(ProbeKind.HTTPS),
                new ScriptedProbe(ProbeKind.UDP), new ScriptedProbe(ProbeKind.LATENCY)));
        try (SharedResources res = new SharedResources(new DnsServers(List.of(), "explicit"),
                new TrustSettings(List.of(), CATALOG.publicRoots(), "catalog"), 1, Duration.ZERO, false)) {
            return engine.run(plan, new RunSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), RunSettings.DEFAULT_PARALLELISM, routing), res,
                    ProgressListener.NONE);
        }
    }

    /** A routing whose proxy "transport" is never used by the scripted probes. */
    private static Routing proxied() {
        return routing("http://198.18.1.1:3128", false);
    }

    @Test
    void aProxiedEndpointGetsADirectComparisonAndItsLocalDnsIsEvidenceOnly() {
        Plan plan = Planner.plan(CATALOG, "ap-northeast-1", List.of("pcoip", "dcv"), Optional.empty(), List.of("session-broker", "pcoip-streaming-tcp"), List.of());
        ScriptedProbe dns = new ScriptedProbe(ProbeKind.DNS).answer("skylight-cm.ap-northeast-1.amazonaws.com", Outcome.DNS_NXDOMAIN);
        ScriptedProbe tcp = new ScriptedProbe(ProbeKind.TCP);
        RunResult r = run(plan, proxied(), dns, tcp);
        RunResult.RequirementRun broker = r.requirements().stream().filter(q -> q.requirement().id().equals("session-broker")).findFirst().orElseThrow();
        List<String> shape = broker.checks().stream().map(c -> c.check().spec().probe().id() + "/" + c.role().id() + "/" + c.result().outcome().code()).toList();
        assertEquals(List.of("dns/local-dns/dns-nxdomain", "tcp/path/ok", "tcp/direct-comparison/skipped", "tls/path/ok", "https/path/ok"), shape,
                "the proxy path runs although the local DNS fails; the direct comparison is skipped after it");
        assertEquals(1, tcp.runsOf("skylight-cm.ap-northeast-1.amazonaws.com:443"), "only the proxied connect ran");

        List<RequirementVerdict> verdicts = Evaluator.evaluate(plan, r);
        RequirementVerdict v = verdicts.stream().filter(q -> q.requirement().id().equals("session-broker")).findFirst().orElseThrow();
        assertEquals(Status.PASS, v.status(), "a local DNS failure does not fail a requirement the proxy serves");
        assertEquals("works", v.route().orElseThrow().proxy());
        assertEquals("blocked", v.route().orElseThrow().direct());
        assertTrue(v.route().orElseThrow().summary().startsWith("direct blocked (dns-nxdomain), proxy works: fine"), v.route().orElseThrow().summary());
        RequirementVerdict pcoip = verdicts.stream().filter(q -> q.requirement().id().equals("pcoip-streaming-tcp")).findFirst().orElseThrow();
        assertTrue(pcoip.route().isEmpty(), "direct-only traffic has no comparison");
        assertTrue(pcoip.checks().stream().allMatch(c -> c.onPath()));
    }

    record Verdicts(String name, Outcome proxyTcp, Outcome directTcp, Status status, String proxy, String direct, String summaryStart) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Verdicts> comparisons() {
        return Stream.of(
                new Verdicts("direct blocked, proxy works: pass", Outcome.OK, Outcome.TCP_TIMEOUT, Status.PASS, "works", "blocked",
                        "direct blocked (tcp-timeout), proxy works: fine, the client uses the proxy"),
                new Verdicts("both work: pass", Outcome.OK, Outcome.OK, Status.PASS, "works", "works", "proxy works, direct works too"),
                new Verdicts("proxy broken, direct works: fail, and said so", Outcome.PROXY_DENIED, Outcome.OK, Status.FAIL, "fails", "works",
                        "proxy fails (proxy-denied), direct works: a client configured to use the proxy fails here"),
                new Verdicts("both broken: fail", Outcome.PROXY_UNREACHABLE, Outcome.TCP_REFUSED, Status.FAIL, "fails", "blocked",
                        "proxy fails (proxy-unreachable), direct blocked (tcp-refused): neither path works"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("comparisons")
    void theComparisonSaysWhichPathTheClientUsesAndNeverChangesTheStatus(Verdicts c) {
        Plan plan = Planner.plan(CATALOG, "ap-northeast-1", List.of("pcoip", "dcv"), Optional.empty(), List.of("session-broker"), List.of());
        ScriptedProbe dns = new ScriptedProbe(ProbeKind.DNS);
        // The same target: the scripted TCP probe tells the two routes apart by the transport.
        dev.wscheck.probe.Probe tcp = new dev.wscheck.probe.Probe() {
            @Override
            public ProbeKind kind() {
                return ProbeKind.TCP;
            }

            @Override
            public dev.wscheck.probe.ProbeResult run(dev.wscheck.probe.CheckSpec check, dev.wscheck.probe.ProbeContext ctx) {
                Outcome o = ctx.transport().route() == Route.PROXY ? c.proxyTcp() : c.directTcp();
                return dev.wscheck.probe.ProbeResult.builder().outcome(o).via(ctx.transport().route()).detail("scripted").build(Duration.ZERO);
            }
        };
        RequirementVerdict v = Evaluator.evaluate(plan, run(plan, proxied(), dns, tcp)).stream()
                .filter(q -> q.requirement().id().equals("session-broker")).findFirst().orElseThrow();
        assertEquals(c.status(), v.status());
        assertEquals(c.proxy(), v.route().orElseThrow().proxy());
        assertEquals(c.direct(), v.route().orElseThrow().direct());
        assertTrue(v.route().orElseThrow().summary().startsWith(c.summaryStart()), v.route().orElseThrow().summary());
    }
}
