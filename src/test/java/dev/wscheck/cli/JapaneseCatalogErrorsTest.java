package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A custom {@code --catalog FILE} with one mistake each, read by {@code wscheck --lang ja
 * requirements}: the error is one Japanese line (exit 3) that keeps the file and the field path as
 * written, says the problem in Japanese and leaves no English word outside names, values and
 * YAML keys. The loader stops before anything is resolved or probed.
 */
class JapaneseCatalogErrorsTest {
    @TempDir
    static Path tmp;

    private static final String REQUIREMENT = """
            requirements:
              - {id: pcoip-streaming-tcp, category: streaming, title: "PCoIP TCP", protocol: pcoip, proxy: never, probes: [dns, tcp], endpoints: ["tcp://drp.wscheck.test:4172"], source: T}
            """;
    private static final String GOOD = TestCatalogs.HEAD + REQUIREMENT;

    /** A catalog with one mistake, and the Japanese the line must hold. */
    record Mistake(String name, String yaml, String japanese) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Mistake edit(String name, String from, String to, String japanese) {
        assertTrue(GOOD.contains(from), from);
        return new Mistake(name, GOOD.replace(from, to), japanese);
    }

    static Stream<Mistake> mistakes() {
        return Stream.of(
                new Mistake("an empty file", "", "ファイルが空です"),
                new Mistake("a list at the top", "- a\n- b\n", "カタログではありません"),
                new Mistake("an unclosed quote", "schemaVersion: 1\nversion: \"test\n", "YAML として正しくありません"),
                new Mistake("a tab in the indentation", "schemaVersion: 1\nsources:\n\tT: {title: x}\n", "タブ"),
                new Mistake("a colon inside a value", "schemaVersion: 1\nversion: a: b\n", "マッピングの値を書けません"),
                edit("an unknown field", "probes: [dns, tcp]", "prob: [dns, tcp]", "不明なフィールド 'prob'"),
                edit("an empty list item", "probes: [dns, tcp]", "probes: [dns, ~]", "値が空です"),
                edit("a word where a list belongs", "probes: [dns, tcp]", "probes: {dns: 1}", "値の型が違います"),
                edit("schemaVersion 2", "schemaVersion: 1", "schemaVersion: 2", "1 でなければなりません"),
                edit("a protocol of another product", "protocol: pcoip, proxy", "protocol: rdp, proxy", "'pcoip'、'dcv'、'any' のいずれか"),
                edit("an id with capitals", "id: pcoip-streaming-tcp", "id: PCoIP", "小文字の単語"),
                edit("an unknown probe", "probes: [dns, tcp]", "probes: [dns, ping]", "不明なプローブ 'ping'"),
                edit("an endpoint of another scheme", "\"tcp://drp.wscheck.test:4172\"", "\"ftp://drp.wscheck.test:21\"", "で始めてください"),
                edit("a named endpoint without dns", "probes: [dns, tcp]", "probes: [tcp]", "プローブに dns を含めてください"),
                edit("a probe the scheme cannot run", "probes: [dns, tcp]", "probes: [dns, udp]", "には使えません"),
                edit("an endpoint without a port", "\"tcp://drp.wscheck.test:4172\"", "\"tcp://drp.wscheck.test\"", "ポートがありません"),
                edit("an undefined template variable", "\"tcp://drp.wscheck.test:4172\"", "\"tcp://{site}.wscheck.test:4172\"",
                        "このリージョンに定義されていません"),
                edit("an unknown region in the list", "4172\"], source: T}", "4172\"], regions: [mars-north-1], source: T}", "不明なリージョン 'mars-north-1'"),
                edit("an unknown source", "4172\"], source: T}", "4172\"], source: X}", "不明な出典 'X'"),
                edit("a UDP fallback to nothing", "4172\"], source: T}", "4172\"], rule: {udpFallback: nothing}, source: T}", "要件 'nothing' はありません"),
                edit("a word for a latency bound", "high: 100ms", "high: fast", "'fast' は時間の長さではありません"),
                edit("bounds the wrong way round", "high: 250ms, critical: 400ms", "high: 400ms, critical: 250ms", "より大きくしてください"),
                edit("a latency without bounds", "latency: {high: 250ms, critical: 400ms}", "latency: {high: 250ms}",
                        ".yaml: protocols.dcv.latency.critical: 必須です"),
                edit("a loss bound that is no percentage", "latency: {high: 250ms, critical: 400ms}, source: T}",
                        "latency: {high: 250ms, critical: 400ms}, quality: {lossHigh: much, jitterHigh: 30ms, rationale: x}, source: T}", "パーセント値ではありません"),
                edit("a short SPKI hash", "spkiSha256: \"0000", "spkiSha256: \"00", "16 進 64 桁"),
                edit("a four-letter airport", "airport: nrt", "airport: nrta", "IATA 空港コードではありません"),
                edit("a region code of another shape", "  ap-northeast-1:\n", "  Tokyo:\n", "ap-northeast-1 のような形"),
                edit("a gateway prefix without length", "ipv4: [198.18.2.0/24]", "ipv4: [198.18.2.0]", "CIDR"),
                edit("a health check address that is no address", "healthCheck: {host: drp.wscheck.test}",
                        "healthCheck: {host: drp.wscheck.test, addresses: [somewhere]}", "IP アドレスではありません"),
                edit("an importance of its own", "proxy: never, probes", "importance: maybe, proxy: never, probes", "のいずれでもありません"),
                edit("a requirement without a title", "title: \"PCoIP TCP\", ", "", "必須です"));
    }

    @ParameterizedTest(name = "{0}: one Japanese line with the file and the place")
    @MethodSource("mistakes")
    void aMistakeInACustomCatalogIsOneJapaneseLine(Mistake m) throws IOException {
        Path file = Files.writeString(tmp.resolve(m.name().replace(' ', '-') + ".yaml"), m.yaml());
        CliRun r = CliRun.of("--lang", "ja", "requirements", "--catalog", file.toString(), "--region", "ap-northeast-1");
        assertEquals(3, r.exit(), r.out() + r.err());
        assertEquals(1, r.errLines().length, r.err());
        String line = r.errLines()[0];
        assertTrue(line.startsWith("wscheck: --catalog " + file + ": "), line);
        assertTrue(line.contains(m.japanese()), line);
        assertEquals(List.of(), EnglishWords.in(line), "English left in: " + line);
        CliRun en = CliRun.of("requirements", "--catalog", file.toString(), "--region", "ap-northeast-1");
        assertEquals(3, en.exit());
        assertTrue(en.errLines()[0].codePoints().allMatch(cp -> cp < 0x3000), "in English, the line stays as the loader wrote it: " + en.err());
    }
}
