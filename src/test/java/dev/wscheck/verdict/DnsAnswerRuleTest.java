package dev.wscheck.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.catalog.IpRanges;
import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.catalog.Planner;
import dev.wscheck.engine.RunResult;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.testing.ScriptedRun;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The DNS-answer rule as a table: which answers for which names are flagged, and how. */
class DnsAnswerRuleTest {
    static final IpRanges RANGES = IpRanges.load("fixture", Path.of("src/test/resources/ipranges/fixture-ip-ranges.json"));

    record Case(String name, String host, String address, Optional<Status> status) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Optional<Status> none = Optional.empty();
        return Stream.of(
                new Case("the health-check host in a published range is fine", "drp-nrt.amazonworkspaces.com", "54.64.174.128", none),
                new Case("a CloudFront host in a GLOBAL range is fine", "d2td7dqidlhjx7.cloudfront.net", "13.224.10.20", none),
                new Case("an IPv6 answer in a published range is fine", "ws-broker-service.ap-northeast-1.api.aws", "2406:da14::53", none),
                new Case("a public address outside every AWS range warns", "ws-broker-service.ap-northeast-1.amazonaws.com", "203.0.113.7", Optional.of(Status.WARN)),
                new Case("an IPv6 address outside every AWS range warns", "workspaces.ap-northeast-1.api.aws", "2001:db8::7", Optional.of(Status.WARN)),
                new Case("a private answer is sinkholed", "drp-nrt.amazonworkspaces.com", "10.1.2.3", Optional.of(Status.FAIL)),
                new Case("0.0.0.0 is sinkholed", "connectivity.amazonworkspaces.com", "0.0.0.0", Optional.of(Status.FAIL)),
                new Case("loopback is sinkholed", "s3.amazonaws.com", "127.0.0.1", Optional.of(Status.FAIL)),
                new Case("an IPv6 unique-local answer is sinkholed", "skylight-cm.ap-northeast-1.api.aws", "fd00::1", Optional.of(Status.FAIL)),
                new Case("a carrier-grade NAT answer is sinkholed", "ap-northeast-1.signin.aws", "100.64.1.1", Optional.of(Status.FAIL)),
                new Case("a name with a trailing dot is still an AWS name", "drp-nrt.amazonworkspaces.com.", "203.0.113.7", Optional.of(Status.WARN)),
                new Case("an amazon.com name is not judged (Amazon's retail network is not all published)", "fls-na.amazon.com", "203.0.113.7", none),
                new Case("a look-alike zone is not judged", "drp-nrt.amazonworkspaces.com.example.net", "203.0.113.7", none));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges(Case c) throws Exception {
        InetAddress a = InetAddress.getByAddress(dev.wscheck.catalog.Cidr.literal(c.address()).orElseThrow());
        Optional<DnsAnswerRule.Judgement> j = DnsAnswerRule.judge(c.host(), a, RANGES);
        assertEquals(c.status(), j.map(DnsAnswerRule.Judgement::status));
        j.ifPresent(x -> {
            assertEquals(Outcome.DNS_SINKHOLED, x.outcome());
            assertTrue(x.detail().startsWith(c.host() + " resolves to " + a.getHostAddress()), x.detail());
        });
    }

    @Test
    void theEvaluatorRefinesOnlyDnsChecksOfAwsNamesAndOnlyWithRanges() {
        Plan plan = Planner.plan(CatalogLoader.builtin(), "ap-northeast-1", List.of("pcoip", "dcv"), Optional.empty(), List.of(), List.of());
        // The scripted run answers every name with 198.18.2.10, which no AWS range holds.
        RunResult run = ScriptedRun.of(plan, List.of());
        List<RequirementVerdict> without = Evaluator.evaluate(plan, run);
        List<RequirementVerdict> with = Evaluator.evaluate(plan, run, Optional.of(RANGES));
        assertEquals(Status.PASS, status(without, "session-broker"));
        assertEquals(Status.WARN, status(with, "session-broker"));
        CheckVerdict dns = with.stream().filter(v -> v.requirement().id().equals("session-broker")).findFirst().orElseThrow()
                .checks().stream().filter(c -> c.check().spec().probe() == ProbeKind.DNS).findFirst().orElseThrow();
        assertEquals(Outcome.DNS_SINKHOLED, dns.outcome());
        assertTrue(dns.detail().contains("lies in no range AWS publishes (ip-ranges.json createDate 2026-08-01-12-00-00)"), dns.detail());
        assertEquals(Status.PASS, status(with, "log-service"), "fls-na.amazon.com is not judged");
    }

    private static Status status(List<RequirementVerdict> verdicts, String id) {
        return verdicts.stream().filter(v -> v.requirement().id().equals(id)).findFirst().orElseThrow().status();
    }
}
