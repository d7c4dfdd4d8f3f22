package dev.wscheck.verdict;

import dev.wscheck.catalog.ProtocolSpec;
import dev.wscheck.probe.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Grades round-trip figures against a protocol's catalog bounds: the median against
 * {@code latency.high}/{@code critical}, loss and jitter against {@code quality} (when the catalog
 * gives it). Used for the latency probe and the reflector probe alike. One outcome comes out, the
 * most severe: {@code latency-critical} (fail), then {@code loss-high}, {@code latency-high},
 * {@code jitter-high} (warn); the detail names every bound that was passed, with its figure.
 */
public final class Quality {
    private Quality() {}

    /** An outcome other than ok, with a detail naming the figures and the bounds they passed. */
    public record Judgement(Outcome outcome, String detail) {}

    /** Returns the judgement, or empty when every figure is within its bound. */
    public static Optional<Judgement> judge(ProtocolSpec spec, double medianMs, double lossPct, double jitterMs) {
        return judge(spec, medianMs, lossPct, jitterMs, true);
    }

    /**
     * As {@link #judge(ProtocolSpec, double, double, double)}; {@code judgeRtt} false leaves the
     * median out (a reflector's round trip is to wherever the reflector runs, not to the region).
     */
    public static Optional<Judgement> judge(ProtocolSpec spec, double medianMs, double lossPct, double jitterMs, boolean judgeRtt) {
        List<Outcome> found = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        double critical = spec.latencyCritical().toMillis();
        double high = spec.latencyHigh().toMillis();
        if (judgeRtt && medianMs > critical) {
            found.add(Outcome.LATENCY_CRITICAL);
            parts.add(String.format(Locale.ROOT, "median round trip %.0f ms is above %.0f ms, where %s becomes unusable", medianMs, critical, spec.title()));
        } else if (judgeRtt && medianMs > high) {
            found.add(Outcome.LATENCY_HIGH);
            parts.add(String.format(Locale.ROOT, "median round trip %.0f ms is above %.0f ms, the best-experience bound for %s", medianMs, high, spec.title()));
        }
        if (spec.quality().isPresent()) {
            ProtocolSpec.Quality q = spec.quality().get();
            if (lossPct > q.lossHighPct()) {
                found.add(Outcome.LOSS_HIGH);
                parts.add(String.format(Locale.ROOT, "%.1f %% of the samples were lost, above the %.1f %% bound for %s", lossPct, q.lossHighPct(), spec.title()));
            }
            double jitterBound = q.jitterHigh().toNanos() / 1e6;
            if (jitterMs > jitterBound) {
                found.add(Outcome.JITTER_HIGH);
                parts.add(String.format(Locale.ROOT, "jitter %.1f ms is above the %.0f ms bound for %s", jitterMs, jitterBound, spec.title()));
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Outcome worst = found.contains(Outcome.LATENCY_CRITICAL) ? Outcome.LATENCY_CRITICAL
                : found.contains(Outcome.LOSS_HIGH) ? Outcome.LOSS_HIGH
                : found.contains(Outcome.LATENCY_HIGH) ? Outcome.LATENCY_HIGH : Outcome.JITTER_HIGH;
        return Optional.of(new Judgement(worst, String.join("; ", parts)));
    }
}
