package dev.wscheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus (Debian package {@code prometheus}) scrapes {@code wscheck serve}, both running
 * in the lab's client namespace on its loopback (serve's default listen address), with the
 * built-in catalog against the lab's stand-ins; the query API then returns wscheck_success and
 * wscheck_requirement_status. Skipped, with the reason on one line, where the lab cannot run.
 */
@Tag("lab")
class PrometheusLabIT {
    private static final String PROMETHEUS = "/usr/bin/prometheus";

    @Test
    void prometheusScrapesServeInTheLabAndAnswersQueries() throws Exception {
        Optional<String> why = Lab.whyNot();
        if (why.isEmpty() && !Files.isExecutable(Path.of(PROMETHEUS))) {
            why = Optional.of(PROMETHEUS + " is missing (apt-get install prometheus; .ci/run installs it)");
        }
        if (why.isPresent()) {
            System.err.println("wscheck Prometheus lab scenario skipped: " + why.get());
            Assumptions.abort(why.get());
        }
        if (!Lab.lock(600)) {
            System.err.println("wscheck Prometheus lab scenario skipped: the lab is in use (/tmp/wscheck-lab.owner exists)");
            Assumptions.abort("the lab is in use");
        }
        Path dir = Files.createTempDirectory("wscheck-prometheus-lab-");
        List<Process> started = new ArrayList<>();
        try {
            Lab.Result up = Lab.lab("up");
            assertEquals(0, up.exit(), "scripts/lab up failed:\n" + up.out() + up.err());
            String labCa = Lab.lab("ca", "--lab").out().trim();
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 5s
                      scrape_timeout: 4s
                    scrape_configs:
                      - job_name: wscheck
                        metrics_path: /probe
                        params: {region: [ap-northeast-1]}
                        static_configs: [{targets: ["127.0.0.1:9469"], labels: {office: lab}}]
                      - job_name: wscheck-exporter
                        static_configs: [{targets: ["127.0.0.1:9469"], labels: {office: lab}}]
                    """);
            started.add(inLab(dir.resolve("serve.log"), "java", "-jar", Lab.JAR.toString(), "serve", "--proxy", "none", "--trust", labCa,
                    "--public-roots", labCa, "--timeout", "3s", "--samples", "3"));
            started.add(inLab(dir.resolve("prometheus.log"), PROMETHEUS, "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:9090"));

            JsonNode success = poll("wscheck_success", dir);
            JsonNode result = success.path("data").path("result");
            assertEquals(1, result.size(), success.toString());
            assertEquals("ap-northeast-1", result.get(0).path("metric").path("region").asText());
            assertEquals("lab", result.get(0).path("metric").path("office").asText());
            assertEquals("1", result.get(0).path("value").get(1).asText(), "the clean lab lets WorkSpaces work: " + success);

            JsonNode tcp = poll("wscheck_requirement_status{requirement=\"pcoip-streaming-tcp\",status=\"pass\"}", dir);
            assertEquals("1", tcp.path("data").path("result").get(0).path("value").get(1).asText(), tcp.toString());
            JsonNode all = poll("count(wscheck_requirement_status)", dir);
            assertTrue(all.path("data").path("result").get(0).path("value").get(1).asInt() >= 5 * 10,
                    "five series for each requirement: " + all);
            // The exporter's own series exist (at 0) before its first probe ends: wait for the count, not the series.
            JsonNode health = poll("wscheck_exporter_probes_total{result=\"success\"} >= 1", dir);
            assertTrue(health.path("data").path("result").get(0).path("value").get(1).asInt() >= 1, health.toString());
        } finally {
            for (Process p : started) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            try {
                Lab.Result down = Lab.lab("down");
                assertEquals(0, down.exit(), "scripts/lab down failed:\n" + down.out() + down.err());
            } finally {
                Lab.unlock();
                deleteTree(dir);
            }
        }
    }

    /** Starts a long-running command in the client namespace, its output into {@code log}. */
    private static Process inLab(Path log, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Lab.SCRIPT.toString(), "exec"));
        cmd.addAll(List.of(command));
        return new ProcessBuilder(cmd).directory(Lab.ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Asks Prometheus's query API (from inside the namespace) until the query has a result, for up to 90 s. */
    private static JsonNode poll(String query, Path dir) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        JsonNode last = null;
        while (System.nanoTime() < end) {
            Lab.Result r = Lab.lab("exec", "curl", "-s", "-G", "--max-time", "5", "http://127.0.0.1:9090/api/v1/query",
                    "--data-urlencode", "query=" + query);
            if (r.exit() == 0 && !r.out().isBlank()) {
                last = new ObjectMapper().readTree(r.out());
                if (last.path("status").asText().equals("success") && last.path("data").path("result").size() > 0) {
                    return last;
                }
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("no result for " + query + " within 90 s; last answer " + last + "\nserve: "
                + tail(dir.resolve("serve.log")) + "\nprometheus: " + tail(dir.resolve("prometheus.log")));
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
