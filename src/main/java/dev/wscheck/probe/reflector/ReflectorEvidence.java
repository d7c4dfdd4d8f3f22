package dev.wscheck.probe.reflector;

import dev.wscheck.probe.Evidence;

/**
 * What one reflector measurement saw (contract §9).
 *
 * @param sent probes sent (UDP: the spaced series, not the MTU probes; TCP: round trips attempted)
 * @param received authenticated echoes that came back
 * @param lossPct (sent − received) / sent × 100
 * @param rttMs round trips of the echoes that came back
 * @param jitterMs RFC 3550-style jitter of consecutive round trips, in the order sent
 * @param reordered echoes that arrived after an echo of a later probe
 * @param largestDatagram the largest UDP message (bytes of UDP payload) that went there and back;
 *                        0 for TCP, and when nothing came back
 */
public record ReflectorEvidence(int sent, int received, double lossPct, Rtt rttMs, double jitterMs, int reordered, int largestDatagram)
        implements Evidence {

    /** Nearest-rank statistics of the round trips, in milliseconds. */
    public record Rtt(double min, double median, double p95) {}
}
