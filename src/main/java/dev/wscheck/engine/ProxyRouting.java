package dev.wscheck.engine;

import dev.wscheck.catalog.ProxyPolicy;
import dev.wscheck.net.DirectTransport;
import dev.wscheck.net.HttpConnectTransport;
import dev.wscheck.net.NameResolver;
import dev.wscheck.net.ProxyCredentials;
import dev.wscheck.net.ProxyEndpoint;
import dev.wscheck.net.Socks5Transport;
import dev.wscheck.net.Transport;
import dev.wscheck.net.proxy.ProxySelection;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.Target;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routing with a proxy configuration, per traffic class (docs/proxies.md):
 * <ul>
 *   <li>DNS, UDP and latency checks: direct, always (the client never proxies UDP; RTT is
 *       measured on the path the streaming traffic takes);</li>
 *   <li>requirements whose traffic never uses a proxy (PCoIP 4172, UDP): direct;</li>
 *   <li>HTTPS requirements: the proxy the selection decides for the endpoint's URL (bypass list,
 *       PAC, fixed proxy), or direct;</li>
 *   <li>DCV TCP 4195 (proxy policy "optional"): through the proxy only with {@code --dcv-proxy},
 *       and only through an HTTP proxy (the clients that do this speak HTTP CONNECT).</li>
 * </ul>
 * A URL is decided as {@code https://host[:port]/}, without its path (as browsers pass https
 * URLs to a PAC), so that the TCP, TLS and HTTPS steps of one endpoint take the same route.
 */
public final class ProxyRouting implements Routing {
    private final ProxySelection selection;
    private final Optional<ProxyCredentials> credentials;
    private final NameResolver resolver;
    private final String userAgent;
    private final boolean dcvProxy;
    private final Map<ProxyEndpoint, Transport> transports = new ConcurrentHashMap<>();

    public ProxyRouting(ProxySelection selection, Optional<ProxyCredentials> credentials, NameResolver resolver, String userAgent,
                        boolean dcvProxy) {
        this.selection = selection;
        this.credentials = credentials;
        this.resolver = resolver;
        this.userAgent = userAgent;
        this.dcvProxy = dcvProxy;
    }

    @Override
    public Transport transportFor(ProxyPolicy policy, ProbeKind probe, Target target) {
        if (probe == ProbeKind.DNS || probe == ProbeKind.UDP || probe == ProbeKind.LATENCY || policy == ProxyPolicy.NEVER) {
            return DirectTransport.INSTANCE;
        }
        if (policy == ProxyPolicy.OPTIONAL && !dcvProxy) {
            return DirectTransport.INSTANCE;
        }
        Optional<ProxyEndpoint> proxy = selection.decide(urlOf(target), target.host()).proxy();
        if (proxy.isEmpty()) {
            return DirectTransport.INSTANCE;
        }
        if (policy == ProxyPolicy.OPTIONAL && proxy.get().kind() != ProxyEndpoint.Kind.HTTP) {
            return DirectTransport.INSTANCE;
        }
        return transports.computeIfAbsent(proxy.get(), this::transport);
    }

    /** The URL a PAC file is asked about: {@code https://host[:port]/}. */
    public static String urlOf(Target target) {
        String h = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
        return "https://" + h + (target.port() == 443 ? "" : ":" + target.port()) + "/";
    }

    private Transport transport(ProxyEndpoint p) {
        return p.kind() == ProxyEndpoint.Kind.HTTP
                ? new HttpConnectTransport(p, credentials, resolver, userAgent)
                : new Socks5Transport(p, credentials, resolver);
    }
}
