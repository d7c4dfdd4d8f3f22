package dev.wscheck.verdict;

import java.util.Locale;

/**
 * Whether a check or requirement meets what WorkSpaces needs. Ordered by severity for
 * "worst wins": skip &lt; pass &lt; inconclusive &lt; warn &lt; fail.
 */
public enum Status {
    /** Not checked (filtered out, nothing to probe, or an earlier step failed). */
    SKIP,
    PASS,
    /** wscheck could not tell (a UDP port that stays silent, the deadline passed). */
    INCONCLUSIVE,
    /** Usable but degraded. */
    WARN,
    FAIL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the more severe of the two. */
    public Status worst(Status other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
