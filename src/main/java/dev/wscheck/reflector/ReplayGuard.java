package dev.wscheck.reflector;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Remembers which (session, sequence) pairs have been answered, so that a probe captured on the
 * wire and sent again gets no answer. Per session a sliding window of {@value #WINDOW} sequence
 * numbers below the highest seen (as IPsec's anti-replay window, RFC 4303 §3.4.3): a number seen
 * before, or older than the window, is a replay. Sessions idle for longer than {@code expiry} are
 * forgotten; that is safe because the freshness check refuses any probe older than the freshness
 * window, which is shorter than {@code expiry}. At most {@code maxSessions} sessions are kept;
 * beyond that a new session is refused (creating one needs the key, so only key holders can fill
 * the table). Not thread-safe: callers synchronise.
 */
final class ReplayGuard {
    static final int WINDOW = 4096;

    private final int maxSessions;
    private final long expiryMs;
    private final Map<Long, Session> sessions = new HashMap<>();

    private static final class Session {
        long highest = -1;
        final BitSet seen = new BitSet(WINDOW); // bit (seq mod WINDOW) for seq in (highest - WINDOW, highest]
        long lastUsedMs;
    }

    ReplayGuard(int maxSessions, long expiryMs) {
        this.maxSessions = maxSessions;
        this.expiryMs = expiryMs;
    }

    /** Returns true (and records it) when this pair is new; false for a replay or a full table. */
    boolean accept(long session, long seq, long nowMs) {
        Session s = sessions.get(session);
        if (s == null) {
            if (sessions.size() >= maxSessions) {
                expire(nowMs);
                if (sessions.size() >= maxSessions) {
                    return false;
                }
            }
            s = new Session();
            sessions.put(session, s);
        }
        s.lastUsedMs = nowMs;
        if (seq > s.highest) {
            long shift = s.highest < 0 ? WINDOW : seq - s.highest;
            if (shift >= WINDOW) {
                s.seen.clear();
            } else {
                for (long q = s.highest + 1; q <= seq; q++) {
                    s.seen.clear((int) (q % WINDOW));
                }
            }
            s.highest = seq;
            s.seen.set((int) (seq % WINDOW));
            return true;
        }
        if (s.highest - seq >= WINDOW) {
            return false;
        }
        int bit = (int) (seq % WINDOW);
        if (s.seen.get(bit)) {
            return false;
        }
        s.seen.set(bit);
        return true;
    }

    /** Forgets sessions idle for longer than the expiry. */
    void expire(long nowMs) {
        for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
            if (nowMs - it.next().lastUsedMs > expiryMs) {
                it.remove();
            }
        }
    }

    int size() {
        return sessions.size();
    }
}
