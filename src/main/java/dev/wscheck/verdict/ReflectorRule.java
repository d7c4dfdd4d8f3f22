package dev.wscheck.verdict;

import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.PlannedRequirement;
import dev.wscheck.catalog.ProtocolSpec;
import dev.wscheck.engine.RunResult;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.reflector.ReflectorEvidence;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@code wscheck reflector}'s answers count (check --reflector).
 *
 * <p>One check: an answer is graded like a latency sample series (loss and jitter against the
 * protocol's catalog bounds; the round trip itself is not, since it goes to wherever the reflector
 * runs) and a UDP path that does not carry a {@value #MIN_DATAGRAM}-byte datagram is
 * {@code mtu-low} (fail; AWS: a VPN path must carry MTU ≥ 1200, source S3). No answer is
 * {@code inconclusive}: by itself it cannot tell a blocked path from a stopped reflector.
 *
 * <p>The requirement: when the reflector answered on UDP, UDP gets through for certain, and the
 * health-check host's silence ({@code udp-no-reply}, inconclusive) no longer counts. When it
 * answered on TCP on the same port but not on UDP, the UDP silence is certain: the reflector's
 * UDP check fails (and the requirement's TCP-fallback rule then applies). Reflector checks that
 * got no answer at all never count towards the requirement's status: the reflector may be down.
 */
final class ReflectorRule {
    /** AWS: a VPN path must support an MTU of at least 1200 bytes (S3, "client network requirements"). */
    static final int MIN_DATAGRAM = 1200;

    private static final Set<Outcome> ANSWERED = EnumSet.of(Outcome.OK, Outcome.LOSS_HIGH, Outcome.JITTER_HIGH, Outcome.MTU_LOW);

    private ReflectorRule() {}

    /** The checks after the rule, the ones that do not count towards the status, and the note it adds. */
    record Applied(List<CheckVerdict> checks, List<CheckVerdict> ignored, Note note) {}

    /** Judges one reflector check. */
    static CheckVerdict check(Plan plan, PlannedRequirement req, RunResult.CheckRun cr) {
        ProbeResult r = cr.result();
        Outcome outcome = r.outcome();
        String detail = r.detail();
        if (outcome == Outcome.SKIPPED) {
            return new CheckVerdict(cr.check(), r, outcome, detail, Status.SKIP, cr.role());
        }
        if (outcome != Outcome.OK || !(r.evidence().orElse(null) instanceof ReflectorEvidence ev)) {
            return new CheckVerdict(cr.check(), r, outcome, detail, Status.INCONCLUSIVE, cr.role());
        }
        boolean udp = "udp".equals(cr.check().spec().target().scheme());
        if (udp && ev.largestDatagram() < MIN_DATAGRAM) {
            outcome = Outcome.MTU_LOW;
            detail = String.format(Locale.ROOT, "the largest datagram that got there and back is %d bytes; a %d-byte datagram did not (WorkSpaces needs %d)",
                    ev.largestDatagram(), MIN_DATAGRAM, MIN_DATAGRAM);
        } else {
            ProtocolSpec spec = plan.catalog().protocols().get(req.def().protocol());
            if (spec != null) {
                Optional<Quality.Judgement> j = Quality.judge(spec, ev.rttMs().median(), udp ? ev.lossPct() : 0, ev.jitterMs(), false);
                if (j.isPresent()) {
                    outcome = j.get().outcome();
                    detail = j.get().detail() + " (reflector " + cr.check().spec().targetDisplay() + ")";
                }
            }
        }
        return new CheckVerdict(cr.check(), r, outcome, detail, Evaluator.statusOf(outcome), cr.role());
    }

    /** Applies the requirement-level rule to a requirement's judged checks. */
    static Applied apply(List<CheckVerdict> checks) {
        Optional<CheckVerdict> udp = find(checks, "udp");
        Optional<CheckVerdict> tcp = find(checks, "tcp");
        List<CheckVerdict> out = new ArrayList<>(checks);
        List<CheckVerdict> ignored = new ArrayList<>();
        Note note = Note.NONE;
        if (udp.isEmpty()) {
            return new Applied(out, ignored, note);
        }
        String target = udp.get().check().spec().targetDisplay();
        if (ANSWERED.contains(udp.get().outcome())) {
            for (CheckVerdict c : checks) {
                if (c.check().spec().probe() == ProbeKind.UDP && c.status() == Status.INCONCLUSIVE) {
                    ignored.add(c);
                }
            }
            note = new Note("note.reflector-udp-answered", Map.of("target", target),
                    "the reflector answered on " + target + ": UDP gets through, so the health-check host's silence is not a block");
        } else if (udp.get().outcome() == Outcome.UDP_NO_REPLY && tcp.isPresent() && ANSWERED.contains(tcp.get().outcome())) {
            CheckVerdict u = udp.get();
            CheckVerdict blocked = new CheckVerdict(u.check(), u.result(), u.outcome(),
                    u.detail().replaceFirst(" \\(UDP .*$", "") + "; the reflector answers on TCP, so UDP " + u.check().spec().target().port()
                            + " is blocked on the way", Status.FAIL, u.role());
            out.set(out.indexOf(u), blocked);
            note = new Note("note.reflector-udp-blocked", Map.of("target", target),
                    "the reflector answered on TCP but not on " + target + ": UDP on this port is blocked on the way");
        }
        for (CheckVerdict c : out) {
            if (c.check().spec().probe() == ProbeKind.REFLECTOR && c.status() == Status.INCONCLUSIVE) {
                ignored.add(c);
            }
        }
        return new Applied(out, ignored, note);
    }

    private static Optional<CheckVerdict> find(List<CheckVerdict> checks, String scheme) {
        return checks.stream().filter(c -> c.check().spec().probe() == ProbeKind.REFLECTOR && scheme.equals(c.check().spec().target().scheme()))
                .findFirst();
    }
}
