package dev.wscheck.catalog;

import java.time.Duration;

/**
 * A streaming protocol (PCoIP or DCV) and its round-trip-time bounds: above {@code high} the
 * experience degrades (warn), above {@code critical} the client disconnects or is unusable (fail).
 */
public record ProtocolSpec(String title, Duration latencyHigh, Duration latencyCritical, String source, String note) {}
