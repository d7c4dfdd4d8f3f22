package dev.wscheck.probe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What the engine did around a probe before its result was believed (docs/probes-tls-https.md,
 * "Confirmation"): how many attempts ran and how many of them agreed with the reported outcome,
 * each attempt's wire and CPU facts, and, for a name with several addresses, what each address
 * gave. Facts only: whether a busy PC makes a timeout inconclusive is the Evaluator's call.
 *
 * @param attempts how many times the probe ran for the address that decided the outcome
 * @param agreed how many of those attempts had the reported outcome
 * @param busy true when every failed attempt ran while this PC was too busy to tell a silent
 *     network from its own slowness (see {@link Attempt#busy()})
 * @param each every attempt, in order, for the deciding address
 * @param addresses one entry per address the name resolved to, in the order the client tries them
 *     (RFC 8305: IPv6 first, the families interleaved); empty when there was only one address
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"attempts", "agreed", "busy", "each", "addresses"})
public record Confirmation(int attempts, int agreed, boolean busy, List<Attempt> each, List<AddressResult> addresses) {
    public Confirmation {
        each = List.copyOf(each);
        addresses = List.copyOf(addresses);
    }

    /**
     * One run of the probe.
     *
     * @param outcome its outcome code
     * @param wallMs the time it took by the clock
     * @param cpuMs CPU time the probing thread itself used meanwhile
     * @param schedulerLagMs the longest a 10 ms sleep overslept during it (how late this PC ran a
     *     thread that asked to wake up): large values mean the PC, not the network, was slow
     * @param schedulerLagTotalMs all such oversleeping during it, added up
     * @param loadPerCore the one-minute load average per CPU core at its end; -1 where the OS has none
     * @param busy whether the attempt waited for the network while this PC was too busy to notice an
     *     answer (thresholds in docs); always false for an attempt that did not wait
     * @param cpuWaitMs how long the probing thread was runnable but waiting for a CPU during it
     *     ({@link ThreadClock}; addition, issue 16); null (absent from JSON) where the OS does not say
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"outcome", "wallMs", "cpuMs", "cpuWaitMs", "schedulerLagMs", "schedulerLagTotalMs", "loadPerCore", "busy"})
    public record Attempt(String outcome, long wallMs, long cpuMs, long schedulerLagMs, long schedulerLagTotalMs, double loadPerCore,
                          boolean busy, Long cpuWaitMs) {
        /** An attempt without a CPU-wait figure. */
        public Attempt(String outcome, long wallMs, long cpuMs, long schedulerLagMs, long schedulerLagTotalMs, double loadPerCore, boolean busy) {
            this(outcome, wallMs, cpuMs, schedulerLagMs, schedulerLagTotalMs, loadPerCore, busy, null);
        }

        /** This attempt, not counted as busy (it did not wait for the network). */
        public Attempt notBusy() {
            return new Attempt(outcome, wallMs, cpuMs, schedulerLagMs, schedulerLagTotalMs, loadPerCore, false, cpuWaitMs);
        }
    }

    /**
     * What one address gave.
     *
     * @param address the address
     * @param family {@code ipv4} or {@code ipv6}
     * @param outcome its outcome code; {@code skipped} for an IPv6 address on a PC without IPv6
     * @param attempts how many attempts it took
     * @param durationMs the last attempt's duration
     * @param detail the probe's one-line detail for it
     */
    @JsonPropertyOrder({"address", "family", "outcome", "attempts", "durationMs", "detail"})
    public record AddressResult(String address, String family, String outcome, int attempts, long durationMs, String detail) {
        public boolean ok() {
            return outcome.equals(Outcome.OK.code()) || outcome.equals(Outcome.UDP_REPLY.code());
        }
    }
}
