package dev.wscheck.probe.latency;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Statistics of a series of round-trip samples, in milliseconds, shared by the latency probe, the
 * reflector probe and {@code wscheck regions}. Pure: a table of recorded series tests it.
 *
 * <ul>
 *   <li>{@code median}: the middle sample (the mean of the two middle ones for an even count).</li>
 *   <li>{@code p95}: nearest-rank 95th percentile, the sample at rank ⌈0.95·n⌉ of the sorted series
 *       (for n ≤ 19 that is the largest sample: a short series has no better estimate).</li>
 *   <li>{@code jitter}: RFC 3550 §6.4.1's interarrival-jitter estimator applied to consecutive
 *       round trips, J ← J + (|D| − J)/16 with D = rtt(i) − rtt(i−1), in the order the samples were
 *       taken. RFC 3550 starts J at 0, which biases a series of ten towards zero; here J starts at the
 *       first |D|, so a steady series stays near 0 and a jumpy one shows at once.</li>
 *   <li>{@code lossPct}: lost / sent × 100 (0 when nothing was sent).</li>
 * </ul>
 * Every figure is rounded to the microsecond (0.001 ms); an empty series gives zeros.
 */
public record RttStats(double min, double median, double p95, double max, double jitter, int sent, int received, double lossPct) {

    /** Returns the statistics of {@code samplesMs} (received samples, in the order taken) out of {@code sent}. */
    public static RttStats of(List<Double> samplesMs, int sent) {
        int received = samplesMs.size();
        double loss = sent <= 0 ? 0 : round(Math.max(0, sent - received) * 100.0 / sent);
        if (samplesMs.isEmpty()) {
            return new RttStats(0, 0, 0, 0, 0, sent, 0, loss);
        }
        List<Double> sorted = new ArrayList<>(samplesMs);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        double p95 = sorted.get(Math.max(0, (int) Math.ceil(0.95 * n) - 1));
        return new RttStats(round(sorted.get(0)), round(median), round(p95), round(sorted.get(n - 1)), round(jitter(samplesMs)), sent, received, loss);
    }

    /** Returns the statistics of a series where every sample arrived. */
    public static RttStats of(List<Double> samplesMs) {
        return of(samplesMs, samplesMs.size());
    }

    /** RFC 3550-style smoothed jitter of consecutive samples (see the class comment). */
    static double jitter(List<Double> samples) {
        if (samples.size() < 2) {
            return 0;
        }
        double j = Math.abs(samples.get(1) - samples.get(0));
        for (int i = 2; i < samples.size(); i++) {
            double d = Math.abs(samples.get(i) - samples.get(i - 1));
            j += (d - j) / 16.0;
        }
        return j;
    }

    static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }
}
