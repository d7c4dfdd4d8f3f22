package dev.wscheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Contract §8: the report as Prometheus series, in the text exposition format the node_exporter
 * textfile collector reads and {@code wscheck serve} answers a {@code /probe} with. No
 * timestamps. A check shared by several requirements is one series per distinct (probe, target,
 * via); a check reports only the phases its probe has ({@link #PHASES}).
 */
public final class PrometheusReporter implements Reporter {
    /** The requirement statuses, each one series of wscheck_requirement_status. */
    static final List<String> STATUSES = List.of("pass", "warn", "fail", "inconclusive", "skip");

    /** The phases each probe has; a phase not listed for a probe is never reported for it. */
    static final Map<String, List<String>> PHASES = Map.of(
            "dns", List.of("dns"),
            "tcp", List.of("connect"),
            "tls", List.of("connect", "tls"),
            "https", List.of("connect", "tls", "request"),
            "udp", List.of("request"),
            "latency", List.of("connect"),
            "reflector", List.of("request"));

    private static final ObjectMapper EVIDENCE = JsonReporter.mapper();

    @Override
    public void write(Report r, Writer out) throws IOException {
        Exposition x = new Exposition(out);
        String region = r.region();
        x.family("wscheck_success", "gauge", "1 when WorkSpaces can work from here (status pass or warn), else 0.")
                .sample("wscheck_success", "pass".equals(r.status()) || "warn".equals(r.status()) ? 1 : 0, "region", region);
        x.family("wscheck_status_code", "gauge", "The exit code of the run: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.")
                .sample("wscheck_status_code", exitCode(r.status()), "region", region);

        x.family("wscheck_requirement_status", "gauge", "1 for the requirement's current status, 0 for the others.");
        for (Report.Requirement q : r.requirements()) {
            if (q.filtered()) {
                continue; // left out by only/skip: not judged in this run
            }
            for (String s : STATUSES) {
                x.sample("wscheck_requirement_status", s.equals(q.status()) ? 1 : 0,
                        "region", region, "requirement", q.id(), "protocol", q.protocol(), "status", s);
            }
        }

        Map<String, Check> checks = distinctChecks(r);
        x.family("wscheck_check_success", "gauge", "1 when the check passed, else 0; one series per distinct probe, target and route.");
        for (Check c : checks.values()) {
            x.sample("wscheck_check_success", c.passed ? 1 : 0, "probe", c.check.probe(), "target", c.check.target(), "via", c.check.via());
        }
        // Addition to §8: the outcome code itself, so that rules can key on it (tls-intercepted, udp-no-reply).
        x.family("wscheck_check_outcome", "gauge", "Always 1; the outcome label is the check's outcome code (wscheck explain CODE).");
        for (Check c : checks.values()) {
            x.sample("wscheck_check_outcome", 1, "probe", c.check.probe(), "target", c.check.target(), "via", c.check.via(),
                    "outcome", c.worst.outcome());
        }
        x.family("wscheck_check_duration_seconds", "gauge", "Time a check spent in each phase its probe has (dns, connect, tls, request).");
        for (Check c : checks.values()) {
            Map<String, Long> phases = c.check.phases() == null ? Map.of() : c.check.phases();
            for (String phase : PHASES.getOrDefault(c.check.probe(), List.of())) {
                Long ms = phases.get(phase);
                if (ms != null) {
                    x.sample("wscheck_check_duration_seconds", ms / 1000.0,
                            "probe", c.check.probe(), "target", c.check.target(), "via", c.check.via(), "phase", phase);
                }
            }
        }

        Map<String, Rtt> rtts = rtts(r);
        if (!rtts.isEmpty()) {
            x.family("wscheck_rtt_seconds", "summary", "TCP connect round-trip samples to a streaming endpoint.");
            for (Rtt t : rtts.values()) {
                List<Double> s = t.samplesMs;
                x.sample("wscheck_rtt_seconds", quantile(s, 0) / 1000.0, "protocol", t.protocol, "target", t.target, "quantile", "0");
                x.sample("wscheck_rtt_seconds", quantile(s, 0.5) / 1000.0, "protocol", t.protocol, "target", t.target, "quantile", "0.5");
                x.sample("wscheck_rtt_seconds", quantile(s, 0.95) / 1000.0, "protocol", t.protocol, "target", t.target, "quantile", "0.95");
                x.sample("wscheck_rtt_seconds_sum", s.stream().mapToDouble(Double::doubleValue).sum() / 1000.0,
                        "protocol", t.protocol, "target", t.target);
                x.sample("wscheck_rtt_seconds_count", s.size(), "protocol", t.protocol, "target", t.target);
            }
        }

        x.family("wscheck_run_duration_seconds", "gauge", "How long the run took.")
                .sample("wscheck_run_duration_seconds", r.durationMs() / 1000.0, "region", region);
        x.family("wscheck_run_timestamp_seconds", "gauge", "When the run started, in seconds since the Unix epoch.")
                .sample("wscheck_run_timestamp_seconds", startedAt(r), "region", region);
        out.flush();
    }

    /** The exit code of contract §2 for a report status. */
    static int exitCode(String status) {
        switch (status == null ? "" : status) {
            case "pass":
                return 0;
            case "warn":
                return 1;
            case "fail":
                return 2;
            default:
                return 3;
        }
    }

    /** One series' check; it passed only if every requirement's copy of it passed; its outcome is that of the first copy that did not. */
    private static final class Check {
        final Report.Check check;
        Report.Check worst;
        boolean passed;

        Check(Report.Check check) {
            this.check = check;
            this.worst = check;
            this.passed = "pass".equals(check.status());
        }

        void add(Report.Check other) {
            if (passed && !"pass".equals(other.status())) {
                worst = other;
            }
            passed &= "pass".equals(other.status());
        }
    }

    private static Map<String, Check> distinctChecks(Report r) {
        Map<String, Check> byKey = new LinkedHashMap<>();
        for (Report.Requirement q : r.requirements()) {
            for (Report.Check c : q.checks()) {
                String key = c.probe() + "\u0000" + c.target() + "\u0000" + c.via();
                Check seen = byKey.get(key);
                if (seen == null) {
                    byKey.put(key, new Check(c));
                } else {
                    seen.add(c);
                }
            }
        }
        return byKey;
    }

    private record Rtt(String protocol, String target, List<Double> samplesMs) {}

    /** Latency samples per (protocol, target), from the latency checks' evidence. */
    private static Map<String, Rtt> rtts(Report r) {
        Map<String, Rtt> byKey = new LinkedHashMap<>();
        for (Report.Requirement q : r.requirements()) {
            for (Report.Check c : q.checks()) {
                if (!"latency".equals(c.probe()) || c.evidence() == null) {
                    continue;
                }
                String key = q.protocol() + "\u0000" + c.target();
                if (!byKey.containsKey(key)) {
                    byKey.put(key, new Rtt(q.protocol(), c.target(), samples(c.probeEvidence())));
                }
            }
        }
        return byKey;
    }

    /** {@code samplesMs} of latency evidence, whether it is the probe's record or a re-read JSON report's tree. */
    private static List<Double> samples(Object evidence) {
        JsonNode tree = evidence instanceof JsonNode j ? j : EVIDENCE.valueToTree(evidence);
        List<Double> out = new ArrayList<>();
        for (JsonNode n : tree.path("samplesMs")) {
            out.add(n.asDouble());
        }
        return out;
    }

    /** The nearest-rank quantile of the samples; NaN when there are none. */
    static double quantile(List<Double> samples, double q) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(samples);
        s.sort(Double::compare);
        int rank = (int) Math.ceil(q * s.size());
        return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
    }

    private static double startedAt(Report r) {
        try {
            Instant t = Instant.parse(r.startedAt());
            return t.getEpochSecond() + t.getNano() / 1e9;
        } catch (DateTimeParseException | NullPointerException e) {
            return Double.NaN;
        }
    }
}
