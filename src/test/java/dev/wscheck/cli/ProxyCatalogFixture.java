package dev.wscheck.cli;

import dev.wscheck.fixtures.DnsFixture;
import dev.wscheck.fixtures.FixtureSet;
import dev.wscheck.fixtures.TcpFixture;
import dev.wscheck.fixtures.TestCertificates;
import dev.wscheck.fixtures.TlsFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoints of {@link TestCatalogs#PROXY} on loopback, for the tests that run a check through
 * a proxy: genuine-chain TLS stand-ins for broker, ws ({@code /ping} says "healthy") and hidden, an
 * accepting TCP port for the streaming checks, a DNS fixture that answers their names, the catalog
 * written with those ports and the genuine root as a PEM file. Everything started is kept in the
 * caller's {@link FixtureSet}.
 *
 * @param dns     the local resolver ({@code --dns-server 127.0.0.1:PORT})
 * @param ports   the placeholders filled in the catalog (BROKER, WS, HIDDEN, ACCEPT)
 * @param catalog the written catalog ({@code --catalog})
 * @param root    the genuine test root ({@code --trust}, {@code --public-roots})
 */
record ProxyCatalogFixture(DnsFixture dns, Map<String, String> ports, Path catalog, Path root) {
    /** Whether the local DNS knows the hidden name; where it does not (NXDOMAIN), only a proxy can reach it. */
    enum Hidden { RESOLVES, PROXY_ONLY }

    static ProxyCatalogFixture start(FixtureSet fixtures, Path dir, Hidden hidden) throws IOException {
        DnsFixture dns = fixtures.keep(DnsFixture.start());
        for (String host : List.of("broker.wscheck.test", "ws.wscheck.test", "drp.wscheck.test")) {
            dns.answer(host, "127.0.0.1");
        }
        if (hidden == Hidden.RESOLVES) {
            dns.answer("hidden.wscheck.test", "127.0.0.1");
        } else {
            dns.nxdomain("hidden.wscheck.test");
        }
        Map<String, String> ports = new HashMap<>();
        ports.put("BROKER", Integer.toString(fixtures.keep(TlsFixture.genuine("broker.wscheck.test", "ok")).port()));
        ports.put("WS", Integer.toString(fixtures.keep(TlsFixture.genuine("ws.wscheck.test", "healthy")).port()));
        ports.put("HIDDEN", Integer.toString(fixtures.keep(TlsFixture.genuine("hidden.wscheck.test", "ok")).port()));
        ports.put("ACCEPT", Integer.toString(fixtures.keep(TcpFixture.accepting()).port()));
        Path catalog = TestCatalogs.write(dir.resolve("proxy-catalog.yaml"), TestCatalogs.PROXY, ports);
        Path root = Files.writeString(dir.resolve("root.pem"), TestCertificates.GENUINE_ROOT.certificatePem());
        return new ProxyCatalogFixture(dns, Map.copyOf(ports), catalog, root);
    }
}
