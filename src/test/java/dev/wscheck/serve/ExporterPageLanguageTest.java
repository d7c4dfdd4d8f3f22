package dev.wscheck.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wscheck --lang ja serve}: the page at / speaks Japanese (headings, sentences, the status
 * words), before any probe and after one against the loopback fixtures; the machine formats
 * (/probe, /metrics, /report) stay as they are.
 */
class ExporterPageLanguageTest {
    @TempDir
    static Path tmp;

    /** Names of things and the query syntax a person types; anything else in letters is English left over. */
    private static final Pattern ALLOWED = Pattern.compile("wscheck|Prometheus|JSON|UTC|REGION|ID|region|protocol|pcoip|dcv|all|only|probe|metrics|"
            + "ap|northeast|session|broker|pcoip|streaming|tcp|test");

    @Test
    void thePageAtTheRootIsJapaneseUnderJa() throws Exception {
        try (ServeFixtures fixtures = new ServeFixtures(tmp);
             Exporter exporter = Exporter.start(fixtures.defaults(Duration.ofSeconds(2), Duration.ofSeconds(20)),
                     new ServeSettings(new InetSocketAddress("127.0.0.1", 0), 4, 5, Locale.JAPANESE))) {
            String empty = ExporterTest.get(exporter, "/").body();
            assertTrue(empty.contains("<html lang=\"ja\">") && empty.contains("まだプローブはありません。"), empty);
            assertEquals(List.of(), english(empty), empty);

            HttpResponse<String> probe = ExporterTest.get(exporter, "/probe?region=ap-northeast-1&only=session-broker");
            assertEquals(200, probe.statusCode(), probe.body());
            assertTrue(probe.body().contains("wscheck_requirement_status"), "the Prometheus series stay as they are");
            String page = ExporterTest.get(exporter, "/").body();
            assertTrue(page.contains("<th>時刻（UTC）</th>") && page.contains(" 秒</td>"), page);
            assertTrue(page.matches("(?s).*class=\"(pass|warn|fail|inconclusive)\">(合格|警告|不合格|判定不能)</td>.*"), page);
            assertEquals(List.of(), english(page), page);
        }
    }

    @Test
    void thePageStaysEnglishByDefault() throws Exception {
        try (ServeFixtures fixtures = new ServeFixtures(java.nio.file.Files.createDirectories(tmp.resolve("en")));
             Exporter exporter = Exporter.start(fixtures.defaults(Duration.ofSeconds(2), Duration.ofSeconds(20)), ServeFixtures.loopback(4, 5))) {
            String page = ExporterTest.get(exporter, "/").body();
            assertTrue(page.contains("<html lang=\"en\">") && page.contains("<h1>wscheck exporter</h1>") && page.contains("No probe yet."), page);
        }
    }

    /** The words a person reads: the text between tags, without URLs, the query syntax, times and the catalog version ("serve-test"). */
    private static List<String> english(String html) {
        String text = html.replaceAll("(?s)<style>.*?</style>", " ").replaceAll("<[^>]*>", " ")
                .replaceAll("/\\S*", " ").replace("serve-test", " ").replaceAll("&\\w+;", " ").replaceAll("\\d{4}-\\d\\d-\\d\\dT[\\d:]+Z", " ");
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("[A-Za-z]{2,}").matcher(text);
        while (m.find()) {
            if (!ALLOWED.matcher(m.group()).matches()) {
                out.add(m.group());
            }
        }
        return out;
    }
}
