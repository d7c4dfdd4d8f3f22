package dev.wscheck.reflector;

import java.time.Duration;

/**
 * Every bound the reflector keeps (documented in docs/network-quality.md).
 *
 * @param freshness a probe whose timestamp is further than this from the reflector's clock, either way, is stale
 * @param perSourceRate answers per second one source address earns (UDP and TCP together)
 * @param perSourceBurst answers one source may get at once, after being idle
 * @param maxSources source addresses tracked at once; a new one beyond this gets no answer until others go idle
 * @param maxSessions probe sessions remembered for replay protection at once
 * @param maxTcpConnections TCP connections open at once, from everyone; beyond this a new one is closed at once
 * @param maxTcpPerSource TCP connections open at once from one address
 * @param tcpIdle a TCP connection that sends nothing for this long is closed
 * @param tcpLifetime a TCP connection is closed after this long, whatever it does
 */
public record ReflectorLimits(
        Duration freshness,
        double perSourceRate,
        int perSourceBurst,
        int maxSources,
        int maxSessions,
        int maxTcpConnections,
        int maxTcpPerSource,
        Duration tcpIdle,
        Duration tcpLifetime) {

    /**
     * The defaults: a client's measurement (100 datagrams per port on two ports over about 2 s, a
     * few MTU probes, TCP round trips) is about 100 answers a second at its peak and 450 in all;
     * a source gets 100 a second with a burst of 250, so a measurement is never cut, while one
     * source can draw at most 100 × 1472 bytes ≈ 147 kB/s, the size it sent itself.
     */
    public static final ReflectorLimits DEFAULT = new ReflectorLimits(Duration.ofSeconds(60), 100, 250, 10_000, 4096, 64, 8,
            Duration.ofSeconds(10), Duration.ofSeconds(60));
}
