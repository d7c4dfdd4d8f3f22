package dev.wscheck.engine;

import dev.wscheck.net.DnsServers;
import dev.wscheck.net.TrustSettings;
import dev.wscheck.probe.ProbeResources;
import dev.wscheck.probe.reflector.ReflectorSettings;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * The run's shared probe resources. The netty loop and the HTTP client are built on first use,
 * so a run without UDP checks never starts netty; {@link #close} releases what was built.
 */
public final class SharedResources implements ProbeResources, AutoCloseable {
    private final DnsServers dnsServers;
    private final TrustSettings trust;
    private final int samples;
    private final Duration spacing;
    private final boolean privateAddressesExpected;
    private final Optional<ReflectorSettings> reflector;
    private EventLoopGroup group;
    private OkHttpClient http;

    /**
     * @param samples latency samples per endpoint
     * @param spacing pause between two latency samples
     * @param privateAddressesExpected the catalog's {@code expectPrivateAddresses}
     */
    public SharedResources(DnsServers dnsServers, TrustSettings trust, int samples, Duration spacing, boolean privateAddressesExpected) {
        this(dnsServers, trust, samples, spacing, privateAddressesExpected, Optional.empty());
    }

    /** As above, with the reflector to measure against (check --reflector). */
    public SharedResources(DnsServers dnsServers, TrustSettings trust, int samples, Duration spacing, boolean privateAddressesExpected,
                           Optional<ReflectorSettings> reflector) {
        this.reflector = reflector;
        this.dnsServers = dnsServers;
        this.trust = trust;
        this.samples = samples;
        this.spacing = spacing;
        this.privateAddressesExpected = privateAddressesExpected;
    }

    @Override
    public boolean privateAddressesExpected() {
        return privateAddressesExpected;
    }

    @Override
    public DnsServers dnsServers() {
        return dnsServers;
    }

    @Override
    public TrustSettings trust() {
        return trust;
    }

    @Override
    public synchronized EventLoopGroup eventLoopGroup() {
        if (group == null) {
            group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("wscheck-netty", true), NioIoHandler.newFactory());
        }
        return group;
    }

    @Override
    public synchronized OkHttpClient httpClient() {
        if (http == null) {
            // Deterministic diagnostics: one route, no silent retries, no redirects, and no proxy
            // unless the transport provides one.
            http = new OkHttpClient.Builder()
                    .proxy(Proxy.NO_PROXY)
                    .retryOnConnectionFailure(false)
                    .followRedirects(false)
                    .followSslRedirects(false)
                    .build();
        }
        return http;
    }

    @Override
    public int latencySamples() {
        return samples;
    }

    @Override
    public Duration latencySpacing() {
        return spacing;
    }

    @Override
    public Optional<ReflectorSettings> reflector() {
        return reflector;
    }

    @Override
    public synchronized void close() {
        if (group != null) {
            group.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS);
        }
        if (http != null) {
            http.dispatcher().executorService().shutdownNow();
            http.connectionPool().evictAll();
        }
    }
}
