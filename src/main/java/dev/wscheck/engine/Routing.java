package dev.wscheck.engine;

import dev.wscheck.catalog.ProxyPolicy;
import dev.wscheck.net.DirectTransport;
import dev.wscheck.net.Transport;
import dev.wscheck.probe.ProbeKind;

/**
 * Chooses the transport for a check the way the WorkSpaces client would route that traffic:
 * HTTPS through the proxy the PC uses, UDP and PCoIP never. UDP probes do not use a transport
 * at all; they are always direct.
 */
public interface Routing {
    Transport transportFor(ProxyPolicy policy, ProbeKind probe);

    /** Every connection direct (--proxy none, or no proxy configured). */
    static Routing direct() {
        return (policy, probe) -> DirectTransport.INSTANCE;
    }
}
