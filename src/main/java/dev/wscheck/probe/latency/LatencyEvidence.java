package dev.wscheck.probe.latency;

import dev.wscheck.probe.Evidence;
import java.util.List;

/**
 * TCP connect round-trip samples to one endpoint.
 *
 * @param sent samples attempted
 * @param received samples that connected
 * @param samplesMs each connected sample's connect time in milliseconds, in order
 * @param medianMs the median of {@code samplesMs} (0 when none connected)
 * @param minMs the fastest connected sample (0 when none connected)
 * @param maxMs the slowest connected sample (0 when none connected)
 * @param jitterMs RFC 3550-style smoothed difference between consecutive samples ({@link RttStats})
 * @param planned samples asked for (--samples); {@code sent} is smaller when the warm-up connect
 *                failed or the probe's time budget ran out
 * @param p95Ms nearest-rank 95th percentile of {@code samplesMs}
 * @param lossPct samples that did not connect, in percent of {@code sent}
 * @param warmupMs the warm-up connect made before the samples, not counted in any statistic (0 when it failed)
 * @param busyRetakes samples measured again because this PC kept the probing thread waiting for a CPU
 *                    through most of them (Linux run-queue wait; 0 where the OS does not tell)
 */
public record LatencyEvidence(int sent, int received, List<Double> samplesMs, double medianMs, double minMs, double maxMs, double jitterMs,
        int planned, double p95Ms, double lossPct, double warmupMs, int busyRetakes) implements Evidence {

    public LatencyEvidence {
        samplesMs = List.copyOf(samplesMs);
    }

    /** Evidence with no sample retaken. */
    public LatencyEvidence(int sent, int received, List<Double> samplesMs, double medianMs, double minMs, double maxMs, double jitterMs,
            int planned, double p95Ms, double lossPct, double warmupMs) {
        this(sent, received, samplesMs, medianMs, minMs, maxMs, jitterMs, planned, p95Ms, lossPct, warmupMs, 0);
    }
}
