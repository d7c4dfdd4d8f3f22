package dev.wscheck.probe;

import dev.wscheck.net.DnsServers;
import dev.wscheck.net.TrustSettings;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * Resources shared by all probes of one run. Implementations create the expensive ones (the
 * netty event loop, the HTTP client) on first use and release them when the run ends.
 */
public interface ProbeResources {
    /** The DNS servers to query: --dns-server, else the system's resolvers. */
    DnsServers dnsServers();

    /** Which roots are trusted (JDK + --trust) and which count as genuine (public roots). */
    TrustSettings trust();

    /**
     * True when the catalog describes endpoints that resolve to private or loopback addresses
     * (a lab, a test, PrivateLink): such answers are then not DNS sinkholes. 0.0.0.0 always is.
     */
    boolean privateAddressesExpected();

    /** A shared netty NIO event loop group for UDP probes. */
    EventLoopGroup eventLoopGroup();

    /** A shared base HTTP client; probes derive their own with {@code newBuilder()}. */
    OkHttpClient httpClient();

    /** How many latency samples to take per endpoint (--samples). */
    int latencySamples();

    /** The pause between two latency samples. */
    Duration latencySpacing();

    /** The reflector to measure against (check --reflector); empty without one. */
    default java.util.Optional<dev.wscheck.probe.reflector.ReflectorSettings> reflector() {
        return java.util.Optional.empty();
    }
}
