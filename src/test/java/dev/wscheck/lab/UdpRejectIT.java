package dev.wscheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The UDP probe against the ICMP answers a router or firewall gives (docs/probes-udp-latency.md):
 * the lab's router rejects UDP 4172 to the health-check stand-in with one ICMP type after another
 * (a table of this test's own, gone with the lab), and wscheck in the client namespace reports
 * each as the contract says. Loopback cannot produce these: the ICMP must come from a router.
 */
@Tag("lab")
class UdpRejectIT {
    private static final String ROUTER = "wscl-router";
    private static boolean locked;
    private static String labCa;

    record Case(String name, String icmpType, String outcome) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("ICMP host-prohibited (firewalld's reject): udp-unreachable", "host-prohibited", "udp-unreachable"),
                new Case("ICMP admin-prohibited (packet filtered): udp-unreachable", "admin-prohibited", "udp-unreachable"),
                new Case("ICMP net-prohibited: udp-unreachable", "net-prohibited", "udp-unreachable"),
                new Case("ICMP port-unreachable: udp-port-unreachable", "port-unreachable", "udp-port-unreachable"),
                // A soft error: Linux hands it to a UDP socket only with IP_RECVERR, which Java cannot set.
                new Case("ICMP host-unreachable on Linux: udp-no-reply (inconclusive, never a false fail)", "host-unreachable", "udp-no-reply"));
    }

    @BeforeAll
    static void labUp() throws Exception {
        Optional<String> why = Lab.whyNot();
        if (why.isPresent()) {
            System.err.println("wscheck UDP reject scenarios skipped: " + why.get());
            Assumptions.abort(why.get());
        }
        locked = Lab.lock(600);
        if (!locked) {
            System.err.println("wscheck UDP reject scenarios skipped: the lab is in use (/tmp/wscheck-lab.owner exists)");
            Assumptions.abort("the lab is in use");
        }
        Lab.Result up = Lab.lab("up");
        assertEquals(0, up.exit(), "scripts/lab up failed:\n" + up.out() + up.err());
        labCa = Lab.lab("ca", "--lab").out().trim().split("\n")[0];
        nft("add", "table", "inet", "wscl_udp_reject");
        nft("add", "chain", "inet", "wscl_udp_reject", "f", "{ type filter hook forward priority -10 ; }");
    }

    @AfterAll
    static void labDown() throws Exception {
        if (locked) {
            try {
                Lab.Result down = Lab.lab("down");
                assertEquals(0, down.exit(), "scripts/lab down failed:\n" + down.out() + down.err());
            } finally {
                Lab.unlock();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheIcmpAnswer(Case c) throws Exception {
        nft("flush", "chain", "inet", "wscl_udp_reject", "f");
        nft("add", "rule", "inet", "wscl_udp_reject", "f", "ip", "daddr", "198.18.2.20", "udp", "dport", "4172",
                "reject", "with", "icmp", "type", c.icmpType());

        Lab.Result r = Lab.wscheck(List.of(), List.of("check", "--region", "ap-northeast-1", "--trust", labCa, "--public-roots", labCa,
                "--only", "pcoip-streaming-udp", "--format", "json", "--timeout", "2000ms"));

        JsonNode report = new ObjectMapper().readTree(r.out());
        JsonNode udp = null;
        for (JsonNode req : report.path("requirements")) {
            for (JsonNode check : req.path("checks")) {
                // The IPv4 path the rule rejects; the IPv6 health-check host (role ipv6-path) is not filtered here.
                if (check.path("probe").asText().equals("udp") && !check.path("role").asText().equals("ipv6-path")) {
                    udp = check;
                }
            }
        }
        assertTrue(udp != null, "no udp check in:\n" + r.out() + r.err());
        assertEquals(c.outcome(), udp.path("outcome").asText(), udp.toString());
        assertTrue(udp.path("durationMs").asLong() < 2000 + 1500, udp.toString());
    }

    private static void nft(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("ip", "netns", "exec", ROUTER, "nft"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }
}
