package dev.wscheck.catalog;

import java.util.Optional;

/**
 * What an HTTPS endpoint must answer. Without an expectation any HTTP response from a genuine
 * server proves reachability (a 403 or 404 from a bucket root is normal); only the catalog may
 * demand a status or a body.
 */
public record Expectation(Optional<Integer> status, Optional<String> bodyContains) {
    public static final Expectation ANY = new Expectation(Optional.empty(), Optional.empty());

    public boolean isAny() {
        return status.isEmpty() && bodyContains.isEmpty();
    }
}
