package dev.wscheck.net;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A token bucket per source address: each answer costs one token; a source holds at most
 * {@code burst} tokens and earns {@code perSecond} a second. A source with no token gets no
 * answer. At most {@code maxSources} buckets are kept; full buckets of sources idle long enough
 * to have refilled are dropped first, and a new source is refused while the table stays full.
 * Used by both listeners: the reflector (per datagram) and {@code serve} (per HTTP request).
 * Not thread-safe: callers synchronise.
 */
public final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private final int maxSources;
    private final Map<InetAddress, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double tokens;
        long lastNanos;
    }

    public RateLimiter(double perSecond, int burst, int maxSources) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.maxSources = maxSources;
    }

    /** Takes one token for {@code source}; false when it has none left. */
    public boolean take(InetAddress source, long nowNanos) {
        Bucket b = buckets.get(source);
        if (b == null) {
            if (buckets.size() >= maxSources) {
                forgetIdle(nowNanos);
                if (buckets.size() >= maxSources) {
                    return false;
                }
            }
            b = new Bucket();
            b.tokens = burst;
            b.lastNanos = nowNanos;
            buckets.put(source, b);
        }
        b.tokens = Math.min(burst, b.tokens + (nowNanos - b.lastNanos) / 1e9 * perSecond);
        b.lastNanos = nowNanos;
        if (b.tokens < 1) {
            return false;
        }
        b.tokens -= 1;
        return true;
    }

    private void forgetIdle(long nowNanos) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            if (b.tokens + (nowNanos - b.lastNanos) / 1e9 * perSecond >= burst) {
                it.remove();
            }
        }
    }
}
