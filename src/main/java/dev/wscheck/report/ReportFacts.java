package dev.wscheck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Questions every renderer asks of a {@link Report}, answered once here so that no format
 * recomputes a verdict differently: the worst check of a requirement, the answer per protocol,
 * which remediation a run-wide finding already says, and what to fix first.
 */
final class ReportFacts {
    private ReportFacts() {}

    static final List<String> ORDER = List.of("skip", "pass", "inconclusive", "warn", "fail");

    static int rank(String status) {
        return ORDER.indexOf(status);
    }

    /**
     * A requirement's worst check on the client's path (its first check when all pass); empty without
     * checks. The IPv6 path counts as the client's path here: where it alone fails, it is what warns.
     */
    static Optional<Report.Check> worstCheck(Report.Requirement q) {
        Report.Check worst = null;
        for (Report.Check c : q.checks()) {
            if (c.role() != null && !c.role().equals("ipv6-path") && worst != null) {
                continue;
            }
            if (worst == null || rank(c.status()) > rank(worst.status())) {
                worst = c;
            }
        }
        return Optional.ofNullable(worst);
    }

    /** The verdict for one protocol ("any" = the HTTPS requirements every client needs) and the requirements that decide it. */
    record Answer(String protocol, String status, List<String> because) {}

    static List<Answer> answers(Report r) {
        List<Answer> out = new ArrayList<>();
        out.add(answer(r, "any"));
        for (String p : r.protocols()) {
            out.add(answer(r, p));
        }
        return out;
    }

    static Answer answer(Report r, String protocol) {
        String worst = "skip";
        List<String> culprits = new ArrayList<>();
        for (Report.Requirement q : r.requirements()) {
            if (!q.protocol().equals(protocol)) {
                continue;
            }
            int rank = rank(q.status());
            if (rank > rank(worst)) {
                worst = q.status();
                culprits.clear();
            }
            if (rank == rank(worst) && rank >= rank("inconclusive")) {
                culprits.add(q.id());
            }
        }
        return new Answer(protocol, worst, List.copyOf(culprits));
    }

    /** True when a run-wide finding already says what this remedy says (TLS inspection, proxy denial): say it once. */
    static boolean saidByFinding(Report r, Report.Remedy m) {
        Report.Findings f = r.findings();
        if (f == null) {
            return false;
        }
        boolean tls = f.tlsInspection() != null && (m.code().equals("tls-intercepted") || m.code().equals("tls-untrusted"));
        boolean denied = f.proxyDenied() != null && !f.proxyDenied().isEmpty() && m.code().equals("proxy-denied");
        return tls || denied;
    }

    /** The remedies of a requirement that no run-wide finding covers. */
    static List<Report.Remedy> ownRemedies(Report r, Report.Requirement q) {
        return q.remediation().stream().filter(m -> !saidByFinding(r, m)).toList();
    }

    /** The finding key ("tls", "proxyDenied") a requirement's remedies point to, if any. */
    static Optional<String> findingFor(Report r, Report.Requirement q) {
        for (Report.Remedy m : q.remediation()) {
            if (saidByFinding(r, m)) {
                return Optional.of(m.code().equals("proxy-denied") ? "proxyDenied" : "tls");
            }
        }
        return Optional.empty();
    }

    static boolean problem(Report.Requirement q) {
        return !q.status().equals("pass") && !q.status().equals("skip");
    }

    /**
     * At most two things to fix first, most important first: a run-wide finding covers many
     * requirements at once, then the remediation of the first failing (else warning) requirement
     * that no finding covers. Each is a finding key or a requirement id with its first remedy.
     */
    record Fix(String finding, Report.Requirement requirement, String text) {}

    static List<Fix> fixFirst(Report r) {
        List<Fix> out = new ArrayList<>();
        Report.Findings f = r.findings();
        if (f != null && f.tlsInspection() != null) {
            out.add(new Fix("tls", null, null));
        }
        if (f != null && f.proxyDenied() != null && !f.proxyDenied().isEmpty()) {
            out.add(new Fix("proxyDenied", null, null));
        }
        if (clockSkewed(r)) {
            out.add(new Fix("clock", null, null));
        }
        for (String status : List.of("fail", "warn", "inconclusive")) {
            for (Report.Requirement q : r.requirements()) {
                if (out.size() >= 2) {
                    return out;
                }
                if (!q.status().equals(status)) {
                    continue;
                }
                List<Report.Remedy> own = ownRemedies(r, q);
                if (!own.isEmpty() && out.stream().noneMatch(x -> x.text() != null && x.text().equals(own.get(0).text()))) {
                    out.add(new Fix(null, q, own.get(0).text()));
                }
            }
        }
        return out.size() > 2 ? out.subList(0, 2) : out;
    }

    static boolean clockSkewed(Report r) {
        return r.environment() != null && r.environment().clock() != null && r.environment().clock().skewed();
    }

    /** "1.2" seconds, the same in every language. */
    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }

    static String exitName(String status) {
        return ConsoleReporter.exitFor(status).name();
    }

    static int exitCode(String status) {
        return ConsoleReporter.exitFor(status).code();
    }

    static String protocolName(String p) {
        return p.equals("pcoip") ? "PCoIP" : p.equals("dcv") ? "DCV" : p;
    }
}
