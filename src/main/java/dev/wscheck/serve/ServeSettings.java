package dev.wscheck.serve;

import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * How the exporter listens and how much it takes on.
 *
 * @param listen the address to listen on; loopback unless the operator says otherwise
 * @param maxProbes probes allowed to run at once; one more is answered 429 at once, never queued
 * @param keep how many recent probes (and their reports) the debug page keeps in memory
 * @param lang the language of the page at / (its words only; /probe, /metrics and /report are machine formats)
 * @param ratePerSource requests a second one client address may make on average (any path); it may
 *                      send {@link #BURST_SECONDS} seconds' worth at once, and beyond that is answered 429
 */
public record ServeSettings(InetSocketAddress listen, int maxProbes, int keep, Locale lang, int ratePerSource) {
    public static final String DEFAULT_LISTEN = "127.0.0.1:9469";
    public static final int DEFAULT_MAX_PROBES = 4;
    public static final int DEFAULT_KEEP = 20;
    /**
     * One Prometheus scraping a few hundred branch targets every 15 s stays well below this; a client
     * in a loop does not.
     */
    public static final int DEFAULT_RATE_PER_SOURCE = 50;
    public static final int BURST_SECONDS = 2;

    public ServeSettings(InetSocketAddress listen, int maxProbes, int keep) {
        this(listen, maxProbes, keep, Locale.ENGLISH, DEFAULT_RATE_PER_SOURCE);
    }

    public ServeSettings(InetSocketAddress listen, int maxProbes, int keep, Locale lang) {
        this(listen, maxProbes, keep, lang, DEFAULT_RATE_PER_SOURCE);
    }

    public ServeSettings {
        if (maxProbes < 1 || maxProbes > 64) {
            throw new IllegalArgumentException("maxProbes " + maxProbes + ": use 1 to 64");
        }
        if (keep < 0 || keep > 1000) {
            throw new IllegalArgumentException("keep " + keep + ": use 0 to 1000");
        }
        if (ratePerSource < 1 || ratePerSource > 10_000) {
            throw new IllegalArgumentException("ratePerSource " + ratePerSource + ": use 1 to 10000");
        }
    }
}
