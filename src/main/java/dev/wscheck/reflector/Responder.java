package dev.wscheck.reflector;

import dev.wscheck.net.RateLimiter;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides whether one received message gets an answer, and makes the answer. Shared by the UDP
 * and TCP listeners; holds no socket, so every rule is testable with byte arrays.
 *
 * <p>In order: the message must parse and carry a valid tag for the shared key and be a probe
 * (kind 1); its timestamp must be within the freshness window of this clock; its source must have
 * a token left (rate limit); and its (session, sequence) must not have been answered before
 * (replay). Anything else gets silence: no error message, nothing that tells a scanner what is
 * listening. The answer is the probe itself turned into an echo, the same number of bytes.
 */
public final class Responder {
    private final byte[] key;
    private final ReflectorLimits limits;
    private final Clock clock;
    private final ReplayGuard replay;
    private final RateLimiter rate;

    /** Counters of what happened to received messages (for the periodic log line and tests). */
    public record Counts(long answered, long unauthenticated, long stale, long rateLimited, long replayed) {}

    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong unauthenticated = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();

    public Responder(byte[] key, ReflectorLimits limits, Clock clock) {
        this.key = key.clone();
        this.limits = limits;
        this.clock = clock;
        this.replay = new ReplayGuard(limits.maxSessions(), 3 * limits.freshness().toMillis());
        this.rate = new RateLimiter(limits.perSourceRate(), limits.perSourceBurst(), limits.maxSources());
    }

    /**
     * Returns the number of bytes of {@code data} to send back (the echo, written over the probe in
     * place: always {@code length}), or empty for silence.
     */
    public Optional<Integer> answer(byte[] data, int length, InetAddress source) {
        Optional<Wire.Message> m = Wire.parse(key, data, length);
        if (m.isEmpty() || m.get().kind() != Wire.PROBE) {
            unauthenticated.incrementAndGet();
            return Optional.empty();
        }
        long now = clock.millis();
        if (Math.abs(now - m.get().timestampMs()) > limits.freshness().toMillis()) {
            stale.incrementAndGet();
            return Optional.empty();
        }
        synchronized (this) {
            if (!rate.take(source, System.nanoTime())) {
                rateLimited.incrementAndGet();
                return Optional.empty();
            }
            if (!replay.accept(m.get().session(), m.get().sequence(), now)) {
                replayed.incrementAndGet();
                return Optional.empty();
            }
        }
        Wire.toEcho(key, data, length);
        answered.incrementAndGet();
        return Optional.of(length);
    }

    public Counts counts() {
        return new Counts(answered.get(), unauthenticated.get(), stale.get(), rateLimited.get(), replayed.get());
    }
}
