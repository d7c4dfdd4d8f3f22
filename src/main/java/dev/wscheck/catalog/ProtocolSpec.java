package dev.wscheck.catalog;

import java.time.Duration;
import java.util.Optional;

/**
 * A streaming protocol (PCoIP or DCV) and its round-trip-time bounds: above {@code high} the
 * experience degrades (warn), above {@code critical} the client disconnects or is unusable (fail).
 * {@code quality}, when the catalog gives it, bounds loss and jitter (warn above either); without
 * it loss and jitter are reported but not judged.
 */
public record ProtocolSpec(String title, Duration latencyHigh, Duration latencyCritical, String source, String note, Optional<Quality> quality) {

    public ProtocolSpec(String title, Duration latencyHigh, Duration latencyCritical, String source, String note) {
        this(title, latencyHigh, latencyCritical, source, note, Optional.empty());
    }

    /**
     * Loss and jitter bounds of a protocol.
     *
     * @param lossHighPct more lost samples than this percentage is {@code loss-high}
     * @param jitterHigh more jitter than this is {@code jitter-high}
     * @param source the catalog source the figures come from, or empty when they are wscheck's own choice
     * @param rationale why these figures (always given: AWS publishes no loss or jitter bound)
     */
    public record Quality(double lossHighPct, Duration jitterHigh, String source, String rationale) {}
}
