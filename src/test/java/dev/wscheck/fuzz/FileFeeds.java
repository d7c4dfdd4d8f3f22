package dev.wscheck.fuzz;

import dev.wscheck.WscheckException;
import dev.wscheck.history.HistoryStore;
import dev.wscheck.history.RunHistory;
import dev.wscheck.history.Timeline;
import dev.wscheck.history.TimelineFormat;
import dev.wscheck.probe.Outcome;
import dev.wscheck.report.Report;
import dev.wscheck.testing.CliRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The fuzz feeds of the two files wscheck reads back from disk that the user (or a scheduled task)
 * keeps: the site configuration ({@code check --config}, contract §7) and the runs of a history
 * folder ({@code wscheck history}, {@code check --history}). Both go through the real command
 * line ({@link CliRun}), so picocli's converters, the command's own checks and its error handlers
 * are all part of what is fuzzed.
 */
final class FileFeeds {
    private FileFeeds() {}

    /**
     * The requirement id {@code check} is run with: none has it, so the run stops at planning, after
     * every option (the file's included) was converted and checked and before the first packet.
     */
    static final String NO_SUCH_REQUIREMENT = "fuzz-no-such-requirement";

    /**
     * The configuration file is {@code check}'s default-value provider and only {@code check} reads
     * it. Everything that could send a packet or write a file is fixed on the command line, which
     * wins over the file whatever the fuzzer makes of it: a loopback test catalog, no proxy, a local
     * PAC file, a loopback resolver and reflector, and the history and -o file in a temporary folder.
     * The run must end at planning ({@link #NO_SUCH_REQUIREMENT}) or earlier, on a bad value of the
     * file, with exit 3 and one line.
     */
    static Optional<Outcome> config(byte[] input) throws IOException {
        Path dir = Files.createTempDirectory("wscheck-fuzz-config-");
        try {
            Path config = Files.write(dir.resolve("wscheck.properties"), input);
            Path catalog = Files.write(dir.resolve("catalog.yaml"), resource("/catalog/minimal.yaml"));
            Path pac = Files.writeString(dir.resolve("direct.pac"), "function FindProxyForURL(url, host) { return \"DIRECT\"; }\n");
            Path ranges = Files.writeString(dir.resolve("ip-ranges.json"), "{\"syncToken\": \"1\", \"createDate\": \"2026-08-22-15-17-05\", "
                    + "\"prefixes\": [], \"ipv6_prefixes\": []}");
            CliRun run = CliRun.of(env(dir), "check", "--config", config.toString(), "--catalog", catalog.toString(), "--region", "lab-1",
                    "--only", NO_SUCH_REQUIREMENT, "--proxy", "none", "--pac", pac.toString(), "--dns-server", "127.0.0.1:9",
                    "--reflector", "127.0.0.1:9", "--ip-ranges", ranges.toString(), "--history", dir.resolve("history").toString(),
                    "-o", dir.resolve("report.json").toString());
            if (run.exit() != 3) {
                throw new IllegalStateException("check went past planning (exit " + run.exit() + "): " + run.err());
            }
            return oneLine(run);
        } finally {
            delete(dir);
        }
    }

    /**
     * The input is one stored run, the newest of a history folder that also holds a well-formed
     * earlier run. It is read back the ways wscheck reads a history: {@code wscheck history} (the
     * table through the command line, JSON and CSV from the same timeline), and a new run's visit ({@link RunHistory#record}: previous run, streaks,
     * append, prune), which is what {@code check --history} does after its probes.
     */
    static Optional<Outcome> history(byte[] input) throws IOException {
        Path dir = Files.createTempDirectory("wscheck-fuzz-history-");
        try {
            HistoryStore store = new HistoryStore(dir).create();
            // The earlier run as HistoryStore wrote it (written once, in historySeeds: appending forces it to disk, slow per input).
            Files.write(dir.resolve("run-20261201T090000.000Z.json"), EARLIER_RUN);
            Files.write(dir.resolve("run-20261202T090000.000Z.json"), input);
            // The command once (its reading, its error handling); the other two formats straight from the same timeline
            // (each command line costs ~45 ms of picocli model, the formats ~1 ms).
            CliRun run = CliRun.of(env(dir), "history", "--history", dir.toString(), "--format", "table");
            if (run.exit() != 0) {
                return oneLine(run);
            }
            if (run.err().contains("internal error")) {
                throw new IllegalStateException("wscheck history: " + run.err());
            }
            Timeline timeline = Timeline.of(store.read().runs(), Optional.empty());
            StringWriter json = new StringWriter();
            TimelineFormat.json(timeline, json);
            wellFormed("json", json.toString());
            StringWriter csv = new StringWriter();
            TimelineFormat.csv(timeline, csv);
            wellFormed("csv", csv.toString());
            RunHistory.record(store, report(T0.plus(Duration.ofDays(2)), "fail"), Optional.of(2), 1000, Duration.ofDays(3650));
            return Optional.empty();
        } finally {
            delete(dir);
        }
    }

