package dev.wscheck.engine;

import dev.wscheck.catalog.ProxyPolicy;
import dev.wscheck.net.DirectTransport;
import dev.wscheck.net.Transport;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.Target;

/**
 * Chooses the transport for a check the way the WorkSpaces client would route that traffic:
 * HTTPS through the proxy the PC uses (per URL, when a PAC file decides), DCV TCP 4195 through an
 * HTTP proxy only when modelling a client that does that, UDP, PCoIP and latency never. DNS, UDP
 * and latency probes are always direct.
 */
public interface Routing {
    Transport transportFor(ProxyPolicy policy, ProbeKind probe, Target target);

    /** Every connection direct (--proxy none, or no proxy configured). */
    static Routing direct() {
        return (policy, probe, target) -> DirectTransport.INSTANCE;
    }
}
