package dev.wscheck.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

/**
 * The one seam through which every TCP connection is made (direct, through an HTTP CONNECT
 * proxy, through SOCKS5), so that proxies apply to probes without the probes knowing.
 *
 * <p>Contract: {@link #connect} returns a connected, blocking socket whose read timeout is set to
 * {@code timeout}; it gives up after {@code timeout} in total; failures are IOExceptions whose
 * meaning {@code Outcome.classify} understands (a {@code ProbeException} where the transport knows
 * better, e.g. a proxy's 407), with a message naming the transport and the target
 * ("http proxy 198.18.1.1:3128 => host:443: 403 Forbidden"). Implementations are thread-safe.
 */
public interface Transport {
    /**
     * Opens a TCP connection to {@code host:port}. A direct transport connects to {@code address}
     * (which the check's DNS step resolved) and fails if it is empty; a proxy transport passes
     * {@code host} to the proxy and lets the proxy resolve it.
     */
    Socket connect(String host, int port, Optional<InetAddress> address, Duration timeout) throws IOException;

    /** Returns whether connections go direct or through a proxy. */
    Route route();

    /** Returns a short description for messages: "direct", "http proxy 198.18.1.1:3128". */
    String describe();

    /** Returns true when the proxy resolves target names, so the local DNS answer is not used. */
    default boolean resolvesRemotely() {
        return route() == Route.PROXY;
    }
}
