package dev.wscheck.verdict;

import dev.wscheck.catalog.Expectation;
import dev.wscheck.catalog.Importance;
import dev.wscheck.catalog.IpRanges;
import dev.wscheck.catalog.Plan;
import dev.wscheck.catalog.PlannedRequirement;
import dev.wscheck.catalog.ProtocolSpec;
import dev.wscheck.catalog.Skip;
import dev.wscheck.engine.RunResult;
import dev.wscheck.probe.Confirmation;
import dev.wscheck.probe.Outcome;
import dev.wscheck.probe.ProbeKind;
import dev.wscheck.probe.ProbeResult;
import dev.wscheck.probe.https.HttpsEvidence;
import dev.wscheck.probe.latency.LatencyEvidence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns wire facts into verdicts: each check's status from its outcome and the catalog's
 * expectations, each requirement's status as the worst of its checks after the requirement's
 * own rule. Pure: no I/O, so every rule is testable from a table.
 */
public final class Evaluator {
    private Evaluator() {}

    /** Returns the verdicts for every requirement of the run, in plan order. */
    public static List<RequirementVerdict> evaluate(Plan plan, RunResult run) {
        return evaluate(plan, run, Optional.empty());
    }

    /**
     * As {@link #evaluate(Plan, RunResult)}; with AWS's ip-ranges, a DNS answer for a WorkSpaces
     * name outside them is refined to {@code dns-sinkholed} (see {@link DnsAnswerRule}).
     */
    public static List<RequirementVerdict> evaluate(Plan plan, RunResult run, Optional<IpRanges> ranges) {
        Map<String, RequirementVerdict> byId = new HashMap<>();
        // Requirements without a rule first: a rule may look at another requirement's status.
        for (RunResult.RequirementRun rr : run.requirements()) {
            if (rr.requirement().def().rule().udpFallback().isEmpty()) {
                byId.put(rr.requirement().id(), judge(plan, rr, byId, ranges));
            }
        }
        for (RunResult.RequirementRun rr : run.requirements()) {
            if (rr.requirement().def().rule().udpFallback().isPresent()) {
                byId.put(rr.requirement().id(), judge(plan, rr, byId, ranges));
            }
        }
        List<RequirementVerdict> out = new ArrayList<>();
        for (RunResult.RequirementRun rr : run.requirements()) {
            out.add(byId.get(rr.requirement().id()));
        }
        return out;
    }

    private static RequirementVerdict judge(Plan plan, RunResult.RequirementRun rr, Map<String, RequirementVerdict> judged,
                                            Optional<IpRanges> ranges) {
        PlannedRequirement req = rr.requirement();
        List<CheckVerdict> checks = new ArrayList<>();
        for (RunResult.CheckRun cr : rr.checks()) {
            checks.add(check(plan, req, cr, ranges));
        }
        if (req.skipReason().isPresent()) {
            Skip skip = req.skipReason().get();
            return new RequirementVerdict(req, checks, Status.SKIP, new Note(skip.kind().key(), Map.of("detail", skip.detail()), skip.text()),
                    Optional.empty());
        }
        if (checks.isEmpty()) {
            String allow = String.join(", ", req.allowlistOnly());
            return new RequirementVerdict(req, checks, Status.SKIP, new Note("note.nothing-to-probe", Map.of("allow", allow), "nothing to probe: allow " + allow),
                    Optional.empty());
        }
        ReflectorRule.Applied reflected = ReflectorRule.apply(checks);
        checks = reflected.checks();
        Status status = Status.SKIP;
        for (CheckVerdict c : checks) {
            if (c.onPath() && !reflected.ignored().contains(c)) {
                status = status.worst(c.status());
            }
        }
        Optional<RouteComparison> route = compare(checks);
        Note note = reflected.note();
        Optional<String> fallback = req.def().rule().udpFallback();
        if (fallback.isPresent() && status != Status.PASS && status != Status.SKIP) {
            RequirementVerdict tcp = judged.get(fallback.get());
            boolean udpOnlyProblem = checks.stream().filter(CheckVerdict::onPath).allMatch(c -> c.status() == Status.PASS
                    || c.status() == Status.SKIP || c.check().spec().probe() == ProbeKind.UDP
                    || c.check().spec().probe() == ProbeKind.REFLECTOR || reflected.ignored().contains(c));
            if (tcp != null && tcp.status() == Status.PASS && udpOnlyProblem) {
                status = Status.WARN;
                note = new Note("note.udp-fallback", Map.of("fallback", tcp.requirement().id()),
                        "UDP does not get through, but " + tcp.requirement().id() + " passes: the client falls back to TCP, with a degraded experience");
            }
        }
        Optional<CheckVerdict> v6 = brokenIpv6Path(checks);
        if (v6.isPresent()) {
            // The client uses the IPv6 names only on a PC with IPv6; there a broken IPv6 path is at
            // least a warning. The IPv4 path alone decides pass or fail (docs/probes-tls-https.md, "IPv6 path").
            status = status.worst(Status.WARN);
            if (note.isEmpty()) {
                String failed = v6.get().check().spec().probe().id() + " " + v6.get().check().spec().targetDisplay() + " " + v6.get().outcome().code();
                note = new Note("note.ipv6-path", Map.of("failed", failed),
                        "warning: the IPv6 path fails (" + failed + "): this PC has IPv6, so a client that uses the IPv6 name cannot get through there");
            }
        }
        List<String> dead = deadAddresses(checks);
        if (note.isEmpty() && !dead.isEmpty()) {
            String list = String.join(", ", dead);
            note = new Note("note.dead-addresses", Map.of("addresses", list),
                    "warning: the client gets through on another address, but " + list + " failed (a client that tries it first waits before falling back)");
        }
        if (req.def().importance() == Importance.OPTIONAL && status == Status.FAIL) {
            status = Status.WARN;
            note = note.isEmpty() ? new Note("note.optional", Map.of(), "optional: only some sites need this") : note;
        }
        return new RequirementVerdict(req, checks, status, note, route);
    }

