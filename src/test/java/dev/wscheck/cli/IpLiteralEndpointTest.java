package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wscheck.fixtures.DnsFixture;
import dev.wscheck.fixtures.TcpFixture;
import dev.wscheck.fixtures.UdpFixture;
import dev.wscheck.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IP-literal endpoints need no DNS step: the literal is the address every later step connects to.
 * A named endpoint whose probes omit dns would have no address, so the loader refuses it.
 */
class IpLiteralEndpointTest {
    @TempDir
    Path tmp;

    static final String LITERALS = TestCatalogs.HEAD + """
            requirements:
              - {id: pcoip-streaming-tcp, category: streaming, title: "TCP to a literal", protocol: pcoip, proxy: never, probes: [tcp], endpoints: ["tcp://127.0.0.1:${ACCEPT}"], source: T}
              - {id: pcoip-streaming-udp, category: streaming, title: "UDP to a literal", protocol: pcoip, proxy: never, probes: [udp], endpoints: ["udp://127.0.0.1:${UDPECHO}"], source: T}
              - {id: pcoip-latency, category: streaming, title: "RTT to a literal", protocol: pcoip, proxy: never, probes: [latency], endpoints: ["tcp://127.0.0.1:${ACCEPT}"], source: T}
              - {id: refused, category: streaming, title: "refused literal", protocol: pcoip, proxy: never, probes: [tcp], endpoints: ["tcp://127.0.0.1:${REFUSED}"], source: T}
            """;

    @Test
    void everyProbeOfAnIpLiteralEndpointConnectsToTheLiteral() throws Exception {
        try (DnsFixture dns = DnsFixture.start(); TcpFixture accept = TcpFixture.accepting(); TcpFixture refused = TcpFixture.refusing();
                UdpFixture udp = UdpFixture.echo()) {
            Path catalog = TestCatalogs.write(tmp.resolve("literals.yaml"), LITERALS, Map.of("ACCEPT", Integer.toString(accept.port()),
                    "UDPECHO", Integer.toString(udp.port()), "REFUSED", Integer.toString(refused.port())));
            CliRun r = CliRun.of("check", "--region", "ap-northeast-1", "--catalog", catalog.toString(), "--format", "json",
                    "--dns-server", "127.0.0.1:" + dns.address().getPort(), "--timeout", "3s", "--samples", "3");
            JsonNode report = new ObjectMapper().readTree(r.out());
            Map<String, String> expected = Map.of("pcoip-streaming-tcp", "ok", "pcoip-streaming-udp", "udp-reply", "pcoip-latency", "ok",
                    "refused", "tcp-refused");
            for (JsonNode q : report.path("requirements")) {
                JsonNode check = q.path("checks").get(0);
                assertEquals(1, q.path("checks").size(), q.path("id") + ": no DNS step for a literal");
                assertEquals(expected.get(q.path("id").asText()), check.path("outcome").asText(), q.toString());
                assertEquals("127.0.0.1", check.path("address").asText(), q.toString());
            }
            assertEquals(2, r.exit(), "the refused literal fails the run: " + r.err());
            assertTrue(dns.queries().isEmpty(), "no DNS query for a literal: " + dns.queries());
        }
    }

    record Invalid(String name, String requirement, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Invalid> namesWithoutDns() {
        return Stream.of(
                new Invalid("a TCP endpoint with a host name and no dns probe is refused at load",
                        "{id: x, category: c, title: t, protocol: pcoip, proxy: never, probes: [tcp], endpoints: [\"tcp://drp.wscheck.test:4172\"], source: T}",
                        "requirements[0] (x).probes: endpoint 'tcp://drp.wscheck.test:4172' names a host, so its probes must include dns "
                                + "(or use an IP literal such as tcp://198.18.2.7:4172)"),
                new Invalid("a templated host without dns is refused at load",
                        "{id: y, category: c, title: t, protocol: pcoip, proxy: never, probes: [udp], endpoints: [\"udp://{healthCheckHost}:4172\"], source: T}",
                        "requirements[0] (y).probes: endpoint 'udp://{healthCheckHost}:4172' names a host, so its probes must include dns "
                                + "(or use an IP literal such as tcp://198.18.2.7:4172)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namesWithoutDns")
    void aNamedEndpointWithoutDnsIsOneLineAndExit3(Invalid c) throws Exception {
        Path catalog = tmp.resolve("bad.yaml");
        Files.writeString(catalog, TestCatalogs.HEAD + "requirements:\n  - " + c.requirement() + "\n");
        CliRun r = CliRun.of("check", "--region", "ap-northeast-1", "--catalog", catalog.toString(), "--dns-server", "127.0.0.1:9");
        assertEquals(3, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        assertEquals("wscheck: --catalog " + catalog + ": " + c.problem(), r.errLines()[0]);
        assertFalse(r.out().contains("requirement"), "nothing ran");
    }
}
