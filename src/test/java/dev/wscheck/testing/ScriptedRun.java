package dev.wscheck.testing;

import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.PlannedCheck;
import dev.wscheck.catalog.PlannedRequirement;
import dev.wscheck.engine.RunResult;
import dev.wscheck.net.Route;
import dev.wscheck.probe.Evidence;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.Phase;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.https.HttpsEvidence;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link RunResult} for a plan without sending anything: every check OK (UDP replies,
 * ws-broker answers "healthy"), except the scripted ones. Deterministic, for verdict tables and
 * golden reports.
 */
public final class ScriptedRun {
    private ScriptedRun() {}

    /** One scripted wire result: the check of {@code probe} in requirement {@code requirement}. */
    public record Wire(String requirement, ProbeKind probe, Outcome outcome, String detail, Evidence evidence) {
        public static Wire of(String requirement, ProbeKind probe, Outcome outcome) {
            return new Wire(requirement, probe, outcome, "scripted " + outcome.code(), null);
        }
    }

    public static RunResult of(Plan plan, List<Wire> wires) {
        List<RunResult.RequirementRun> runs = new ArrayList<>();
        for (PlannedRequirement req : plan.requirements()) {
            List<RunResult.CheckRun> checks = new ArrayList<>();
            for (PlannedCheck pc : req.checks()) {
                ProbeKind kind = pc.spec().probe();
                Outcome o = kind == ProbeKind.UDP ? Outcome.UDP_REPLY : Outcome.OK;
                String detail = "direct => " + pc.spec().targetDisplay() + ": ok";
                Evidence e = kind == ProbeKind.HTTPS ? new HttpsEvidence(req.id().equals("ws-broker") ? 200 : 404, req.id().equals("ws-broker") ? "healthy" : "") : null;
                for (Wire w : wires) {
                    if (w.requirement().equals(req.id()) && w.probe() == kind) {
                        o = w.outcome();
                        detail = w.detail();
                        e = w.evidence();
                    }
                }
                Map<Phase, Duration> phases = kind == ProbeKind.DNS ? Map.of(Phase.DNS, Duration.ofMillis(3))
                        : kind == ProbeKind.UDP ? Map.of(Phase.REQUEST, Duration.ofMillis(12)) : Map.of(Phase.CONNECT, Duration.ofMillis(11));
                checks.add(new RunResult.CheckRun(pc, new ProbeResult(o, detail, Optional.of(address(kind)), Route.DIRECT, phases,
                        Duration.ofMillis(kind == ProbeKind.DNS ? 3 : 11), Optional.ofNullable(e))));
            }
            runs.add(new RunResult.RequirementRun(req, checks));
        }
        return new RunResult(Instant.parse("2026-11-28T10:00:00Z"), Duration.ofMillis(1234), runs);
    }

    private static InetAddress address(ProbeKind kind) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 198, 18, 2, (byte) (kind == ProbeKind.UDP ? 20 : 10)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
