package dev.wscheck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Test-only catalogs that point at loopback fixtures; {@code ${NAME}} placeholders take fixture ports. */
final class TestCatalogs {
    private TestCatalogs() {}

    /** The schema's required parts (sources, protocols, a public root) around the given requirements. */
    static final String HEAD = """
            schemaVersion: 1
            version: "test"
            # The fixtures listen on 127.0.0.1: loopback answers are expected, not sinkholes.
            expectPrivateAddresses: true
            sources:
              T: {title: "test fixtures", url: "https://example.invalid/", date: "2026-11-28"}
            protocols:
              pcoip: {title: PCoIP, latency: {high: 100ms, critical: 375ms}, source: T}
              dcv: {title: DCV, latency: {high: 250ms, critical: 400ms}, source: T}
            publicRoots:
              - {name: "placeholder, replaced by --public-roots", spkiSha256: "0000000000000000000000000000000000000000000000000000000000000000"}
            regions:
              ap-northeast-1:
                name: "Test Tokyo"
                airport: nrt
                source: T
                healthCheck: {host: drp.wscheck.test}
                gateways:
                  pcoip: {ipv4: [198.18.2.0/24]}
            """;

    /** Every kind of outcome the end-to-end test asserts, one requirement each. */
    static final String LOOPBACK = HEAD + """
            requirements:
              - {id: session-broker, category: broker, title: "Genuine broker", protocol: any, probes: [dns, tcp, tls, https], endpoints: ["https://broker.wscheck.test:${BROKER}/"], source: T}
              - {id: ws-broker, category: broker, title: "Ping", protocol: any, probes: [dns, tcp, tls, https], endpoints: ["https://ws.wscheck.test:${WS}/ping"], expect: {status: 200, bodyContains: healthy}, source: T}
              - {id: unexpected-ca, category: api, title: "Unexpected CA", protocol: any, probes: [dns, tcp, tls, https], endpoints: ["https://untrusted.wscheck.test:${UNTRUSTED}/"], source: T}
              - {id: inspected, category: api, title: "Inspected", protocol: any, probes: [dns, tcp, tls, https], endpoints: ["https://inspected.wscheck.test:${INSPECTED}/"], source: T}
              - {id: gone, category: api, title: "NXDOMAIN", protocol: any, probes: [dns, tcp, tls, https], endpoints: ["https://gone.wscheck.test/"], source: T}
              - {id: pcoip-streaming-tcp, category: streaming, title: "PCoIP TCP", protocol: pcoip, proxy: never, probes: [dns, tcp], endpoints: ["tcp://drp.wscheck.test:${REFUSED}"], source: T}
              - {id: pcoip-streaming-udp, category: streaming, title: "PCoIP UDP", protocol: pcoip, proxy: never, probes: [dns, udp], endpoints: ["udp://drp.wscheck.test:${UDPSILENT}"], rule: {udpFallback: pcoip-streaming-tcp}, source: T}
              - {id: dcv-streaming-tcp, category: streaming, title: "DCV TCP", protocol: dcv, proxy: optional, probes: [dns, tcp], endpoints: ["tcp://drp.wscheck.test:${BLACKHOLE}"], source: T}
              - {id: dcv-streaming-udp, category: streaming, title: "DCV UDP", protocol: dcv, proxy: never, probes: [dns, udp], endpoints: ["udp://drp.wscheck.test:${UDPECHO}"], source: T}
              - {id: dcv-latency, category: streaming, title: "DCV RTT", protocol: dcv, proxy: never, probes: [dns, latency], endpoints: ["tcp://drp.wscheck.test:${ACCEPT}"], source: T}
              - {id: pcoip-latency-slow, category: streaming, title: "optional, refused", protocol: pcoip, importance: optional, proxy: never, probes: [dns, latency], endpoints: ["tcp://drp.wscheck.test:${REFUSED}"], source: T}
            """;

    /** Names with several addresses (issue 13): some dead, one listening; and one whose every address is dead. */
    static final String MULTI = HEAD + """
            requirements:
              - {id: multi-tcp, category: streaming, title: "Several addresses, one listening", protocol: dcv, proxy: never, probes: [dns, tcp], endpoints: ["tcp://multi.wscheck.test:${ACCEPT}"], source: T}
              - {id: dead-tcp, category: streaming, title: "Several addresses, none listening", protocol: pcoip, proxy: never, probes: [dns, tcp], endpoints: ["tcp://dead.wscheck.test:${ACCEPT}"], source: T}
            """;

