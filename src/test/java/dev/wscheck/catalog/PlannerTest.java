package dev.wscheck.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.WscheckException;
import dev.wscheck.net.Ipv6Status;
import dev.wscheck.probe.CheckSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The planner on the built-in catalog: --only/--skip, --protocol, --directory-id, check chains. */
class PlannerTest {
    private static final Catalog CATALOG = BuiltinCatalogTest.CATALOG;
    private static final List<String> BOTH = List.of("pcoip", "dcv");

    // ---- --only / --skip ----

    record Filter(String name, List<String> only, List<String> skip, List<String> checked) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Filter> filters() {
        return Stream.of(
                new Filter("--only by id checks that requirement alone", List.of("ws-broker"), List.of(), List.of("ws-broker")),
                new Filter("--only by category checks that category", List.of("broker"), List.of(), List.of("session-broker", "ws-broker")),
                new Filter("--only takes ids and categories together", List.of("captcha", "directory"), List.of(),
                        List.of("directory-settings", "login-page-assets", "captcha")),
                new Filter("--skip by category leaves the rest", List.of("streaming"), List.of("streaming"), List.of()),
                new Filter("--skip by id removes it from --only's category", List.of("streaming"),
                        List.of("pcoip-latency", "dcv-latency"),
                        List.of("pcoip-streaming-tcp", "pcoip-streaming-udp", "dcv-streaming-tcp", "dcv-streaming-udp")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void onlyAndSkipSelectRequirements(Filter c) {
        Plan p = Planner.plan(CATALOG, "ap-northeast-1", BOTH, Optional.empty(), c.only(), c.skip());
        List<String> checked = new ArrayList<>();
        for (PlannedRequirement r : p.requirements()) {
            if (r.skipReason().isEmpty() && !r.checks().isEmpty()) {
                checked.add(r.id());
            } else if (r.skipReason().isPresent()) {
                String reason = r.skipReason().get().text();
                boolean skippedByFilter = reason.equals("not selected by --only") || reason.equals("skipped by --skip");
                assertTrue(skippedByFilter, r.id() + ": " + reason);
            }
        }
        assertEquals(c.checked(), checked);
    }

    @Test
    void skipByIdLeavesEverythingElseAsPlanned() {
        Plan all = Planner.plan(CATALOG, "ap-northeast-1", BOTH, Optional.empty(), List.of(), List.of());
        Plan p = Planner.plan(CATALOG, "ap-northeast-1", BOTH, Optional.empty(), List.of(), List.of("captcha"));
        for (PlannedRequirement r : p.requirements()) {
            if (r.id().equals("captcha")) {
                assertEquals(Optional.of("skipped by --skip"), r.skipReason().map(Skip::text));
                assertEquals(List.of(), r.checks());
            } else {
                assertEquals(all.requirement(r.id()).orElseThrow(), r);
            }
        }
    }

    @Test
    void aFilterNamingNoIdOrCategoryIsBadInput() {
        WscheckException e = assertThrows(WscheckException.class,
                () -> Planner.plan(CATALOG, "ap-northeast-1", BOTH, Optional.empty(), List.of("brokers"), List.of()));
        assertEquals("--only brokers: no requirement id or category of that name (see wscheck requirements)", e.getMessage());
    }

    @Test
    void anUnknownRegionIsBadInputNamingTheKnownOnes() {
        WscheckException e = assertThrows(WscheckException.class,
                () -> Planner.plan(CATALOG, "ap-northeast-9", BOTH, Optional.empty(), List.of(), List.of()));
        assertEquals("unknown region 'ap-northeast-9' (known: " + String.join(", ", BuiltinCatalogTest.REGIONS) + ")", e.getMessage());
    }

    // ---- not published ----

    @Test
    void notPublishedRequirementsAreSkippedWithTheReasonEvenWhenSelected() {
        Plan p = Planner.plan(CATALOG, "us-east-2", BOTH, Optional.empty(), List.of("streaming"), List.of());
        PlannedRequirement udp = p.requirement("pcoip-streaming-udp").orElseThrow();
        assertEquals(Optional.of("not published for us-east-2: S1 lists no PCoIP gateway range and no health-check host"), udp.skipReason().map(Skip::text));
        assertEquals(List.of(), udp.endpoints());
        assertEquals(List.of(), udp.checks());
        PlannedRequirement gw = p.requirement("dcv-gateway-443").orElseThrow();
        assertEquals(Optional.empty(), gw.skipReason(), "the DCV gateway domain is derived, not skipped");
        assertEquals(List.of("*.prod.us-east-2.highlander.aws.a2z.com"), gw.allowlistOnly());
    }

    @Test
    void aDerivedRequirementIsCheckedAsOptionalWithItsReasonFirst() {
        Plan p = Planner.plan(CATALOG, "ap-northeast-3", BOTH, Optional.empty(), List.of(), List.of());
        PlannedRequirement broker = p.requirement("ws-broker").orElseThrow();
        assertEquals(Importance.OPTIONAL, broker.def().importance());
        assertEquals(Importance.REQUIRED, CATALOG.requirement("ws-broker").orElseThrow().importance(), "the catalog's own definition is untouched");
        assertEquals("not published for ap-northeast-3: no table on S1 for this region; checked with the names AWS uses in every published region, as optional",
                broker.def().notes().get(0));
        assertFalse(broker.checks().isEmpty());
    }

    // ---- variants ----

    record VariantCase(String name, String region, Set<String> variants, String requirement, boolean present) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<VariantCase> variants() {
        return Stream.of(
                new VariantCase("--fips adds the FIPS WS broker in N. Virginia", "us-east-1", Set.of("fips"), "fips-ws-broker", true),
                new VariantCase("--fips adds the FIPS session broker in GovCloud East", "us-gov-east-1", Set.of("fips"), "fips-session-broker", true),
                new VariantCase("--fips adds nothing in Tokyo, where AWS lists no FIPS names", "ap-northeast-1", Set.of("fips"), "fips-ws-broker", false),
                new VariantCase("without --fips there is no FIPS requirement", "us-west-2", Set.of(), "fips-workspaces-api", false),
                new VariantCase("--vpc-endpoint adds the PrivateLink names", "ap-northeast-1", Set.of("vpc-endpoint"), "dcv-privatelink", true),
                new VariantCase("--vpc-endpoint does not add FIPS names", "us-east-1", Set.of("vpc-endpoint"), "fips-ws-broker", false),
                new VariantCase("the PrivateLink names are not known for China", "cn-northwest-1", Set.of("vpc-endpoint"), "dcv-privatelink", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void aVariantRequirementAppliesOnlyWhenSelected(VariantCase c) {
        Plan p = Planner.plan(CATALOG, c.region(), BOTH, Optional.empty(), List.of(), List.of(), c.variants());
        assertEquals(c.present(), p.requirement(c.requirement()).isPresent());
    }

    @Test
    void theVariantNamesAreFilledIn() {
        Plan p = Planner.plan(CATALOG, "us-gov-west-1", BOTH, Optional.empty(), List.of(), List.of(), Set.of("fips", "vpc-endpoint"));
        assertEquals(List.of("https://skylight-cm-fips.us-gov-west-1.amazonaws.com/"), p.requirement("fips-session-broker").orElseThrow().endpoints());
        assertEquals(List.of("https://skylight-cm-fips.us-gov-west-1.api.aws/"), p.requirement("fips-session-broker").orElseThrow().ipv6Endpoints());
        assertEquals(List.of("https://euc-sso-sm-fips.us-gov-west-1.amazonaws.com/v1/report-heartbeat"), p.requirement("fips-saml-heartbeat").orElseThrow().endpoints());
        assertEquals(List.of("*.prod.highlander.us-gov-west-1.vpce.amazonaws.com", "privatelink.prod.us-gov-west-1.highlander.aws.a2z.com"),
                p.requirement("dcv-privatelink").orElseThrow().allowlistOnly());
    }

    // ---- --protocol ----

    @Test
    void protocolSelectionDropsTheOtherProtocolsRequirements() {
        Plan p = Planner.plan(CATALOG, "ap-northeast-1", List.of("dcv"), Optional.empty(), List.of(), List.of());
        assertTrue(p.requirements().stream().noneMatch(r -> r.def().protocol().equals("pcoip")));
        assertTrue(p.requirement("dcv-streaming-udp").isPresent());
        assertTrue(p.requirement("captcha").isPresent(), "protocol 'any' stays");
    }

    // ---- --directory-id ----

    record Directory(String name, String region, Optional<String> directoryId, String requirement, List<String> endpoints, Optional<String> skip) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Directory> directoryIds() {
        Optional<String> id = Optional.of("d-1234567890");
        return Stream.of(
                new Directory("a {directoryId} path is cut to its host without an id", "ap-northeast-1", Optional.empty(), "directory-settings",
                        List.of("https://d32i4gd7pg4909.cloudfront.net/", "https://d21ui22avrxoh6.cloudfront.net/",
                                "https://d3s98kk2h6f4oh.cloudfront.net/", "https://dyqsoz7pkju4e.cloudfront.net/"), Optional.empty()),
                new Directory("a {directoryId} path is filled in with an id", "ap-northeast-1", id, "directory-settings",
                        List.of("https://d32i4gd7pg4909.cloudfront.net/prod/ap-northeast-1/d-1234567890", "https://d32i4gd7pg4909.cloudfront.net/",
                                "https://d21ui22avrxoh6.cloudfront.net/prod/ap-northeast-1/d-1234567890",
                                "https://d3s98kk2h6f4oh.cloudfront.net/", "https://dyqsoz7pkju4e.cloudfront.net/"), Optional.empty()),
                new Directory("{directoryId}.awsapps.com is left out without an id", "ap-northeast-1", Optional.empty(), "login-pages",
                        List.of("https://ap-northeast-1.signin.aws/", "https://ap-northeast-1.signin.aws.amazon.com/",
                                "https://ap-northeast-1.sso.signin.aws/", "https://ap-northeast-1.apps.signin.aws/"), Optional.empty()),
                new Directory("{directoryId}.awsapps.com is checked with an id", "ap-northeast-1", id, "login-pages",
                        List.of("https://d-1234567890.awsapps.com/", "https://ap-northeast-1.signin.aws/",
                                "https://ap-northeast-1.signin.aws.amazon.com/", "https://ap-northeast-1.sso.signin.aws/",
                                "https://ap-northeast-1.apps.signin.aws/"), Optional.empty()),
                new Directory("Ohio's derived sign-in names are checked without an id", "us-east-2", Optional.empty(), "login-pages",
                        List.of("https://us-east-2.signin.aws/", "https://us-east-2.signin.aws.amazon.com/",
                                "https://us-east-2.sso.signin.aws/", "https://us-east-2.apps.signin.aws/"), Optional.empty()));
    }

    @Test
    void aRequirementWhoseEveryEndpointNeedsTheIdIsSkippedWithoutOne() {
        String yaml = String.join("\n", "schemaVersion: 1", "version: t", "sources: {T: {title: t, url: 'https://t.test/'}}",
                "protocols:", "  pcoip: {title: P, latency: {high: 100ms, critical: 375ms}, source: T}",
                "  dcv: {title: D, latency: {high: 250ms, critical: 400ms}, source: T}",
                "publicRoots: [{name: R, spkiSha256: '" + "0".repeat(64) + "'}]",
                "requirements:", "  - {id: portal, category: login, title: Portal, protocol: any, probes: [dns, tcp, tls, https],",
                "     endpoints: ['https://{directoryId}.awsapps.test/'], source: T}",
                "regions: {lab-1: {name: Lab, source: T}}", "");
        Catalog c = CatalogLoader.parse("test", new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "file");
        PlannedRequirement without = Planner.plan(c, "lab-1", BOTH, Optional.empty(), List.of(), List.of()).requirement("portal").orElseThrow();
        assertEquals(Optional.of("needs --directory-id: its endpoints are built from the directory id"), without.skipReason().map(Skip::text));
        assertTrue(without.checks().isEmpty());
        PlannedRequirement with = Planner.plan(c, "lab-1", BOTH, Optional.of("d-1234567890"), List.of(), List.of()).requirement("portal").orElseThrow();
        assertEquals(List.of("https://d-1234567890.awsapps.test/"), with.endpoints());
        assertFalse(with.checks().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directoryIds")
    void directoryIdFillsOrCutsTemplates(Directory c) {
        PlannedRequirement r = Planner.plan(CATALOG, c.region(), BOTH, c.directoryId(), List.of(), List.of())
                .requirement(c.requirement()).orElseThrow();
        assertEquals(c.endpoints(), r.endpoints());
        assertEquals(c.skip(), r.skipReason().map(Skip::text));
        assertEquals(c.skip().isPresent(), r.checks().isEmpty());
    }

    // ---- check chains ----

    @Test
    void anHttpsEndpointIsCheckedDnsThenTcpThenTlsThenHttps() {
        PlannedRequirement r = Planner.plan(CATALOG, "ap-northeast-1", BOTH, Optional.empty(), List.of(), List.of())
                .requirement("ws-broker").orElseThrow();
        assertEquals(List.of(
                "dns ws-broker-service.ap-northeast-1.amazonaws.com <- -",
                "tcp ws-broker-service.ap-northeast-1.amazonaws.com:443 <- dns ws-broker-service.ap-northeast-1.amazonaws.com",
                "tls ws-broker-service.ap-northeast-1.amazonaws.com:443 <- tcp ws-broker-service.ap-northeast-1.amazonaws.com:443",
                "https https://ws-broker-service.ap-northeast-1.amazonaws.com/ping <- tls ws-broker-service.ap-northeast-1.amazonaws.com:443"),
                chain(r));
    }

    @Test
    void udpAndLatencyDependOnTheDnsAnswerOnly() {
        Plan p = Planner.plan(CATALOG, "ap-northeast-1", BOTH, Optional.empty(), List.of(), List.of());
        assertEquals(List.of("dns drp-nrt.amazonworkspaces.com <- -", "udp drp-nrt.amazonworkspaces.com:4172 <- dns drp-nrt.amazonworkspaces.com"),
                chain(p.requirement("pcoip-streaming-udp").orElseThrow()));
        assertEquals(List.of("dns drp-nrt.amazonworkspaces.com <- -", "latency drp-nrt.amazonworkspaces.com:4195 <- dns drp-nrt.amazonworkspaces.com"),
                chain(p.requirement("dcv-latency").orElseThrow()));
    }

    // ---- the IPv6 path ----

    private static final Ipv6Status HAS_IPV6 = new Ipv6Status(Ipv6Status.Mode.AUTO, true, Optional.of(true));
    private static final Ipv6Status NO_IPV6 = new Ipv6Status(Ipv6Status.Mode.AUTO, false, Optional.of(true));

    record Ipv6Case(String name, String region, Optional<Ipv6Status> ipv6, String requirement, List<String> ipv6Checks) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Ipv6Case> ipv6Paths() {
        String noV6 = "not run: this PC has no global IPv6 address, so the client uses IPv4";
        return Stream.of(
                new Ipv6Case("with IPv6, an HTTPS requirement's .api.aws name gets its own DNS, TCP, TLS and HTTPS steps", "ap-northeast-1",
                        Optional.of(HAS_IPV6), "session-broker", List.of(
                        "dns skylight-cm.ap-northeast-1.api.aws <- -",
                        "tcp skylight-cm.ap-northeast-1.api.aws:443 <- dns skylight-cm.ap-northeast-1.api.aws",
                        "tls skylight-cm.ap-northeast-1.api.aws:443 <- tcp skylight-cm.ap-northeast-1.api.aws:443",
                        "https https://skylight-cm.ap-northeast-1.api.aws/ <- tls skylight-cm.ap-northeast-1.api.aws:443")),
                new Ipv6Case("with IPv6, TCP 4172 is also checked on the region's IPv6 health-check host", "ap-northeast-1", Optional.of(HAS_IPV6),
                        "pcoip-streaming-tcp", List.of("dns drp-workspaces.ap-northeast-1.api.aws <- -",
                        "tcp drp-workspaces.ap-northeast-1.api.aws:4172 <- dns drp-workspaces.ap-northeast-1.api.aws")),
                new Ipv6Case("with IPv6, UDP 4195 is also checked on the IPv6 health-check host", "ap-northeast-1", Optional.of(HAS_IPV6),
                        "dcv-streaming-udp", List.of("dns drp-workspaces.ap-northeast-1.api.aws <- -",
                        "udp drp-workspaces.ap-northeast-1.api.aws:4195 <- dns drp-workspaces.ap-northeast-1.api.aws")),
                new Ipv6Case("with IPv6, round-trip time stays an IPv4 measurement", "ap-northeast-1", Optional.of(HAS_IPV6), "pcoip-latency", List.of()),
                new Ipv6Case("with IPv6, a requirement without IPv6 names has no IPv6 path", "ap-northeast-1", Optional.of(HAS_IPV6), "captcha", List.of()),
                new Ipv6Case("a region whose streaming is not published (no health-check host) has no IPv6 streaming path either", "ap-northeast-3", Optional.of(HAS_IPV6),
                        "dcv-streaming-tcp", List.of()),
                new Ipv6Case("without IPv6, each IPv6 name is one step not run, with the reason", "ap-northeast-1", Optional.of(NO_IPV6),
                        "ws-broker", List.of("dns ws-broker-service.ap-northeast-1.api.aws <- - (" + noV6 + ")")),
                new Ipv6Case("without IPv6, the IPv6 health-check host is one step not run", "ap-northeast-1", Optional.of(NO_IPV6),
                        "pcoip-streaming-udp", List.of("dns drp-workspaces.ap-northeast-1.api.aws <- - (" + noV6 + ")")),
                new Ipv6Case("with --ipv6 off, the reason is the option", "ap-northeast-1",
                        Optional.of(new Ipv6Status(Ipv6Status.Mode.OFF, true, Optional.of(true))), "workspaces-api",
                        List.of("dns workspaces.ap-northeast-1.api.aws <- - (not run: --ipv6 off)")),
                new Ipv6Case("a plan that is only listed (no IPv6 status) has no IPv6 checks", "ap-northeast-1", Optional.empty(), "session-broker",
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ipv6Paths")
    void theIpv6PathIsPlannedWhereThisPcHasIpv6AndSaidNotRunWhereNot(Ipv6Case c) {
        Plan p = Planner.plan(CATALOG, c.region(), BOTH, Optional.empty(), List.of(), List.of(), Set.of(), Optional.empty(), c.ipv6());
        PlannedRequirement r = p.requirement(c.requirement()).orElseThrow();
        List<String> v6 = r.checks().stream().filter(PlannedCheck::ipv6Path)
                .map(x -> x.spec().key() + " <- " + x.after().map(CheckSpec::key).orElse("-") + x.notRun().map(n -> " (not run: " + n + ")").orElse(""))
                .toList();
        assertEquals(c.ipv6Checks(), v6);
        assertEquals(c.ipv6(), p.ipv6());
        PlannedRequirement listed = Planner.plan(CATALOG, c.region(), BOTH, Optional.empty(), List.of(), List.of())
                .requirement(c.requirement()).orElseThrow();
        assertEquals(listed.checks(), r.checks().stream().filter(x -> !x.ipv6Path()).toList(), "the IPv4 path is planned as before");
    }

    private static List<String> chain(PlannedRequirement r) {
        return r.checks().stream().map(c -> c.spec().key() + " <- " + c.after().map(CheckSpec::key).orElse("-")).toList();
    }
}
