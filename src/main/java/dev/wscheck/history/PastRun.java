package dev.wscheck.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wscheck.report.TerminalSafe;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the history needs of one stored run: when it started, its verdict, and each requirement's
 * status with the check that decided it. Read from the run's JSON report as it was written.
 *
 * @param file the stored report
 * @param requirements by id, in report order
 */
public record PastRun(Path file, Instant startedAt, long durationMs, String status, boolean interrupted, Counts counts,
                      Map<String, PastRequirement> requirements) {

    public record Counts(int pass, int warn, int fail, int inconclusive, int skip) {}

    /**
     * One requirement of a past run.
     *
     * @param outcome the outcome of the check that decided its status (its first check when all pass)
     * @param target that check's probe and target ("udp drp-nrt.amazonworkspaces.com:4172")
     */
    public record PastRequirement(String id, String status, String outcome, String target) {}

    /** Reads a stored report; throws IllegalArgumentException when it is not one. */
    static PastRun of(Path file, JsonNode report) {
        String started = report.path("startedAt").asText("");
        Instant at;
        try {
            at = Instant.parse(started);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("no startedAt");
        }
        JsonNode c = report.path("counts");
        Map<String, PastRequirement> reqs = new LinkedHashMap<>();
        for (JsonNode r : report.path("requirements")) {
            String status = TerminalSafe.text(r.path("status").asText());
            JsonNode decisive = decisive(r.path("checks"), status);
            String id = TerminalSafe.text(r.path("id").asText());
            reqs.put(id, new PastRequirement(id, status,
                    decisive == null ? "" : TerminalSafe.text(decisive.path("outcome").asText()),
                    decisive == null ? "" : TerminalSafe.text(decisive.path("probe").asText() + " " + decisive.path("target").asText())));
        }
        return new PastRun(file, at, report.path("durationMs").asLong(), TerminalSafe.text(report.path("status").asText()),
                report.path("interrupted").asBoolean(false),
                new Counts(c.path("pass").asInt(), c.path("warn").asInt(), c.path("fail").asInt(), c.path("inconclusive").asInt(),
                        c.path("skip").asInt()), reqs);
    }

    /** The check with the requirement's own status, else the first that did not pass, else the first. */
    static JsonNode decisive(JsonNode checks, String status) {
        JsonNode firstBad = null;
        for (JsonNode k : checks) {
            String s = k.path("status").asText();
            if (s.equals(status) && !s.equals("pass")) {
                return k;
            }
            if (firstBad == null && !s.equals("pass") && !s.equals("skip")) {
                firstBad = k;
            }
        }
        return firstBad != null ? firstBad : checks.size() > 0 ? checks.get(0) : null;
    }
}
