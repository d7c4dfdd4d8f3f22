package dev.wscheck.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built-in catalog against the facts file (../shared/reference/workspaces-network-facts.md):
 * every region of §2, Tokyo line by line (§2a), the per-region restrictions of §2e and §3, and
 * the errata of §7.
 */
class BuiltinCatalogTest {
    static final Catalog CATALOG = CatalogLoader.builtin();
    static final Optional<String> DIRECTORY = Optional.of("d-1234567890");
    static final List<String> BOTH = List.of("pcoip", "dcv");

    /**
     * S7's region list, in its order, with the regions only ip-ranges.json's WORKSPACES_GATEWAYS
     * names (facts §4) before GovCloud.
     */
    static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "us-west-2", "ap-south-1", "ap-northeast-2",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-5", "ap-northeast-1", "ca-central-1", "eu-central-1",
            "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "af-south-1", "il-central-1",
            "ap-northeast-3", "ca-west-1", "eu-central-2", "eu-south-1", "eu-south-2", "me-central-1", "cn-northwest-1",
            "us-gov-west-1", "us-gov-east-1");
    /** The regions with WORKSPACES_GATEWAYS in ip-ranges.json and no table on AWS's port page. */
    static final List<String> GATEWAYS_ONLY = List.of("ap-northeast-3", "ca-west-1", "eu-central-2", "eu-south-1", "eu-south-2",
            "me-central-1", "cn-northwest-1");

    static Plan plan(String region, Optional<String> directoryId) {
        return Planner.plan(CATALOG, region, BOTH, directoryId, List.of(), List.of());
    }

    @Test
    void theBuiltinCatalogLoadsWithEveryRegionOfTheFactsFileInOrder() {
        assertEquals("builtin", CATALOG.origin());
        assertEquals(REGIONS, List.copyOf(CATALOG.regions().keySet()));
    }

    @Test
    void requirementIdsAreUniqueAndMatchTheGoldenList() throws IOException {
        List<String> ids = CATALOG.requirements().stream().map(RequirementDef::id).toList();
        assertEquals(ids.size(), new LinkedHashSet<>(ids).size(), "ids are unique");
        List<String> golden = resourceLines("requirement-ids.txt").stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertEquals(golden, ids, "requirement ids are stable identifiers: update requirement-ids.txt only to add one");
    }

    @Test
    void tokyoPlanIsExactlyTheFactsFileTokyoSection() throws IOException {
        assertGolden("tokyo-plan.txt", CatalogGolden.render(plan("ap-northeast-1", DIRECTORY)));
    }

    // ---- every region plans ----

    record RegionCase(String name, String region, Optional<String> directoryId) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<RegionCase> everyRegion() {
        return REGIONS.stream().flatMap(r -> Stream.of(
                new RegionCase(r + " plans for pcoip and dcv without a directory id", r, Optional.empty()),
                new RegionCase(r + " plans for pcoip and dcv with a directory id", r, DIRECTORY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRegion")
    void everyRegionPlans(RegionCase c) {
        Plan p = plan(c.region(), c.directoryId());
        RegionDef region = p.region();
        assertFalse(p.requirements().isEmpty());
        boolean mentionsDirectory = false;
        for (PlannedRequirement r : p.requirements()) {
            List<String> all = new ArrayList<>(r.endpoints());
            all.addAll(r.ipv6Endpoints());
            all.addAll(r.allowlistOnly());
            for (String e : all) {
                assertFalse(e.contains("{") || e.contains("}"), r.id() + ": template left unfilled in " + e);
                mentionsDirectory |= e.contains("d-1234567890");
            }
            if (r.skipReason().isPresent()) {
                assertTrue(r.checks().isEmpty(), r.id() + ": a skipped requirement runs no check");
            } else {
                assertTrue(!r.checks().isEmpty() || !r.allowlistOnly().isEmpty(), r.id() + ": neither checked nor allowlisted");
            }
            if (region.notPublished().containsKey(r.id())) {
                assertEquals(Optional.of("not published for " + c.region() + ": " + region.notPublished().get(r.id())), r.skipReason().map(Skip::text));
            }
            if (region.derived().containsKey(r.id())) {
                assertEquals(Importance.OPTIONAL, r.def().importance(), r.id() + ": a derived name is only ever optional");
                assertTrue(r.def().notes().get(0).startsWith("not published for " + c.region() + ": " + region.derived().get(r.id())), r.def().notes().get(0));
            }
        }
        // China: nothing built from a directory id is covered (no directory-settings or login hosts are known).
        assertEquals(c.directoryId().isPresent() && !c.region().equals("cn-northwest-1"), mentionsDirectory,
                "the directory id appears exactly when it is given");
        assertEquals(region.healthCheck().isPresent(),
                p.requirement("dcv-streaming-udp").map(r -> !r.checks().isEmpty()).orElse(false),
                "DCV UDP 4195 is probed wherever a health-check host is published");
    }

    // ---- which requirement applies where (§2e, §3) ----

    enum State { CHECKED, ALLOWLIST_ONLY, NOT_PUBLISHED, ABSENT }

    record Applies(String name, String region, String requirement, State state) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Applies> applicability() {
        return Stream.of(
                new Applies("smart-card sign-in is checked in Tokyo", "ap-northeast-1", "smartcard-auth", State.CHECKED),
                new Applies("smart-card sign-in is checked in N. Virginia", "us-east-1", "smartcard-auth", State.CHECKED),
                new Applies("smart-card sign-in is checked in Oregon", "us-west-2", "smartcard-auth", State.CHECKED),
                new Applies("smart-card sign-in is checked in Sydney", "ap-southeast-2", "smartcard-auth", State.CHECKED),
                new Applies("smart-card sign-in is checked in Ireland", "eu-west-1", "smartcard-auth", State.CHECKED),
                new Applies("smart-card sign-in is checked in GovCloud West on its own host", "us-gov-west-1", "smartcard-auth", State.CHECKED),
                new Applies("smart-card sign-in is not a Seoul requirement", "ap-northeast-2", "smartcard-auth", State.ABSENT),
                new Applies("smart-card sign-in is not a Frankfurt requirement", "eu-central-1", "smartcard-auth", State.ABSENT),
                new Applies("the SAML heartbeat is checked in Tokyo", "ap-northeast-1", "saml-heartbeat", State.CHECKED),
                new Applies("the SAML heartbeat is checked in GovCloud East", "us-gov-east-1", "saml-heartbeat", State.CHECKED),
                new Applies("the SAML heartbeat is not listed for Canada", "ca-central-1", "saml-heartbeat", State.ABSENT),
                new Applies("the SAML heartbeat is not listed for Ireland", "eu-west-1", "saml-heartbeat", State.ABSENT),
                new Applies("the SAML heartbeat is not listed for Sao Paulo", "sa-east-1", "saml-heartbeat", State.ABSENT),
                new Applies("the SAML heartbeat is derived for Ohio and checked as optional", "us-east-2", "saml-heartbeat", State.CHECKED),
                new Applies("PCoIP TURN is an allowlist entry in London", "eu-west-2", "web-access-turn", State.ALLOWLIST_ONLY),
                new Applies("PCoIP TURN does not exist in Mumbai", "ap-south-1", "web-access-turn", State.ABSENT),
                new Applies("PCoIP TURN does not exist in Cape Town", "af-south-1", "web-access-turn", State.ABSENT),
                new Applies("PCoIP TURN is kept for Tel Aviv, as its section lists it (erratum)", "il-central-1", "web-access-turn", State.ALLOWLIST_ONLY),
                new Applies("PCoIP TURN is kept for Paris, as its section lists it (erratum)", "eu-west-3", "web-access-turn", State.ALLOWLIST_ONLY),
                new Applies("PCoIP TURN does not exist in GovCloud West", "us-gov-west-1", "web-access-turn", State.ABSENT),
                new Applies("PCoIP TURN does not exist in GovCloud East", "us-gov-east-1", "web-access-turn", State.ABSENT),
                new Applies("PCoIP TURN is not published for Malaysia", "ap-southeast-5", "web-access-turn", State.NOT_PUBLISHED),
                new Applies("legacy device metrics are checked in Seoul", "ap-northeast-2", "device-metrics", State.CHECKED),
                new Applies("legacy device metrics are not a Tokyo requirement", "ap-northeast-1", "device-metrics", State.ABSENT),
                new Applies("legacy device metrics are not a N. Virginia requirement", "us-east-1", "device-metrics", State.ABSENT),
                new Applies("Ohio publishes no PCoIP streaming", "us-east-2", "pcoip-streaming-tcp", State.NOT_PUBLISHED),
                new Applies("Ohio publishes no health-check host for DCV", "us-east-2", "dcv-streaming-udp", State.NOT_PUBLISHED),
                new Applies("Ohio's DCV gateway domain is derived from AWS's pattern", "us-east-2", "dcv-gateway-443", State.ALLOWLIST_ONLY),
                new Applies("Ohio still checks the global directory settings", "us-east-2", "directory-settings", State.CHECKED),
                new Applies("Ohio still checks the global CAPTCHA host", "us-east-2", "captcha", State.CHECKED),
                new Applies("Ohio checks the awsapps.com login page when given a directory id", "us-east-2", "login-pages", State.CHECKED),
                new Applies("Malaysia's session broker is derived and checked as optional", "ap-southeast-5", "session-broker", State.CHECKED),
                new Applies("Osaka's WS broker is derived and checked as optional", "ap-northeast-3", "ws-broker", State.CHECKED),
                new Applies("Osaka publishes no health-check host for PCoIP", "ap-northeast-3", "pcoip-streaming-tcp", State.NOT_PUBLISHED),
                new Applies("Calgary publishes no health-check host for DCV UDP", "ca-west-1", "dcv-streaming-udp", State.NOT_PUBLISHED),
                new Applies("Zurich still checks the global directory settings", "eu-central-2", "directory-settings", State.CHECKED),
                new Applies("Milan publishes no TURN servers", "eu-south-1", "web-access-turn", State.NOT_PUBLISHED),
                new Applies("Spain's DCV gateway domain is derived", "eu-south-2", "dcv-gateway-443", State.ALLOWLIST_ONLY),
                new Applies("the UAE's UDP 443 registration check is derived", "me-central-1", "registration-udp-443", State.CHECKED),
                new Applies("Ningxia's API endpoint is checked on amazonaws.com.cn", "cn-northwest-1", "workspaces-api", State.CHECKED),
                new Applies("Ningxia's directory settings are not covered", "cn-northwest-1", "directory-settings", State.NOT_PUBLISHED),
                new Applies("Ningxia's streaming has no known health-check host", "cn-northwest-1", "dcv-streaming-tcp", State.NOT_PUBLISHED),
                new Applies("registration over UDP 443 is checked in Tokyo", "ap-northeast-1", "registration-udp-443", State.CHECKED),
                new Applies("FIPS endpoints are not checked without --fips", "us-east-1", "fips-ws-broker", State.ABSENT),
                new Applies("PrivateLink names are not listed without --vpc-endpoint", "ap-northeast-1", "dcv-privatelink", State.ABSENT),
                new Applies("Malaysia publishes no login-page hosts", "ap-southeast-5", "login-page-assets", State.NOT_PUBLISHED),
                new Applies("Paris probes PCoIP UDP on its health-check host", "eu-west-3", "pcoip-streaming-udp", State.CHECKED),
                new Applies("Web Access is checked in every region, e.g. GovCloud East", "us-gov-east-1", "web-access", State.CHECKED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("applicability")
    void requirementAppliesWhereTheFactsSay(Applies c) {
        Optional<PlannedRequirement> r = plan(c.region(), DIRECTORY).requirement(c.requirement());
        State actual;
        if (r.isEmpty()) {
            actual = State.ABSENT;
        } else if (r.get().skipReason().map(s -> s.kind() == Skip.Kind.NOT_PUBLISHED).orElse(false)) {
            actual = State.NOT_PUBLISHED;
        } else if (!r.get().checks().isEmpty()) {
            actual = State.CHECKED;
        } else {
            assertFalse(r.get().allowlistOnly().isEmpty(), "neither checked nor allowlisted");
            actual = State.ALLOWLIST_ONLY;
        }
        assertEquals(c.state(), actual);
    }

    // ---- region-specific endpoints (GovCloud, the unpublished regions, Seoul, Paris) ----

    record Endpoints(String name, String region, Optional<String> directoryId, String requirement, List<String> endpoints) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Endpoints> regionEndpoints() {
        return Stream.of(
                new Endpoints("GovCloud West keeps the global directory-settings host and its S3 settings under its airport code", "us-gov-west-1", DIRECTORY, "directory-settings",
                        List.of("https://d32i4gd7pg4909.cloudfront.net/prod/us-gov-west-1/d-1234567890", "https://d32i4gd7pg4909.cloudfront.net/",
                                "https://s3.amazonaws.com/workspaces-client-properties/prod/pdt/d-1234567890",
                                "https://s3.amazonaws.com/workspaces-clients-css/workspaces_v2.css")),
                new Endpoints("GovCloud East's directory settings are checked at their hosts without a directory id", "us-gov-east-1", Optional.empty(), "directory-settings",
                        List.of("https://d32i4gd7pg4909.cloudfront.net/", "https://s3.amazonaws.com/", "https://s3.amazonaws.com/workspaces-clients-css/workspaces_v2.css")),
                new Endpoints("GovCloud West auto-updates from its S3 AppCast file and the global host", "us-gov-west-1", DIRECTORY, "client-auto-update",
                        List.of("https://s3.amazonaws.com/workspaces-client-updates/prod/pdt/windows/WorkSpacesAppCast.xml",
                                "https://d2td7dqidlhjx7.cloudfront.net/")),
                new Endpoints("GovCloud East auto-updates from its S3 AppCast file and the global host", "us-gov-east-1", DIRECTORY, "client-auto-update",
                        List.of("https://s3.amazonaws.com/workspaces-client-updates/prod/osu/windows/WorkSpacesAppCast.xml",
                                "https://d2td7dqidlhjx7.cloudfront.net/")),
                new Endpoints("GovCloud West's login pages are on amazonaws-us-gov.com, aws-us-gov.com and us-gov-home.awsapps.com", "us-gov-west-1", DIRECTORY, "login-pages",
                        List.of("https://login.us-gov-home.awsapps.com/directory/d-1234567890/",
                                "https://us-gov-west-1.signin-fips.amazonaws-us-gov.com/", "https://us-gov-west-1.apps.signin.aws-us-gov.com/",
                                "https://signin.amazonaws-us-gov.com/")),
                new Endpoints("GovCloud East's directory login page is cut to its host without a directory id; its sign-in hosts are FIPS", "us-gov-east-1", Optional.empty(), "login-pages",
                        List.of("https://login.us-gov-home.awsapps.com/",
                                "https://us-gov-east-1.signin-fips.amazonaws-us-gov.com/", "https://us-gov-east-1.sso.signin-fips.aws-us-gov.com/",
                                "https://us-gov-east-1.apps.signin-fips.aws-us-gov.com/", "https://signin.amazonaws-us-gov.com/")),
                new Endpoints("GovCloud East's smart-card hosts are its FIPS names and the shared one", "us-gov-east-1", DIRECTORY, "smartcard-auth",
                        List.of("https://smartcard.us-gov-east-1.signin-fips.amazonaws-us-gov.com/",
                                "https://smartcard.us-gov-east-1.apps.signin-fips.amazonaws-us-gov.com/", "https://smartcard.signin.amazonaws-us-gov.com/")),
                new Endpoints("GovCloud West's smart-card hosts are as S1's global table lists them", "us-gov-west-1", DIRECTORY, "smartcard-auth",
                        List.of("https://smartcard.us-gov-west-1.signin-fips.amazonaws-us-gov.com/",
                                "https://smartcard.us-gov-west-1.apps.signin.aws-us-gov.com/", "https://smartcard.signin.amazonaws-us-gov.com/")),
                new Endpoints("GovCloud East's co-branding graphics are in both places S1 names", "us-gov-east-1", DIRECTORY, "login-page-assets",
                        List.of("https://workspace-client-assets-pdt.s3-us-gov-east-1.amazonaws.com/",
                                "https://s3.amazonaws.com/workspaces-client-assets/prod/osu/d-1234567890")),
                new Endpoints("Osaka's derived broker is the usual regional name", "ap-northeast-3", DIRECTORY, "ws-broker",
                        List.of("https://ws-broker-service.ap-northeast-3.amazonaws.com/ping")),
                new Endpoints("Ningxia's broker is on amazonaws.com.cn", "cn-northwest-1", DIRECTORY, "ws-broker",
                        List.of("https://ws-broker-service.cn-northwest-1.amazonaws.com.cn/ping")),
                new Endpoints("registration over UDP 443 goes to the region's broker", "ap-northeast-1", DIRECTORY, "registration-udp-443",
                        List.of("udp://ws-broker-service.ap-northeast-1.amazonaws.com:443")),
                new Endpoints("GovCloud keeps the regional broker names", "us-gov-west-1", DIRECTORY, "session-broker",
                        List.of("https://skylight-cm.us-gov-west-1.amazonaws.com/")),
                new Endpoints("Ohio's login pages are the awsapps.com page and the derived sign-in names", "us-east-2", DIRECTORY, "login-pages",
                        List.of("https://d-1234567890.awsapps.com/", "https://us-east-2.signin.aws/", "https://us-east-2.signin.aws.amazon.com/",
                                "https://us-east-2.sso.signin.aws/", "https://us-east-2.apps.signin.aws/")),
                new Endpoints("Ohio's directory settings use the global hosts", "us-east-2", DIRECTORY, "directory-settings",
                        List.of("https://d32i4gd7pg4909.cloudfront.net/prod/us-east-2/d-1234567890", "https://d32i4gd7pg4909.cloudfront.net/",
                                "https://d21ui22avrxoh6.cloudfront.net/prod/us-east-2/d-1234567890", "https://d3s98kk2h6f4oh.cloudfront.net/",
                                "https://dyqsoz7pkju4e.cloudfront.net/")),
                new Endpoints("Seoul checks the legacy device-metrics host", "ap-northeast-2", DIRECTORY, "device-metrics",
                        List.of("https://device-metrics-us-2.amazon.com/")),
                new Endpoints("N. Virginia's login JavaScript host is the directory-settings host", "us-east-1", Optional.empty(), "login-page-assets",
                        List.of("https://d1cbg795sa4g1u.cloudfront.net/", "https://d2h1yryv1jxiq.cloudfront.net/", "https://d32i4gd7pg4909.cloudfront.net/")),
                new Endpoints("Paris probes its health-check host, resolved at run time", "eu-west-3", DIRECTORY, "pcoip-streaming-udp",
                        List.of("udp://drp-cdg.amazonworkspaces.com:4172")),
                new Endpoints("Cape Town probes DCV on drp-cpt", "af-south-1", DIRECTORY, "dcv-streaming-tcp",
                        List.of("tcp://drp-cpt.amazonworkspaces.com:4195")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regionEndpoints")
    void regionSpecificEndpoints(Endpoints c) {
        Plan p = Planner.plan(CATALOG, c.region(), BOTH, c.directoryId(), List.of(), List.of());
        assertEquals(c.endpoints(), p.requirement(c.requirement()).orElseThrow().endpoints());
    }

    @Test
    void ohioAndMalaysiaHaveTheSameGapsAndNoAirport() {
        RegionDef ohio = CATALOG.region("us-east-2").orElseThrow();
        RegionDef malaysia = CATALOG.region("ap-southeast-5").orElseThrow();
        assertEquals(ohio.notPublished(), malaysia.notPublished());
        assertEquals(ohio.derived(), malaysia.derived());
        assertEquals(ohio.endpoints(), malaysia.endpoints());
        List<String> unpublished = new ArrayList<>(List.of("us-east-2", "ap-southeast-5"));
        unpublished.addAll(GATEWAYS_ONLY);
        assertEquals(unpublished, CATALOG.regions().values().stream()
                .filter(r -> r.airport().isEmpty()).map(RegionDef::code).toList(), "only the unpublished regions lack an airport");
        assertEquals(unpublished, CATALOG.regions().values().stream()
                .filter(r -> r.healthCheck().isEmpty()).map(RegionDef::code).toList(), "only the unpublished regions lack a health-check host");
        assertEquals(List.of("3.146.84.0/22"), ohio.gateways().dcv().ipv4());
        assertEquals(List.of("43.217.232.0/22"), malaysia.gateways().dcv().ipv4());
        assertEquals(List.of("24.110.0.0/24", "24.110.1.0/24"), malaysia.gateways().dcv().aga());
        assertTrue(ohio.gateways().pcoip().ipv4().isEmpty() && malaysia.gateways().pcoip().ipv4().isEmpty());
    }

    @Test
    void bothGovCloudRegionsReplaceTheSameRequirementsTheSameWay() {
        RegionDef west = CATALOG.region("us-gov-west-1").orElseThrow();
        RegionDef east = CATALOG.region("us-gov-east-1").orElseThrow();
        // The same lists except sign-in and smart cards, whose hosts S1 names differently per region.
        for (String id : List.of("directory-settings", "login-page-assets", "client-auto-update")) {
            assertEquals(west.endpoints().get(id), east.endpoints().get(id), id);
        }
        assertEquals(Set.of("directory-settings", "login-page-assets", "client-auto-update", "login-pages", "smartcard-auth"),
                CATALOG.region("us-gov-west-1").orElseThrow().endpoints().keySet());
    }

    // ---- errata (§7) ----

    record Erratum(String name, String region, String fragment, String source) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Erratum> errata() {
        return Stream.of(
                new Erratum("Paris's listed health-check addresses are Tel Aviv's", "eu-west-3", "they are Tel Aviv's (il-central-1)", "S5"),
                new Erratum("Paris's per-region DCV range is Tel Aviv's", "eu-west-3", "51.44.72.0/22, which is kept", "S5"),
                new Erratum("Paris's PCoIP range is missing from WORKSPACES_GATEWAYS", "eu-west-3", "51.44.204.0/22 is missing from ip-ranges.json's WORKSPACES_GATEWAYS", "S5"),
                new Erratum("Cape Town's per-region section repeats Sao Paulo", "af-south-1", "keeps the global tables' values", "S1"),
                new Erratum("Tel Aviv's directory-settings cells repeat Paris", "il-central-1", "repeat Paris's CloudFront hosts", "S1"),
                new Erratum("Tel Aviv's PCoIP range is missing from WORKSPACES_GATEWAYS", "il-central-1", "51.17.28.0/22 is missing", "S5"),
                new Erratum("N. Virginia has DCV ranges only ip-ranges.json lists", "us-east-1", "44.214.144.0/22, 44.214.148.0/22, 44.214.152.0/22, 44.214.156.0/22", "S5"),
                new Erratum("GovCloud West's client-metrics URL typo", "us-gov-west-1", "'hhttps://...'", "S1"),
                new Erratum("GovCloud East's client-metrics URL typo", "us-gov-east-1", "'hhttps://...'", "S1"),
                new Erratum("GovCloud West's two auto-update files", "us-gov-west-1", "WorkSpacesAppCastx64.xml", "S1"),
                new Erratum("Ohio publishes only DCV gateways", "us-east-2", "publishes only the DCV gateway ranges", "S1"),
                new Erratum("Malaysia publishes only DCV gateways", "ap-southeast-5", "publishes only the DCV gateway ranges", "S1"),
                new Erratum("S1's IPv6 columns skip Paris", "eu-west-3", "skip eu-west-3 in two IPv6 columns", "S1H"),
                new Erratum("S1's TURN tables disagree for Paris", "eu-west-3", "TURN tables disagree for Paris", "S1H"),
                new Erratum("S1's TURN tables disagree for Tel Aviv", "il-central-1", "TURN tables disagree for Tel Aviv", "S1H"),
                new Erratum("GovCloud West's two co-branding places", "us-gov-west-1", "workspaces-client-assets/prod/pdt", "S1H"),
                new Erratum("GovCloud East's sign-in hosts differ from West's", "us-gov-east-1", "differ between the two regions", "S1H"),
                new Erratum("Osaka is only in ip-ranges.json", "ap-northeast-3", "16.208.44.0/22, 2406:da26:1c::/48", "S5"),
                new Erratum("Ningxia is covered in part, its IPv6 prefix recorded", "cn-northwest-1", "2404:c2c0:c400::/40", "S5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errata")
    void erratumIsRecordedWithItsSource(Erratum c) {
        List<RegionDef.Erratum> matching = CATALOG.region(c.region()).orElseThrow().errata().stream()
                .filter(e -> e.text().contains(c.fragment())).toList();
        assertEquals(1, matching.size(), "one erratum of " + c.region() + " mentions: " + c.fragment());
        assertEquals(c.source(), matching.get(0).source());
    }

    @Test
    void errataAreHandledAsDocumented() {
        RegionDef paris = CATALOG.region("eu-west-3").orElseThrow();
        RegionDef telAviv = CATALOG.region("il-central-1").orElseThrow();
        RegionDef capeTown = CATALOG.region("af-south-1").orElseThrow();
        assertEquals("drp-cdg.amazonworkspaces.com", paris.healthCheck().orElseThrow().host());
        assertEquals(List.of(), paris.healthCheck().orElseThrow().addresses(), "Paris's wrong addresses are not kept");
        assertEquals(List.of("51.44.72.0/22"), paris.gateways().dcv().ipv4());
        assertEquals(List.of("51.17.72.0/22"), telAviv.gateways().dcv().ipv4());
        assertEquals(List.of("13.244.128.155", "13.245.205.255", "13.245.216.116"), capeTown.healthCheck().orElseThrow().addresses());
        assertEquals(List.of("13.246.108.0/22"), capeTown.gateways().dcv().ipv4());
        assertEquals(paris.vars(), telAviv.vars(), "Tel Aviv keeps the (duplicated) Paris hosts, flagged");
        assertEquals(List.of("3.227.4.0/22", "44.209.84.0/22"), CATALOG.region("us-east-1").orElseThrow().gateways().dcv().ipv4());
        assertEquals(List.of(), CATALOG.region("ap-northeast-1").orElseThrow().errata(), "Tokyo's section has no known error");
    }

    @Test
    void noAddressOrPrefixIsListedForTwoRegions() {
        Map<String, String> owner = new HashMap<>();
        for (RegionDef r : CATALOG.regions().values()) {
            List<String> values = new ArrayList<>(r.healthCheck().map(RegionDef.HealthCheck::addresses).orElse(List.of()));
            r.healthCheck().ifPresent(h -> values.add(h.ipv6Prefix()));
            for (RegionDef.GatewaySet g : List.of(r.gateways().pcoip(), r.gateways().dcv(), r.gateways().unassigned())) {
                values.addAll(g.ipv4());
                values.addAll(g.ipv6());
                values.addAll(g.aga());
            }
            for (String v : values) {
                String before = owner.put(v, r.code());
                if (before != null) {
                    fail(v + " is listed for both " + before + " and " + r.code());
                }
            }
        }
    }

    // ---- PCoIP ranges: S1's "first-last" ranges and the catalog's prefixes cover the same addresses ----

    record PcoipRanges(String name, String region, List<String> published) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<PcoipRanges> pcoipRanges() {
        Map<String, List<String>> s1 = new java.util.LinkedHashMap<>();
        s1.put("us-east-1", List.of("3.217.228.0-3.217.231.255", "3.235.112.0-3.235.119.255", "52.23.61.0-52.23.62.255"));
        s1.put("us-west-2", List.of("35.80.88.0-35.80.95.255", "44.234.54.0-44.234.55.255", "54.244.46.0-54.244.47.255"));
        s1.put("ap-south-1", List.of("13.126.243.0/24"));
        s1.put("ap-northeast-2", List.of("3.34.37.0/24", "3.34.38.0/23", "13.124.247.0/24"));
        s1.put("ap-southeast-1", List.of("18.141.152.0/24", "18.141.154.0/23", "52.76.127.0/24"));
        s1.put("ap-southeast-2", List.of("3.25.43.0/24", "3.25.44.0/23", "54.153.254.0/24"));
        s1.put("ap-northeast-1", List.of("18.180.178.0-18.180.178.255", "18.180.180.0-18.180.181.255", "54.250.251.0-54.250.251.255"));
        s1.put("ca-central-1", List.of("15.223.100.0/24", "15.223.102.0/23", "35.183.255.0/24"));
        s1.put("eu-central-1", List.of("18.156.52.0/24", "18.156.54.0/23", "52.59.127.0/24"));
        s1.put("eu-west-1", List.of("3.249.28.0/23", "52.19.124.0/23"));
        s1.put("eu-west-2", List.of("18.132.21.0/24", "18.132.22.0/23", "35.176.32.0/24"));
        s1.put("eu-west-3", List.of("51.44.204.0-51.44.207.255"));
        s1.put("sa-east-1", List.of("18.230.103.0/24", "18.230.104.0/23", "54.233.204.0/24"));
        s1.put("af-south-1", List.of("13.246.120.0-13.246.123.255"));
        s1.put("il-central-1", List.of("51.17.28.0-51.17.31.255"));
        s1.put("us-gov-west-1", List.of("52.61.193.0/24"));
        s1.put("us-gov-east-1", List.of("18.254.140.0-18.254.143.255"));
        return s1.entrySet().stream().map(e -> new PcoipRanges(
                e.getKey() + "'s PCoIP prefixes cover exactly S1's ranges", e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pcoipRanges")
    void pcoipPrefixesCoverExactlyThePublishedRanges(PcoipRanges c) {
        List<String> prefixes = CATALOG.region(c.region()).orElseThrow().gateways().pcoip().ipv4();
        assertEquals(merged(c.published()), merged(prefixes));
    }

    @Test
    void everyRegionWithAPcoipRangeIsInThePcoipTable() {
        Set<String> withPcoip = CATALOG.regions().values().stream().filter(r -> !r.gateways().pcoip().ipv4().isEmpty())
                .map(RegionDef::code).collect(Collectors.toSet());
        assertEquals(withPcoip, pcoipRanges().map(PcoipRanges::region).collect(Collectors.toSet()));
    }

    /** Turns "a-b" ranges and "a/n" prefixes into sorted, merged "first-last" IPv4 ranges. */
    static List<String> merged(List<String> ranges) {
        List<BigInteger[]> intervals = new ArrayList<>();
        for (String r : ranges) {
            if (r.contains("/")) {
                Cidr c = Cidr.parse(r);
                BigInteger first = new BigInteger(1, c.network());
                int hostBits = c.network().length * 8 - c.prefixLength();
                intervals.add(new BigInteger[] {first, first.add(BigInteger.ONE.shiftLeft(hostBits)).subtract(BigInteger.ONE)});
            } else {
                String[] ends = r.split("-");
                intervals.add(new BigInteger[] {address(ends[0]), address(ends[1])});
            }
        }
        intervals.sort(Comparator.comparing(i -> i[0]));
        List<BigInteger[]> joined = new ArrayList<>();
        for (BigInteger[] i : intervals) {
            BigInteger[] last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
            if (last != null && last[1].add(BigInteger.ONE).compareTo(i[0]) >= 0) {
                last[1] = last[1].max(i[1]);
            } else {
                joined.add(i.clone());
            }
        }
        return joined.stream().map(i -> dotted(i[0]) + "-" + dotted(i[1])).toList();
    }

    private static String dotted(BigInteger v) {
        long x = v.longValueExact();
        return (x >> 24 & 255) + "." + (x >> 16 & 255) + "." + (x >> 8 & 255) + "." + (x & 255);
    }

    private static BigInteger address(String literal) {
        try {
            // A literal (checked by Cidr.literal), so no DNS lookup happens.
            return new BigInteger(1, InetAddress.getByAddress(Cidr.literal(literal).orElseThrow()).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    // ---- helpers ----

    static List<String> resourceLines(String name) throws IOException {
        try (InputStream in = BuiltinCatalogTest.class.getResourceAsStream("/catalog/" + name)) {
            if (in == null) {
                throw new IOException("test resource /catalog/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /**
     * Compares with a golden file; on a difference, writes the actual lines under
     * target/golden/ so that {@code diff} shows what changed.
     */
    static void assertGolden(String name, List<String> actual) throws IOException {
        List<String> expected = resourceLines(name);
        if (!expected.equals(actual)) {
            Path out = Path.of("target", "golden", name);
            Files.createDirectories(out.getParent());
            Files.write(out, actual, StandardCharsets.UTF_8);
            assertEquals(String.join("\n", expected), String.join("\n", actual),
                    "differs from golden " + name + "; actual written to " + out.toAbsolutePath());
        }
    }
}
