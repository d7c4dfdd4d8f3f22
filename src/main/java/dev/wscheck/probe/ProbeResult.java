package dev.wscheck.probe;

import dev.wscheck.net.Route;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened on the wire for one check: the outcome, a one-line detail that says where,
 * through what and to whom, the address used, the route (direct or through a proxy), the time
 * spent per phase and in total, and probe-specific evidence. Results never carry a verdict.
 * {@code confirmation} is added by the engine (attempts, per-address results); probes leave it empty.
 * {@code phaseUse} says, for the phases a probe measured on its own thread, how much of the wall
 * time was CPU and how much waiting for a CPU ({@link ThreadClock}); a phase not measured is absent.
 */
public record ProbeResult(
        Outcome outcome,
        String detail,
        Optional<InetAddress> address,
        Route via,
        Map<Phase, Duration> phases,
        Duration duration,
        Optional<Evidence> evidence,
        Optional<Confirmation> confirmation,
        Map<Phase, ThreadClock.Use> phaseUse) {

    /** A result as a probe builds it: the engine has not confirmed it yet. */
    public ProbeResult(Outcome outcome, String detail, Optional<InetAddress> address, Route via, Map<Phase, Duration> phases,
                       Duration duration, Optional<Evidence> evidence) {
        this(outcome, detail, address, via, phases, duration, evidence, Optional.empty(), Map.of());
    }

    /** A result without per-phase CPU figures. */
    public ProbeResult(Outcome outcome, String detail, Optional<InetAddress> address, Route via, Map<Phase, Duration> phases,
                       Duration duration, Optional<Evidence> evidence, Optional<Confirmation> confirmation) {
        this(outcome, detail, address, via, phases, duration, evidence, confirmation, Map.of());
    }

    public ProbeResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(confirmation, "confirmation");
        EnumMap<Phase, Duration> all = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            all.put(p, phases.getOrDefault(p, Duration.ZERO));
        }
        phases = Collections.unmodifiableMap(all);
        Objects.requireNonNull(phaseUse, "phaseUse");
        EnumMap<Phase, ThreadClock.Use> use = new EnumMap<>(Phase.class);
        phaseUse.forEach((p, u) -> {
            if (u.known()) {
                use.put(p, u);
            }
        });
        phaseUse = Collections.unmodifiableMap(use);
    }

    /** Returns a result with only an outcome and a detail (no address, no timings, no evidence). */
    public static ProbeResult of(Outcome outcome, String detail) {
        return new ProbeResult(outcome, detail, Optional.empty(), Route.DIRECT, Map.of(), Duration.ZERO, Optional.empty());
    }

    public boolean isOk() {
        return outcome == Outcome.OK || outcome == Outcome.UDP_REPLY;
    }

    /**
     * Returns true when the steps that depend on this one may run: it succeeded, or (DNS) the
     * direct answer is usable although the operating system's view of the name differs.
     */
    public boolean allowsNextStep() {
        return isOk() || (outcome == Outcome.DNS_INCONSISTENT && address.isPresent());
    }

    public ProbeResult withOutcome(Outcome newOutcome, String newDetail) {
        return new ProbeResult(newOutcome, newDetail, address, via, phases, duration, evidence, confirmation, phaseUse);
    }

    /** This result with what the engine found confirming it. */
    public ProbeResult withConfirmation(Confirmation c) {
        return new ProbeResult(outcome, detail, address, via, phases, duration, evidence, Optional.of(c), phaseUse);
    }

    /** This result about another address, with another detail (the engine's choice among addresses). */
    public ProbeResult withAddress(InetAddress a, String newDetail) {
        return new ProbeResult(outcome, newDetail, Optional.of(a), via, phases, duration, evidence, confirmation, phaseUse);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects a result step by step while a probe runs. */
    public static final class Builder {
        private Outcome outcome = Outcome.OK;
        private String detail = "";
        private InetAddress address;
        private Route via = Route.DIRECT;
        private final EnumMap<Phase, Duration> phases = new EnumMap<>(Phase.class);
        private final EnumMap<Phase, ThreadClock.Use> use = new EnumMap<>(Phase.class);
        private Evidence evidence;

        public Builder outcome(Outcome o) {
            this.outcome = o;
            return this;
        }

        public Builder detail(String d) {
            this.detail = d;
            return this;
        }

        public Builder address(InetAddress a) {
            this.address = a;
            return this;
        }

        public Builder via(Route r) {
            this.via = r;
            return this;
        }

        public Builder phase(Phase p, Duration d) {
            phases.put(p, d);
            return this;
        }

        /** A phase measured on the probe's thread: its wall time, and its CPU and CPU-wait shares. */
        public Builder phase(Phase p, ThreadClock.Span s) {
            phases.put(p, s.wall());
            use.put(p, s.use());
            return this;
        }

        public Builder evidence(Evidence e) {
            this.evidence = e;
            return this;
        }

        public ProbeResult build(Duration duration) {
            return new ProbeResult(outcome, detail, Optional.ofNullable(address), via, phases, duration, Optional.ofNullable(evidence),
                    Optional.empty(), use);
        }
    }
}
