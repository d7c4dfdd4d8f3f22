package dev.wscheck.serve;

import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.fixtures.DnsFixture;
import dev.wscheck.fixtures.FixtureSet;
import dev.wscheck.fixtures.TcpFixture;
import dev.wscheck.fixtures.TestCertificates;
import dev.wscheck.fixtures.TlsFixture;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.proxy.ProxyConfig;
import dev.wscheck.run.ProxySetup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tiny test catalog against loopback fixtures, for the exporter's tests: a genuine HTTPS broker,
 * an accepting TCP port with latency samples, and a black-holed port (only when asked for with
 * only=slow). Nothing leaves 127.0.0.1: names resolve through the DNS fixture.
 */
final class ServeFixtures implements AutoCloseable {
    static final String REGION = "ap-northeast-1";

    private final FixtureSet open = new FixtureSet();
    final Catalog catalog;
    final DnsFixture dns;

    ServeFixtures(Path dir) throws IOException {
        dns = keep(DnsFixture.start());
        dns.answer("broker.wscheck.test", "127.0.0.1");
        dns.answer("drp.wscheck.test", "127.0.0.1");
        javax.net.ssl.SSLContext brokerTls = TestCertificates.serving(
                TestCertificates.leaf("broker.wscheck.test", TestCertificates.GENUINE_INTERMEDIATE), TestCertificates.GENUINE_INTERMEDIATE);
        // The fixture's server-side session cache would otherwise keep every session of a 1,000-probe test in this heap.
        brokerTls.getServerSessionContext().setSessionCacheSize(8);
        TlsFixture broker = keep(TlsFixture.answering(brokerTls));
        TcpFixture accepting = keep(TcpFixture.accepting());
        TcpFixture blackHoled = keep(TcpFixture.blackHoled());
        String text = """
                schemaVersion: 1
                version: "serve-test"
                expectPrivateAddresses: true
                sources:
                  T: {title: "test fixtures", url: "https://example.invalid/", date: "2026-11-28"}
                protocols:
                  pcoip: {title: PCoIP, latency: {high: 100ms, critical: 375ms}, source: T}
                  dcv: {title: DCV, latency: {high: 250ms, critical: 400ms}, source: T}
                publicRoots:
                  - {name: "placeholder", spkiSha256: "0000000000000000000000000000000000000000000000000000000000000000"}
                regions:
                  ap-northeast-1:
                    name: "Test Tokyo"
                    airport: nrt
                    source: T
                    healthCheck: {host: drp.wscheck.test}
                    gateways:
                      pcoip: {ipv4: [198.18.2.0/24]}
                requirements:
                  - {id: session-broker, category: broker, title: "Broker", protocol: any, probes: [dns, tcp, tls, https], endpoints: ["https://broker.wscheck.test:BROKER/"], source: T}
                  - {id: pcoip-streaming-tcp, category: streaming, title: "PCoIP TCP", protocol: pcoip, proxy: never, probes: [dns, tcp], endpoints: ["tcp://drp.wscheck.test:ACCEPT"], source: T}
                  - {id: dcv-latency, category: streaming, title: "DCV RTT", protocol: dcv, proxy: never, probes: [dns, latency], endpoints: ["tcp://drp.wscheck.test:ACCEPT"], source: T}
                  - {id: slow, category: slow, title: "black hole", protocol: dcv, importance: optional, proxy: never, probes: [dns, tcp], endpoints: ["tcp://drp.wscheck.test:BLACKHOLE"], source: T}
                """.replace("BROKER", Integer.toString(broker.port())).replace("ACCEPT", Integer.toString(accepting.port()))
                .replace("BLACKHOLE", Integer.toString(blackHoled.port()));
        catalog = CatalogLoader.fromFile(Files.writeString(dir.resolve("serve-catalog.yaml"), text));
    }

    private <T extends AutoCloseable> T keep(T t) {
        return open.keep(t);
    }

    /** serve's defaults with this catalog: no proxy, the DNS fixture, the test roots, 1 latency sample. */
    ProbeDefaults defaults(Duration timeout, Duration deadline) {
        return new ProbeDefaults(catalog, new ProxySetup.Found(ProxyConfig.none("--proxy none", List.of()), List.of()), Optional.empty(),
                false, new DnsServers(List.of(dns.address()), "explicit"), Optional.empty(), TestCertificates.settings(TestCertificates.GENUINE_ROOT), timeout, deadline,
                1, false, Map.of());
    }

    static ServeSettings loopback(int maxProbes, int keep) {
        return new ServeSettings(new InetSocketAddress("127.0.0.1", 0), maxProbes, keep);
    }

    @Override
    public void close() throws Exception {
        open.close();
    }
}