    /**
     * Compares the proxy path with the direct path, for a requirement the client reaches through
     * a proxy (it has DIRECT_COMPARISON checks). The proxy path works when every check on it
     * passes; the direct path works when the local DNS answer and the direct TCP connect do.
     * This is a statement about the paths; it never changes the requirement's status, which
     * follows the path the client uses.
     */
    static Optional<RouteComparison> compare(List<CheckVerdict> checks) {
        List<CheckVerdict> direct = checks.stream().filter(c -> c.role() != RunResult.Role.PATH).toList();
        if (direct.stream().noneMatch(c -> c.role() == RunResult.Role.DIRECT_COMPARISON)) {
            return Optional.empty();
        }
        List<CheckVerdict> path = checks.stream().filter(c -> c.onPath() && c.check().spec().probe() != ProbeKind.DNS).toList();
        String proxy = state(path, "works", "fails");
        String directState = state(direct, "works", "blocked");
        return Optional.of(RouteComparison.of(proxy, directState, firstProblem(path), firstProblem(direct)));
    }

    private static String state(List<CheckVerdict> checks, String good, String bad) {
        if (checks.stream().anyMatch(c -> c.status() == Status.FAIL || c.status() == Status.WARN)) {
            return bad;
        }
        if (checks.stream().allMatch(c -> c.status() == Status.PASS)) {
            return good;
        }
        return "unknown";
    }

    private static Optional<String> firstProblem(List<CheckVerdict> checks) {
        return checks.stream().filter(c -> c.status() == Status.FAIL || c.status() == Status.WARN).findFirst().map(c -> c.outcome().code());
    }

    /** Judges one check of {@code req}. */
    static CheckVerdict check(Plan plan, PlannedRequirement req, RunResult.CheckRun cr) {
        return check(plan, req, cr, Optional.empty());
    }

    static CheckVerdict check(Plan plan, PlannedRequirement req, RunResult.CheckRun cr, Optional<IpRanges> ranges) {
        ProbeResult r = cr.result();
        if (cr.check().spec().probe() == ProbeKind.REFLECTOR) {
            return ReflectorRule.check(plan, req, cr);
        }
        if (r.outcome() == Outcome.OK && cr.check().spec().probe() == ProbeKind.DNS && r.address().isPresent() && ranges.isPresent()) {
            Optional<DnsAnswerRule.Judgement> j = DnsAnswerRule.judge(cr.check().spec().target().host(), r.address().get(), ranges.get());
            if (j.isPresent()) {
                return new CheckVerdict(cr.check(), r, j.get().outcome(), j.get().detail(), j.get().status());
            }
        }
        Outcome outcome = r.outcome();
        String detail = r.detail();
        // The catalog's expect is written for the IPv4 URL (ws-broker's /ping); the IPv6 names are listed
        // at "/", where any HTTP answer from the genuine server proves the path.
        if (outcome == Outcome.OK && cr.role() != RunResult.Role.IPV6_PATH && r.evidence().orElse(null) instanceof HttpsEvidence https) {
            Optional<String> problem = unmet(req.def().expect(), https);
            if (problem.isPresent()) {
                outcome = Outcome.HTTP_UNEXPECTED_STATUS;
                detail = problem.get();
            }
        }
        if (outcome == Outcome.OK && r.evidence().orElse(null) instanceof LatencyEvidence lat) {
            ProtocolSpec spec = plan.catalog().protocols().get(req.def().protocol());
            if (spec != null && lat.received() > 0) {
                Optional<Quality.Judgement> j = Quality.judge(spec, lat.medianMs(), lat.lossPct(), lat.jitterMs());
                if (j.isPresent()) {
                    outcome = j.get().outcome();
                    detail = j.get().detail();
                }
            }
        }
        Status status = statusOf(outcome);
        if ((status == Status.FAIL || status == Status.WARN) && r.confirmation().map(Confirmation::busy).orElse(false)) {
            // Every attempt waited while this PC was too busy to notice an answer: no verdict on the network.
            status = Status.INCONCLUSIVE;
        }
        return new CheckVerdict(cr.check(), r, outcome, detail, status, cr.role());
    }

