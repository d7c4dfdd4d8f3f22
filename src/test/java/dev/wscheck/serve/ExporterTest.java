package dev.wscheck.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.testing.Promtool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint of {@code wscheck serve} and every limit, against a tiny catalog of loopback fixtures. */
class ExporterTest {
    @TempDir
    static Path tmp;

    static ServeFixtures fixtures;
    static Exporter exporter;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        fixtures = new ServeFixtures(tmp);
        exporter = Exporter.start(fixtures.defaults(Duration.ofSeconds(2), Duration.ofSeconds(20)), ServeFixtures.loopback(4, 5));
    }

    @AfterAll
    static void stop() throws Exception {
        exporter.close();
        fixtures.close();
    }

    static URI uri(Exporter e, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + e.address().getPort() + pathAndQuery);
    }

    static HttpResponse<String> get(Exporter e, String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(e, pathAndQuery)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aProbeAnswersTheContractSeriesForItsRegion() throws Exception {
        HttpResponse<String> r = get(exporter, "/probe?region=ap-northeast-1&only=session-broker&only=pcoip-streaming-tcp");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        String body = r.body();
        assertTrue(body.contains("wscheck_success{region=\"ap-northeast-1\"} 1\n"), body);
        assertTrue(body.contains("wscheck_status_code{region=\"ap-northeast-1\"} 0\n"), body);
        assertTrue(body.contains("wscheck_requirement_status{region=\"ap-northeast-1\",requirement=\"session-broker\",protocol=\"any\",status=\"pass\"} 1\n"), body);
        assertTrue(body.contains("wscheck_check_success{probe=\"https\",target=\"https://broker.wscheck.test:"), body);
        assertFalse(body.contains("requirement=\"slow\""), "a requirement left out by only= is not reported");
        if (Promtool.find().isPresent()) {
            Promtool.Result lint = Promtool.checkMetrics(body);
            assertEquals(0, lint.exit(), lint.output());
        }
    }

    @Test
    void theProtocolParameterNarrowsTheRun() throws Exception {
        String body = get(exporter, "/probe?region=ap-northeast-1&protocol=dcv&only=streaming").body();
        assertTrue(body.contains("requirement=\"dcv-latency\""), body);
        assertFalse(body.contains("requirement=\"pcoip-streaming-tcp\""), body);
        assertTrue(body.contains("wscheck_rtt_seconds_count{protocol=\"dcv\""), body);
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("no region", "/probe", 400, "region is required"),
                Arguments.of("a region the catalog does not know", "/probe?region=us-east-1", 400, "not a region of the catalog"),
                Arguments.of("a host name instead of a region", "/probe?region=evil.example.com", 400, "not a region of the catalog"),
                Arguments.of("a requirement id the catalog does not know", "/probe?region=ap-northeast-1&only=http://10.0.0.1/", 400,
                        "no requirement id or category"),
                Arguments.of("an unknown protocol", "/probe?region=ap-northeast-1&protocol=rdp", 400, "use pcoip, dcv"),
                Arguments.of("region given twice", "/probe?region=ap-northeast-1&region=ap-northeast-1", 400, "give it once"),
                Arguments.of("an unknown parameter (no target= as in blackbox)", "/probe?region=ap-northeast-1&target=10.0.0.1", 400,
                        "unknown parameter 'target'"),
                Arguments.of("a scrape timeout that is no number", "/probe?region=ap-northeast-1", 400, "is not a number"),
                Arguments.of("a report that was never made", "/report?id=999999", 404, "is not among the last"),
                Arguments.of("a page that does not exist", "/admin", 404, "no such page"),
                Arguments.of("an overlong request line", "/probe?region=" + "a".repeat(Exporter.MAX_URI), 414, "longer than"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("badRequests")
    void badRequestsAreAnsweredWithOneLine(String name, String path, int status, String says) throws Exception {
        HttpResponse<String> r = name.contains("scrape timeout")
                ? get(exporter, path, Exporter.SCRAPE_TIMEOUT_HEADER, "soon")
                : get(exporter, path);
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.body().contains(says), r.body());
        assertEquals(1, r.body().strip().lines().count(), "one line: " + r.body());
    }

    @Test
    void aRequestWithABodyOrAnotherMethodIsRefused() throws Exception {
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(uri(exporter, "/probe?region=ap-northeast-1"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode(), post.body());
        HttpResponse<String> body = HTTP.send(HttpRequest.newBuilder(uri(exporter, "/probe?region=ap-northeast-1"))
                .method("GET", HttpRequest.BodyPublishers.ofString("x".repeat(100))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, body.statusCode(), body.body());
    }

    @Test
    void theScrapeTimeoutBoundsTheProbe() throws Exception {
        // serve's own timeout is 10 s and its deadline 20 s; the scraper allows 3 s, so the probe gets 2.5 s.
        try (Exporter patient = Exporter.start(fixtures.defaults(Duration.ofSeconds(10), Duration.ofSeconds(20)), ServeFixtures.loopback(2, 5))) {
            long start = System.nanoTime();
            HttpResponse<String> r = get(patient, "/probe?region=ap-northeast-1&only=slow", Exporter.SCRAPE_TIMEOUT_HEADER, "3");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(seconds < 3, "answered within the scrape timeout: " + seconds + " s");
            assertTrue(r.body().contains("wscheck_check_success{probe=\"tcp\",target=\"drp.wscheck.test:"), r.body());
            assertTrue(r.body().contains("requirement=\"slow\",protocol=\"dcv\",status=\"pass\"} 0"), r.body());
        }
    }

    @Test
    void theDeadlineIsTheScrapeTimeoutLessAMargin() {
        Duration fallback = Duration.ofSeconds(30);
        assertEquals(Duration.ofMillis(9500), Exporter.deadline("10", fallback));
        assertEquals(Duration.ofMillis(400), Exporter.deadline("0.8", fallback), "half a timeout shorter than twice the margin");
        assertEquals(fallback, Exporter.deadline("120", fallback), "never longer than serve's own deadline");
        assertEquals(fallback, Exporter.deadline(null, fallback));
    }

    @Test
    void probesBeyondTheLimitAreAnswered429AtOnce() throws Exception {
        try (Exporter one = Exporter.start(fixtures.defaults(Duration.ofSeconds(2), Duration.ofSeconds(20)), ServeFixtures.loopback(1, 5))) {
            CompletableFuture<HttpResponse<String>> slow = HTTP.sendAsync(HttpRequest.newBuilder(uri(one, "/probe?region=ap-northeast-1&only=slow"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!get(one, "/metrics").body().contains("wscheck_exporter_probes_in_flight 1\n") && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            long start = System.nanoTime();
            HttpResponse<String> second = get(one, "/probe?region=ap-northeast-1&only=session-broker");
            assertTrue((System.nanoTime() - start) / 1e9 < 1.5, "refused at once, not queued behind the 2 s probe");
            assertEquals(429, second.statusCode(), second.body());
            assertEquals("1", second.headers().firstValue("Retry-After").orElse(""));
            assertEquals(200, slow.get().statusCode());
            String metrics = get(one, "/metrics").body();
            assertTrue(metrics.contains("wscheck_exporter_probes_total{result=\"rejected\"} 1\n"), metrics);
            assertTrue(metrics.contains("wscheck_exporter_probes_in_flight 0\n"), metrics);
            assertEquals(200, get(one, "/probe?region=ap-northeast-1&only=session-broker").statusCode(), "a slot is free again");
        }
    }

    @Test
    void aClientBeyondItsRatePerSourceIsAnswered429UntilItsBucketRefills() throws Exception {
        ServeSettings fivePerSecond = new ServeSettings(new InetSocketAddress("127.0.0.1", 0), 4, 5, java.util.Locale.ENGLISH, 5);
        try (Exporter limited = Exporter.start(fixtures.defaults(Duration.ofSeconds(2), Duration.ofSeconds(20)), fivePerSecond)) {
            List<Integer> codes = new ArrayList<>();
            HttpResponse<String> refused = null;
            for (int i = 0; i < 60; i++) {
                HttpResponse<String> r = get(limited, "/metrics");
                codes.add(r.statusCode());
                if (r.statusCode() == 429 && refused == null) {
                    refused = r;
                }
            }
            // 5 a second with a burst of 10: the first ten pass whatever the timing; sixty in a row cannot all pass
            // unless they took 10 s.
            assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200, 200, 200), codes.subList(0, 10), codes.toString());
            assertTrue(refused != null, "60 requests in a row from one address, none refused: " + codes);
            assertEquals("too many requests from 127.0.0.1 (at most 5 a second); try again\n", refused.body());
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
            Thread.sleep(1_100);
            assertEquals(200, get(limited, "/metrics").statusCode(), "the bucket refilled after a second");
        }
    }

    @Test
    void metricsAnswerTheExportersOwnHealthAndProcessSeries() throws Exception {
        get(exporter, "/probe?region=ap-northeast-1&only=session-broker");
        HttpResponse<String> r = get(exporter, "/metrics");
        assertEquals(200, r.statusCode());
        String body = r.body();
        for (String series : new String[] {"wscheck_exporter_probes_total{result=\"success\"}", "wscheck_exporter_probes_total{result=\"failure\"}",
                "wscheck_exporter_probe_duration_seconds_bucket{le=\"+Inf\"}", "wscheck_exporter_probe_duration_seconds_count",
                "wscheck_exporter_probes_in_flight", "process_open_fds", "process_cpu_seconds_total", "jvm_threads_current",
                "jvm_memory_used_bytes{area=\"heap\"}"}) {
            assertTrue(body.contains(series), series + " in " + body);
        }
        Assumptions.assumeTrue(Promtool.find().isPresent(), Promtool.whyAbsent());
        Promtool.Result lint = Promtool.checkMetrics(body);
        assertEquals(0, lint.exit(), lint.output());
    }

    @Test
    void theIndexListsRecentProbesWithLinksToTheirJsonReports() throws Exception {
        get(exporter, "/probe?region=ap-northeast-1&only=pcoip-streaming-tcp");
        HttpResponse<String> page = get(exporter, "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String html = page.body();
        assertTrue(html.contains("region=ap-northeast-1&amp;only=pcoip-streaming-tcp"), html);
        int at = html.indexOf("/report?id=");
        assertTrue(at > 0, html);
        String id = html.substring(at + "/report?id=".length(), html.indexOf('"', at));
        HttpResponse<String> json = get(exporter, "/report?id=" + id);
        assertEquals(200, json.statusCode(), json.body());
        assertTrue(json.body().contains("\"schemaVersion\" : 1"), json.body());
        assertTrue(html.split("<tr>").length - 2 <= 5, "only the last --keep probes are listed");
    }

    @Test
    void itListensOnLoopbackByDefault() {
        assertTrue(exporter.address().getAddress().isLoopbackAddress());
        assertEquals("127.0.0.1:9469", ServeSettings.DEFAULT_LISTEN);
    }
}
