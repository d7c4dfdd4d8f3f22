package dev.wscheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wscheck.testing.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for every output format of {@code wscheck requirements}, run through the real
 * command line for Tokyo with the project's own small ip-ranges fixture and an empty cache
 * directory. Regenerate with {@code mvn test -Dtest=RequirementsGoldenTest -Dwscheck.updateGolden=true}
 * and review the diff.
 */
class RequirementsGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final Path FIXTURE = Path.of("src/test/resources/ipranges/fixture-ip-ranges.json");

    record Case(String name, String file, List<String> args, boolean withRanges) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("table, English", "requirements-table.txt", List.of(), true),
                new Case("table, Japanese", "requirements-table.ja.txt", List.of("--lang", "ja"), true),
                new Case("table, verbose: every merged port-443 prefix", "requirements-table.verbose.txt", List.of("-v"), true),
                new Case("table without ip-ranges data", "requirements-table.noranges.txt", List.of(), false),
                new Case("JSON: the effective catalog with the ip-ranges additions", "requirements-json.json", List.of("--format", "json"), true),
                new Case("JSON without ip-ranges data stays as before", "requirements-json.noranges.json", List.of("--format", "json"), false),
                new Case("domains", "requirements-domains.txt", List.of("--format", "domains"), true),
                new Case("domains with IPv6 names", "requirements-domains.ipv6.txt", List.of("--format", "domains", "--ipv6"), true),
                new Case("markdown, English", "requirements-markdown.md", List.of("--format", "markdown"), true),
                new Case("markdown, Japanese", "requirements-markdown.ja.md", List.of("--format", "markdown", "--lang", "ja"), true),
                new Case("CSV", "requirements-csv.csv", List.of("--format", "csv"), true),
                new Case("squid fragment", "requirements-squid.conf", List.of("--format", "squid"), true),
                new Case("PAC file", "requirements-pac.pac", List.of("--format", "pac", "--pac-proxy", "proxy.example.com:3128"), true),
                new Case("nft sets, IPv4 and IPv6", "requirements-nft.ipv6.nft", List.of("--format", "nft", "--ipv6"), true),
                new Case("nft sets without ip-ranges data", "requirements-nft.noranges.nft", List.of("--format", "nft"), false),
                new Case("Windows Firewall script", "requirements-windows-firewall.ps1", List.of("--format", "windows-firewall"), true),
                new Case("Palo Alto EDL, streaming rules only", "requirements-paloalto-edl.txt", List.of("--format", "paloalto-edl", "--rule", "pcoip,dcv", "--ipv6"), true),
                new Case("FortiGate script", "requirements-fortigate.txt", List.of("--format", "fortigate", "--ipv6"), true),
                new Case("table for Osaka: gateways only in ip-ranges.json, derived names, no health-check host", "requirements-table.osaka.txt",
                        List.of("--region", "ap-northeast-3"), false),
                new Case("nft for Osaka: the unassigned gateways in both streaming rules", "requirements-nft.osaka.nft",
                        List.of("--region", "ap-northeast-3", "--format", "nft", "--ipv6"), false),
                new Case("table for Ningxia: what is covered and what is not", "requirements-table.ningxia.txt",
                        List.of("--region", "cn-northwest-1"), false),
                new Case("table for GovCloud West with --fips and --vpc-endpoint", "requirements-table.gov-west.fips-vpce.txt",
                        List.of("--region", "us-gov-west-1", "--fips", "--vpc-endpoint"), false),
                new Case("JSON for GovCloud East with --fips and --vpc-endpoint", "requirements-json.gov-east.fips-vpce.json",
                        List.of("--region", "us-gov-east-1", "--fips", "--vpc-endpoint", "--format", "json"), false),
                new Case("CSV for N. Virginia with --fips and --vpc-endpoint", "requirements-csv.us-east-1.fips-vpce.csv",
                        List.of("--region", "us-east-1", "--fips", "--vpc-endpoint", "--format", "csv"), false),
                new Case("table for Paris in Japanese: the errata", "requirements-table.paris.ja.txt",
                        List.of("--region", "eu-west-3", "--lang", "ja"), false),
                new Case("table for Osaka in Japanese: derived names, what is not published, the erratum", "requirements-table.osaka.ja.txt",
                        List.of("--region", "ap-northeast-3", "--lang", "ja"), false),
                new Case("markdown for Ningxia in Japanese", "requirements-markdown.ningxia.ja.md",
                        List.of("--region", "cn-northwest-1", "--format", "markdown", "--lang", "ja"), false),
                new Case("table for GovCloud West in Japanese", "requirements-table.gov-west.ja.txt",
                        List.of("--region", "us-gov-west-1", "--lang", "ja"), false));
    }

    /** Runs {@code wscheck requirements --region ap-northeast-1 ARGS}, with the fixture when asked, and an empty cache. */
    static CliRun run(Path emptyCache, boolean withRanges, List<String> args) {
        List<String> all = new ArrayList<>(List.of("requirements"));
        if (!args.contains("--region")) {
            all.addAll(List.of("--region", "ap-northeast-1"));
        }
        if (withRanges) {
            all.add("--ip-ranges");
            all.add(FIXTURE.toString());
        }
        all.addAll(args);
        return CliRun.of(Map.of("WSCHECK_CACHE_DIR", emptyCache.toString()), all.toArray(new String[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGolden(Case c, @org.junit.jupiter.api.io.TempDir Path cache) throws IOException {
        CliRun r = run(cache, c.withRanges(), c.args());
        assertEquals(0, r.exit(), r.err());
        String actual = r.out().replace("\r\n", "\n");
        Path file = GOLDEN.resolve(c.file());
        if (Boolean.getBoolean("wscheck.updateGolden") || !Files.exists(file)) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "differs from " + file);
    }
}
