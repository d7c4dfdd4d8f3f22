package dev.wscheck.probe.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.engine.SharedResources;
import dev.wscheck.fixtures.HttpProxyFixture;
import dev.wscheck.net.DnsServers;
import dev.wscheck.net.HttpConnectTransport;
import dev.wscheck.net.NameResolver;
import dev.wscheck.net.ProxyEndpoint;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.probe.ProbeContext;
import dev.wscheck.probe.tls.TlsEvidence.RevocationEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: through an HTTP proxy the revocation check asked for a CONNECT tunnel to port 80, which
 * squid refuses by default (SSL_ports), and so reported a reachable CRL as unreachable. Clients
 * fetch plain-HTTP URLs with a proxied GET; so does the check now.
 */
class RevocationThroughProxyTest {
    @Test
    void aCrlIsFetchedWithAPlainProxiedRequestNotAConnectTunnelToPort80() throws Exception {
        try (HttpProxyFixture proxy = HttpProxyFixture.portsOnly(java.util.Set.of(443));
                SharedResources res = new SharedResources(new DnsServers(List.of(), "explicit"), new TrustSettings(List.of(), List.of(), "test"),
                        1, Duration.ZERO, false)) {
            ProxyEndpoint endpoint = ProxyEndpoint.parse("http://127.0.0.1:" + proxy.port(), true);
            HttpConnectTransport http = new HttpConnectTransport(endpoint, Optional.empty(), NameResolver.dnsjava(res.dnsServers()), "wscheck-test");
            ProbeContext ctx = new ProbeContext(Duration.ofSeconds(2), Optional.empty(), http, res);
            String crl = "http://crl.rootca1.wscheck.test/rootca1.crl";
            List<RevocationEndpoint> out = RevocationCheck.check(List.of(new RevocationUrls.Url("crl", crl)), ctx,
                    System.nanoTime() + Duration.ofSeconds(2).toNanos());
            assertEquals(RevocationEndpoint.REACHABLE, out.get(0).status(), out.toString());
            assertTrue(proxy.heads().get(0).startsWith("HEAD " + crl + " HTTP/1.1"), proxy.heads().toString());
        }
    }
}
