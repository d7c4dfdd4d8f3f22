package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.catalog.RegionDef;
import dev.wscheck.history.PastRun;
import dev.wscheck.history.Timeline;
import dev.wscheck.history.TimelineFormat;
import dev.wscheck.report.DisplayWidth;
import dev.wscheck.report.RegionsRenderer;
import dev.wscheck.report.RegionsReport;
import dev.wscheck.testing.CliRun;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tables people read under {@code --lang ja}: {@code history}, {@code regions} and
 * {@code ip-ranges show/update}. Golden files in both languages for the history and regions tables
 * (rendered from fixed runs and a fixed regions report: no clock, no network); the Japanese ones
 * hold no English sentence and their columns line up by display width (East Asian wide characters
 * count two). The ip-ranges cases run the real command line on the test fixture, offline.
 */
class JapaneseTablesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Path IP_RANGES = Path.of("src/test/resources/ipranges/fixture-ip-ranges.json");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @TempDir
    static Path tmp;

    /** Three runs: all pass, then a streaming port refused and a warning, then back to pass but interrupted. */
    static Timeline timeline() {
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        PastRun.PastRequirement udpPass = new PastRun.PastRequirement("pcoip-streaming-udp", "pass", "ok", "udp drp-nrt.amazonworkspaces.com:4172");
        PastRun.PastRequirement udpFail = new PastRun.PastRequirement("pcoip-streaming-udp", "fail", "udp-port-unreachable",
                "udp drp-nrt.amazonworkspaces.com:4172");
        PastRun.PastRequirement latencyPass = new PastRun.PastRequirement("pcoip-latency", "pass", "ok", "latency drp-nrt.amazonworkspaces.com:4172");
        PastRun.PastRequirement latencyWarn = new PastRun.PastRequirement("pcoip-latency", "warn", "", "");
        List<PastRun> runs = List.of(
                run(t0, 8_400, "pass", false, new PastRun.Counts(30, 0, 0, 0, 1), udpPass, latencyPass),
                run(t0.plusSeconds(3600), 12_900, "fail", false, new PastRun.Counts(28, 1, 1, 0, 1), udpFail, latencyWarn),
                run(t0.plusSeconds(7200), 3_100, "pass", true, new PastRun.Counts(12, 0, 0, 0, 19), udpPass, latencyPass));
        return Timeline.of(runs, Optional.empty());
    }

    private static PastRun run(Instant at, long ms, String status, boolean interrupted, PastRun.Counts c, PastRun.PastRequirement... reqs) {
        Map<String, PastRun.PastRequirement> m = new LinkedHashMap<>();
        for (PastRun.PastRequirement r : reqs) {
            m.put(r.id(), r);
        }
        return new PastRun(Path.of("run-" + at.getEpochSecond() + ".json"), at, ms, status, interrupted, c, m);
    }

    /** Two reached regions of the built-in catalog, one refused, one black-holed, and one the catalog cannot measure. */
    static RegionsReport regions() {
        RegionDef notMeasured = CatalogLoader.builtin().regions().values().stream()
                .filter(r -> r.notPublished().containsKey("pcoip-latency")).findFirst().orElseThrow();
        Map<String, String> pass = new LinkedHashMap<>(Map.of("pcoip", "pass"));
        pass.put("dcv", "pass");
        Map<String, String> warn = new LinkedHashMap<>(Map.of("pcoip", "warn"));
        warn.put("dcv", "pass");
        Map<String, String> fail = new LinkedHashMap<>(Map.of("pcoip", "fail"));
        fail.put("dcv", "fail");
        return new RegionsReport(1, List.of(
                new RegionsReport.Region("ap-northeast-1", "Asia Pacific (Tokyo)", 1, new RegionsReport.Ms(4.1, 4.6, 6.2),
                        new RegionsReport.Ms(38.0, 41.5, 52.3), 0.0, pass, null),
                new RegionsReport.Region("ap-northeast-3", "Asia Pacific (Osaka)", 2, new RegionsReport.Ms(118.2, 122.0, 140.9), null, 0.0, warn,
                        "pcoip latency-high: median round trip 122 ms is above 100 ms, the best-experience bound for PCoIP; https ws-broker-service.ap-northeast-3.amazonaws.com: connection reset"),
                new RegionsReport.Region("eu-west-2", "Europe (London)", null, null, null, 100.0, fail,
                        "pcoip tcp-refused (connection refused); dcv tcp-refused (connection refused); https tcp-refused: connection refused"),
                new RegionsReport.Region("us-east-1", "US East (N. Virginia)", null, null, null, 100.0, fail,
                        "pcoip tcp-timeout (no answer within 5000 ms); dcv tcp-timeout (no answer within 5000 ms); https the catalog names no broker for this region")),
                List.of(new RegionsReport.NotMeasured(notMeasured.code(), notMeasured.notPublished().get("pcoip-latency")),
                        new RegionsReport.NotMeasured("lab-z", "the catalog has no latency endpoint for pcoip or dcv in this region")));
    }

    record Golden(String file, String text) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Golden> goldens() throws IOException {
        List<Golden> out = new ArrayList<>();
        for (Locale l : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            String suffix = l.getLanguage().equals("ja") ? ".ja.txt" : ".txt";
            StringWriter h = new StringWriter();
            TimelineFormat.table(timeline(), Path.of("history"), TOKYO, l, h);
            out.add(new Golden("history-table" + suffix, h.toString().replace("\r\n", "\n")));
            StringWriter r = new StringWriter();
            RegionsRenderer.table(regions(), l, r);
            out.add(new Golden("regions-table" + suffix, r.toString().replace("\r\n", "\n")));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void tablesMatchTheirGoldenFiles(Golden g) throws IOException {
        Path file = GOLDEN.resolve(g.file());
        if (Boolean.getBoolean("wscheck.updateGolden") || !Files.exists(file)) {
            Files.writeString(file, g.text(), StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), g.text(), "differs from " + file);
    }

    @ParameterizedTest(name = "{0}: no English sentence")
    @MethodSource("goldens")
    void japaneseTablesHaveNoEnglish(Golden g) {
        if (!g.file().endsWith(".ja.txt")) {
            return;
        }
        for (String line : g.text().split("\n")) {
            // The probes' targets ("udp host:4172") and the ranks' figures are values, not words.
            String text = line.replaceAll("\\b(udp|tcp|latency|https) [\\w.-]+:\\d+", " ").replaceAll("\\b(min|p95)\\b", " ");
            assertEquals(List.of(), EnglishWords.in(text), "English left in: " + line);
        }
    }

    @Test
    void everyBundleOfTheseTablesHasTheSameKeysInBothLanguages() throws IOException {
        for (String base : List.of("cli/ipranges", "history/timeline", "report/regions", "serve/page")) {
            assertEquals(keys(base + ".properties"), keys(base + "_ja.properties"), base);
        }
    }

    private static java.util.Set<String> keys(String file) throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/dev/wscheck", file), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return new java.util.TreeSet<>(p.stringPropertyNames());
    }

    @Test
    void theJapaneseHistoryTableLinesUpItsCounts() throws IOException {
        StringWriter w = new StringWriter();
        TimelineFormat.table(timeline(), Path.of("history"), TOKYO, Locale.JAPANESE, w);
        List<Integer> columns = new ArrayList<>();
        for (String line : w.toString().split("\\R")) {
            int at = line.indexOf("内訳: ");
            if (line.startsWith("  2026") && at > 0) {
                columns.add(DisplayWidth.of(line.substring(0, at)));
                columns.add(DisplayWidth.of(line.substring(0, line.indexOf(" 秒"))));
            }
        }
        assertEquals(6, columns.size(), w.toString());
        assertEquals(List.of(columns.get(0), columns.get(1)), List.of(columns.get(2), columns.get(3)), w.toString());
        assertEquals(List.of(columns.get(0), columns.get(1)), List.of(columns.get(4), columns.get(5)), w.toString());
    }

    @Test
    void theJapaneseRegionsTableLinesUpItsColumns() throws IOException {
        StringWriter w = new StringWriter();
        RegionsRenderer.table(regions(), Locale.JAPANESE, w);
        String[] lines = w.toString().split("\\R");
        // Every region line's loss ("0%", "100%") starts in the display column of the heading's loss label.
        int loss = DisplayWidth.of(lines[0].substring(0, lines[0].indexOf("損失")));
        int regions = 0;
        for (String line : lines) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(" (\\d+%) ").matcher(line);
            if (m.find()) {
                regions++;
                assertEquals(loss, DisplayWidth.of(line.substring(0, m.start(1))), "loss column of: " + line + "\n" + w);
            }
        }
        assertEquals(4, regions, w.toString());
    }

    @Test
    void ipRangesShowSummaryInJapaneseWithItsValuesInOneColumn() {
        CliRun r = CliRun.of(Map.of(), "--lang", "ja", "ip-ranges", "show", "--ip-ranges", IP_RANGES.toString());
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\\R");
        List<Integer> valueColumns = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String label = lines[i].substring(0, lines[i].indexOf(' '));
            int start = lines[i].indexOf(' ');
            while (lines[i].charAt(start) == ' ') {
                start++;
            }
            valueColumns.add(DisplayWidth.of(lines[i].substring(0, start)));
            assertTrue(!label.isEmpty(), lines[i]);
        }
        assertEquals(1, valueColumns.stream().distinct().count(), "values start in one column: " + r.out());
        assertTrue(r.out().contains("プレフィックス  IPv4 28 件、IPv6 12 件"), r.out());
        for (int i = 0; i < 6; i++) {
            assertEquals(List.of(), EnglishWords.in(lines[i].replaceAll("\\b(createDate|syncToken)\\b", " ")), "English left in: " + lines[i]);
        }
        assertTrue(r.err().contains("日前のものです"), "the stale notice in Japanese too: " + r.err());
    }

    @Test
    void ipRangesLookupAndNoMatchInJapanese() {
        CliRun miss = CliRun.of(Map.of(), "--lang", "ja", "ip-ranges", "show", "--ip-ranges", IP_RANGES.toString(), "--lookup", "192.0.2.1");
        assertEquals(0, miss.exit(), miss.err());
        assertEquals("192.0.2.1: 公開されている AWS のアドレス範囲のどれにも含まれません（createDate 2026-08-01-12-00-00）", miss.out().strip());
        CliRun none = CliRun.of(Map.of(), "--lang", "ja", "ip-ranges", "show", "--ip-ranges", IP_RANGES.toString(), "--region", "mars-north-1",
                "--service", "AMAZON");
        assertEquals(0, none.exit(), none.err());
        String notice = none.errLines()[none.errLines().length - 1];
        assertTrue(notice.startsWith("wscheck: リージョン mars-north-1、サービス AMAZON に合うプレフィックスはありません"), none.err());
        assertEquals(List.of(), EnglishWords.in(notice), "English left in: " + notice);
    }

    @Test
    void ipRangesUpdateFromAFileSaysWhatItSavedInJapanese() {
        Map<String, String> env = Map.of("WSCHECK_CACHE_DIR", tmp.resolve("cache").toString());
        CliRun first = CliRun.of(env, "--lang", "ja", "ip-ranges", "update", "--from", IP_RANGES.toString());
        assertEquals(0, first.exit(), first.err());
        assertEquals("ip-ranges.json（createDate 2026-08-01-12-00-00）: IPv4 28 件、IPv6 12 件のプレフィックスを "
                + tmp.resolve("cache").resolve("ip-ranges.json") + " に保存しました", first.out().strip());
        CliRun again = CliRun.of(env, "--lang", "ja", "ip-ranges", "update", "--from", IP_RANGES.toString());
        assertTrue(again.out().startsWith("ip-ranges.json（createDate 2026-08-01-12-00-00、変更なし）: "), again.out());
        CliRun english = CliRun.of(env, "ip-ranges", "update", "--from", IP_RANGES.toString());
        assertTrue(english.out().startsWith("ip-ranges.json createDate 2026-08-01-12-00-00 (unchanged): 28 IPv4 and 12 IPv6 prefixes, saved to "),
                english.out());
    }
}
