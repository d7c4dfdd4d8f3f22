package dev.wscheck.verdict;

import java.util.Optional;

/**
 * The proxy path and the direct path of one requirement, side by side: which one the client
 * uses (always the proxy here: the comparison exists only for proxied requirements), whether
 * each works, and one sentence about it.
 *
 * @param clientUses   "proxy"
 * @param proxy        "works", "fails" or "unknown" (inconclusive, deadline)
 * @param direct       "works", "blocked" or "unknown"
 * @param proxyOutcome the outcome that broke the proxy path, when it fails
 * @param directOutcome the outcome that blocked the direct path, when blocked
 * @param summary      e.g. "direct blocked, proxy works: fine, the client uses the proxy"
 */
public record RouteComparison(String clientUses, String proxy, String direct, Optional<String> proxyOutcome,
                              Optional<String> directOutcome, String summary) {

    /** True for "proxy broken, direct works": a client configured to use the proxy fails where a direct one would not. */
    public boolean proxyBrokenDirectWorks() {
        return proxy.equals("fails") && direct.equals("works");
    }

    static RouteComparison of(String proxy, String direct, Optional<String> proxyOutcome, Optional<String> directOutcome) {
        String p = "proxy " + proxy + proxyOutcome.map(o -> " (" + o + ")").orElse("");
        String d = "direct " + direct + directOutcome.map(o -> " (" + o + ")").orElse("");
        String summary;
        if (proxy.equals("works") && direct.equals("blocked")) {
            summary = d + ", " + p + ": fine, the client uses the proxy";
        } else if (proxy.equals("works") && direct.equals("works")) {
            summary = p + ", direct works too: the client uses the proxy";
        } else if (proxy.equals("fails") && direct.equals("works")) {
            summary = p + ", " + d + ": a client configured to use the proxy fails here; fix the proxy, or bypass it for this destination";
        } else if (proxy.equals("fails") && direct.equals("blocked")) {
            summary = p + ", " + d + ": neither path works";
        } else {
            summary = p + ", " + d + ": the client uses the proxy";
        }
        return new RouteComparison("proxy", proxy, direct, proxyOutcome, directOutcome, summary);
    }
}
