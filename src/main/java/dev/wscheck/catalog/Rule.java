package dev.wscheck.catalog;

import java.util.Optional;

/**
 * A requirement-level rule on top of "worst check wins". {@code udpFallback} names the TCP
 * requirement the client falls back to when UDP fails: UDP failing (or silent) while that
 * requirement passes makes this one a warning, not a failure.
 */
public record Rule(Optional<String> udpFallback) {
    public static final Rule NONE = new Rule(Optional.empty());
}
