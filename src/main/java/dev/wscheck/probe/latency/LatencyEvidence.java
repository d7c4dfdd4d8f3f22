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
 * @param jitterMs mean absolute difference between consecutive samples
 */
public record LatencyEvidence(int sent, int received, List<Double> samplesMs, double medianMs, double minMs, double maxMs, double jitterMs)
        implements Evidence {}