    /**
     * What a stored run holds never breaks the listing's own format: the JSON parses, and every CSV
     * record (RFC 4180) has the header's number of fields, whatever text a run file carried.
     */
    private static void wellFormed(String format, String out) throws IOException {
        if (format.equals("json")) {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
        } else if (format.equals("csv")) {
            List<Integer> widths = csvWidths(out);
            for (int w : widths) {
                if (w != widths.get(0)) {
                    throw new IllegalStateException("wscheck history --format csv: records of " + widths + " fields: " + out);
                }
            }
        }
    }

    /** The number of fields of each CSV record (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
    static List<Integer> csvWidths(String csv) {
        List<Integer> out = new ArrayList<>();
        int fields = 1;
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields++;
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                out.add(fields);
                fields = 1;
                i++;
            }
        }
        return out;
    }

    /** exit 3 with one line on stderr keeps the rule (as a {@link WscheckException}); anything else breaks it. */
    private static Optional<Outcome> oneLine(CliRun run) {
        String[] lines = run.errLines();
        if (run.exit() == 3 && lines.length == 1 && !lines[0].contains("internal error")) {
            throw new WscheckException(lines[0]);
        }
        throw new IllegalStateException("exit " + run.exit() + " with " + lines.length + " stderr lines: " + run.err());
    }

    /** Nothing from this machine: no per-user or machine-wide file, no cache, a password and a key that are only fuzz values. */
    private static Map<String, String> env(Path dir) {
        return Map.of("HOME", dir.toString(), "XDG_CONFIG_HOME", dir.resolve("config").toString(), "XDG_CACHE_HOME",
                dir.resolve("cache").toString(), "WSCHECK_PROXY_PASSWORD", "fuzz-password", "WSCHECK_REFLECTOR_KEY",
                "fuzz-reflector-key-0123456789abcdef");
    }

    // ---- seeds -------------------------------------------------------------------------------

    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private static final byte[] EARLIER_RUN = historySeeds().get(0);

    /** The configuration a branch office is given (scripts/scheduling), and one with every kind of value. */
    static List<byte[]> configSeeds() {
        byte[] shipped;
        try {
            shipped = Files.readAllBytes(Path.of("scripts/scheduling/systemd/wscheck.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String every = """
                # every kind of value: text, duration, age, number, list, flag; a continuation line
                region=ap-northeast-1
                protocol=pcoip
                timeout=1500ms
                deadline=2m
                samples=7
                dns-server=10.0.0.2,10.0.0.3:5353
                only=broker,streaming
                skip=stream-udp,\\
                  stream-tcp
                strict=true
                redact=false
                quiet=true
                format=json
                directory-id=d-90670b9a2f
                alert-after=3
                history-max-runs=50
                history-max-age=30d
                reflector-samples=200
                """;
        return List.of(shipped, every.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs as HistoryStore writes them: a first passing run, and a failing run with its change and streak. */
    static List<byte[]> historySeeds() {
        try {
            Path dir = Files.createTempDirectory("wscheck-fuzz-seed-");
            try {
                HistoryStore store = new HistoryStore(dir).create();
                Path first = store.append(report(T0, "pass"));
                RunHistory.record(store, report(T0.plus(Duration.ofHours(1)), "fail"), Optional.of(2), 1000, Duration.ofDays(3650));
                List<byte[]> out = new ArrayList<>();
                out.add(Files.readAllBytes(first));
                try (Stream<Path> files = Files.list(dir)) {
                    Path second = files.filter(p -> !p.equals(first) && p.getFileName().toString().startsWith("run-")).findFirst().orElseThrow();
                    out.add(Files.readAllBytes(second));
                }
                return out;
            } finally {
                delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small run: a broker requirement that passes and a UDP one with {@code udpStatus}. */
    static Report report(Instant at, String udpStatus) {
        boolean fail = udpStatus.equals("fail");
        List<Report.Requirement> reqs = List.of(
                new Report.Requirement("broker", "broker", "Broker", "any", "required", "pass", "", null,
                        List.of(new Report.Check("https", "https://broker.lab-1.lab.test/ping", "198.18.2.7", "direct", null, "ok", "pass", 40,
                                Map.of("dns", 3L, "tcp", 10L, "tls", 20L), "HTTP 200", null)),
                        List.of(), false),
                new Report.Requirement("stream-udp", "streaming", "Streaming, UDP", "pcoip", "required", udpStatus, "", null,
                        List.of(new Report.Check("udp", "drp.lab.test:4172", "198.18.2.8", "direct", null,
                                fail ? "udp-port-unreachable" : "udp-reply", udpStatus, 12, Map.of(), "detail", null)),
                        fail ? List.of(new Report.Remedy("udp-blocked", "Allow UDP 4172 to the gateways.")) : List.of(), false));
        return new Report(1, new Report.Tool("wscheck", "fuzz"), at.toString(), 3100, "lab-1", List.of("pcoip"),
                new Report.Host("Linux", "pc", List.of("127.0.0.53"), List.of("192.0.2.10")), new Report.Proxy("none", null),
                new Report.CatalogRef("file", "test-1", null), udpStatus, new Report.Counts(fail ? 1 : 2, 0, fail ? 1 : 0, 0, 0), null, reqs);
    }

    private static byte[] resource(String path) {
        try (InputStream in = FileFeeds.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