    /** The first check on the IPv6 path that failed or warned (skipped and inconclusive ones say nothing about the path). */
    static Optional<CheckVerdict> brokenIpv6Path(List<CheckVerdict> checks) {
        return checks.stream().filter(c -> c.role() == RunResult.Role.IPV6_PATH && (c.status() == Status.FAIL || c.status() == Status.WARN))
                .findFirst();
    }

    /** The addresses that failed on checks that passed on another address: the client gets through, more slowly. */
    static List<String> deadAddresses(List<CheckVerdict> checks) {
        List<String> out = new ArrayList<>();
        for (CheckVerdict c : checks) {
            if (!c.onPath() || c.status() != Status.PASS) {
                continue;
            }
            for (Confirmation.AddressResult a : c.result().confirmation().map(Confirmation::addresses).orElse(List.of())) {
                String item = a.address() + " (" + a.family() + ", " + a.outcome() + ")";
                if (!a.ok() && !a.outcome().equals(Outcome.SKIPPED.code()) && !out.contains(item)) {
                    out.add(item);
                }
            }
        }
        return out;
    }

    /** Returns the status an outcome has at check level, before any requirement rule. */
    public static Status statusOf(Outcome outcome) {
        switch (outcome) {
            case OK:
            case UDP_REPLY:
                return Status.PASS;
            case SKIPPED:
                return Status.SKIP;
            case UDP_NO_REPLY:
            case REFLECTOR_SILENT:
            case DEADLINE_EXCEEDED:
            case ERROR:
                return Status.INCONCLUSIVE;
            case LATENCY_HIGH:
            case JITTER_HIGH:
            case LOSS_HIGH:
            case DNS_INCONSISTENT:
                return Status.WARN;
            default:
                return Status.FAIL;
        }
    }

    private static Optional<String> unmet(Expectation expect, HttpsEvidence https) {
        if (expect.status().isPresent() && expect.status().get() != https.status()) {
            return Optional.of("HTTP " + https.status() + ", the catalog expects " + expect.status().get());
        }
        if (expect.bodyContains().isPresent() && !https.body().contains(expect.bodyContains().get())) {
            return Optional.of("HTTP " + https.status() + " without '" + expect.bodyContains().get() + "' in the body");
        }
        return Optional.empty();
    }

    /**
     * Returns the run's overall status (contract §2: a run is never OK unless it was judged):
     * <ul>
     *   <li>the worst requirement status, where {@code inconclusive} counts as pass, or as warn when strict;</li>
     *   <li>at least {@code warn} when a check on a requirement's path did not finish: cut by the deadline, or
     *       ended in a wscheck {@code error} (that requirement was not judged);</li>
     *   <li>when no requirement passed (pass or warn): {@code fail} if any failed, else {@code inconclusive},
     *       which the exit code reports as UNKNOWN (3): nothing was judged, so nothing may be called OK.</li>
     * </ul>
     */
    public static Status overall(List<RequirementVerdict> verdicts, boolean strict) {
        Status worst = Status.PASS;
        boolean anyPassed = false;
        boolean unfinished = false;
        for (RequirementVerdict v : verdicts) {
            Status s = v.status();
            anyPassed |= s == Status.PASS || s == Status.WARN;
            unfinished |= v.checks().stream().anyMatch(c -> c.onPath() && unfinished(c.outcome()));
            if (s == Status.INCONCLUSIVE) {
                s = strict ? Status.WARN : Status.PASS;
            }
            worst = worst.worst(s == Status.SKIP ? Status.PASS : s);
        }
        if (!anyPassed) {
            return worst == Status.FAIL ? Status.FAIL : Status.INCONCLUSIVE;
        }
        return unfinished ? worst.worst(Status.WARN) : worst;
    }

    /** Outcomes that mean the check was not judged: cut by the run's deadline, or a wscheck bug. */
    private static boolean unfinished(Outcome o) {
        return o == Outcome.DEADLINE_EXCEEDED || o == Outcome.ERROR;
    }
}