    /**
     * The IPv6 path (issue 13): each requirement has an IPv6 name, and the region an IPv6 health-check
     * host, that the test's DNS fixture answers with AAAA ::1 (or A only, for nov6).
     */
    static final String IPV6 = HEAD.replace("healthCheck: {host: drp.wscheck.test}", "healthCheck: {host: drp.wscheck.test, ipv6Host: drp6.wscheck.test}") + """
            requirements:
              - {id: session-broker, category: broker, title: "Broker, IPv6 name works", protocol: any, probes: [dns, tcp, tls, https], endpoints: ["https://broker.wscheck.test:${BROKER}/ping"], ipv6Endpoints: ["https://broker6.wscheck.test:${BROKER6}/"], expect: {status: 200, bodyContains: healthy}, source: T}
              - {id: ws-broker, category: broker, title: "Broker, IPv6 name without AAAA", protocol: any, probes: [dns, tcp, tls, https], endpoints: ["https://broker.wscheck.test:${BROKER}/"], ipv6Endpoints: ["https://nov6.wscheck.test:${BROKER6}/"], source: T}
              - {id: pcoip-streaming-tcp, category: streaming, title: "PCoIP TCP, nothing listens on the IPv6 host", protocol: pcoip, proxy: never, probes: [dns, tcp], endpoints: ["tcp://{healthCheckHost}:${ACCEPT}"], source: T}
            """;

    /** Every target silent: DNS answers, but TCP is black-holed, TLS never answers, UDP never replies. */
    static final String SILENT = HEAD + """
            requirements:
              - {id: https-silent, category: api, title: "TLS never answers", protocol: any, probes: [dns, tcp, tls, https], endpoints: ["https://broker.wscheck.test:${TLSSILENT}/"], source: T}
              - {id: tcp-silent, category: streaming, title: "TCP black hole", protocol: pcoip, proxy: never, probes: [dns, tcp], endpoints: ["tcp://drp.wscheck.test:${BLACKHOLE}"], source: T}
              - {id: udp-silent, category: streaming, title: "UDP silent", protocol: pcoip, proxy: never, probes: [dns, udp], endpoints: ["udp://drp.wscheck.test:${UDPSILENT}"], source: T}
              - {id: latency-silent, category: streaming, title: "RTT to a black hole", protocol: dcv, proxy: never, probes: [dns, latency], endpoints: ["tcp://drp.wscheck.test:${BLACKHOLE}"], source: T}
              - {id: tls-silent-2, category: api, title: "another silent TLS", protocol: any, probes: [dns, tcp, tls, https], endpoints: ["https://ws.wscheck.test:${TLSSILENT}/x"], source: T}
            """;

    /**
     * For proxy tests: three HTTPS requirements (one whose name the local DNS does not know, so
     * only a proxy can reach it), DCV TCP (proxy optional) and PCoIP TCP (never proxied).
     */
    static final String PROXY = HEAD + """
            requirements:
              - {id: session-broker, category: broker, title: "Broker", protocol: any, probes: [dns, tcp, tls, https], endpoints: ["https://broker.wscheck.test:${BROKER}/"], source: T}
              - {id: ws-broker, category: broker, title: "Ping", protocol: any, probes: [dns, tcp, tls, https], endpoints: ["https://ws.wscheck.test:${WS}/ping"], expect: {status: 200, bodyContains: healthy}, source: T}
              - {id: proxy-only, category: api, title: "Only the proxy resolves this", protocol: any, probes: [dns, tcp, tls, https], endpoints: ["https://hidden.wscheck.test:${HIDDEN}/"], source: T}
              - {id: dcv-streaming-tcp, category: streaming, title: "DCV TCP", protocol: dcv, proxy: optional, probes: [dns, tcp], endpoints: ["tcp://drp.wscheck.test:${ACCEPT}"], source: T}
              - {id: pcoip-streaming-tcp, category: streaming, title: "PCoIP TCP", protocol: pcoip, proxy: never, probes: [dns, tcp], endpoints: ["tcp://drp.wscheck.test:${ACCEPT}"], source: T}
            """;

    static Path write(Path file, String template, Map<String, String> ports) throws IOException {
        String text = template;
        for (Map.Entry<String, String> e : ports.entrySet()) {
            text = text.replace("${" + e.getKey() + "}", e.getValue());
        }
        if (text.contains("${")) {
            throw new IllegalArgumentException("unfilled placeholder in test catalog: " + text.substring(text.indexOf("${"), text.indexOf("${") + 20));
        }
        return Files.writeString(file, text);
    }
}
