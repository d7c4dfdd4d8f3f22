package dev.wscheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Japanese golden reports of every format carry no user-visible English: host names,
 * addresses, URLs, outcome codes, requirement ids, numbers and product or protocol names are
 * allowed ({@link EnglishWords}), sentences are not. What is user-visible depends on the format:
 * every line of the console, Markdown and Nagios text; the visible text of the HTML (not its tags,
 * attributes or CSS); the message attributes and text of the JUnit XML; the text fields of the JSON
 * (titles, details, notes, remediation, route summaries), whose codes and ids stay English by
 * contract. And the console's columns line up by display width (East Asian wide characters count two).
 */
class JapaneseReportTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    /** The names allowed to stay English in Japanese text (kept here too for the tests that name it: CatalogTextsTest). */
    static final Pattern ALLOWED = EnglishWords.ALLOWED;

    /** The recorded environment's user name: data, shown as written (HTML puts it in a table cell of its own). */
    private static final String RECORDED_USER = ReportGoldenTest.ENVIRONMENT.user();

    /** Every Japanese check-report golden (the requirements goldens are the CLI's and have their own test). */
    static Stream<String> files() throws IOException {
        try (Stream<Path> all = Files.list(GOLDEN)) {
            List<String> names = all.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("check-") && n.contains(".ja.")).sorted().toList();
            assertTrue(names.size() >= 15, "Japanese goldens of every format: " + names);
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}: no English sentences")
    @MethodSource("files")
    void noEnglish(String file) throws Exception {
        String content = Files.readString(GOLDEN.resolve(file), StandardCharsets.UTF_8);
        List<String> english = new ArrayList<>();
        for (String line : visibleLines(file, content)) {
            english.addAll(EnglishWords.in(line.replace(RECORDED_USER, " ")));
        }
        assertTrue(english.isEmpty(), "English in " + file + ": " + english);
    }

    /** The text a reader of {@code file} sees, line by line. */
    static List<String> visibleLines(String file, String content) throws IOException {
        if (file.endsWith(".html")) {
            String text = content.replaceAll("(?s)<style.*?</style>", " ")
                    .replaceAll("(?s)<code>.*?</code>", " ")                    // ids, codes and targets, as the Markdown's code spans
                    .replaceAll("(?s)<[^>]*>", "\n");
            return lines(unescape(text));
        }
        if (file.endsWith(".xml")) {
            List<String> out = new ArrayList<>();
            Matcher m = Pattern.compile("message=\"([^\"]*)\"").matcher(content);
            while (m.find()) {
                out.addAll(lines(unescape(m.group(1))));
            }
            String text = content.replaceAll("(?s)<\\?xml.*?\\?>", " ").replaceAll("(?s)<[^>]*>", "\n");
            out.addAll(lines(unescape(text)));
            return out;
        }
        if (file.endsWith(".json")) {
            List<String> out = new ArrayList<>();
            texts(new ObjectMapper().readTree(content), "", out);
            assertFalse(out.isEmpty(), "no text fields in " + file);
            return out;
        }
        if (file.contains(".nagios.")) {
            // The state word, ids, statuses and outcome codes are the contract's; the performance data are labels.
            String words = content.substring(0, content.indexOf(" | ")).replaceAll("\\b(fail|warn|inconclusive)\\b", " ");
            return List.of(words);
        }
        return content.lines().toList();
    }

    /** The JSON fields whose values are sentences for a reader; everything else is a code, an id, a number or data. */
    private static final Set<String> TEXT_FIELDS = Set.of("title", "detail", "note", "text", "summary");

    private static void texts(JsonNode node, String field, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!e.getKey().equals("evidence")) { // a probe's raw record (addresses, certificates, revocation answers) stays as recorded
                    texts(e.getValue(), e.getKey(), out);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> texts(n, field, out));
        } else if (node.isTextual() && TEXT_FIELDS.contains(field)) {
            out.addAll(lines(node.asText()));
        }
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    @Test
    void theCheckSeesTheTextOfEachFormat() throws Exception {
        // A sentence hidden in each format's own syntax is found: the scan reads what a reader reads.
        assertEquals(List.of("connection refused"), visibleLines("x.ja.html", "<style>p{color:red}</style><p>connection refused</p><code>tcp-refused</code>"));
        assertEquals(List.of("no answer", "x"), visibleLines("x.ja.xml", "<failure type=\"tcp-timeout\" message=\"no answer\">x</failure>"));
        assertEquals(List.of("the proxy said no"), visibleLines("x.ja.json", "{\"outcome\":\"proxy-denied\",\"detail\":\"the proxy said no\"}"));
        assertFalse(EnglishWords.in("接続が拒否されました: connection refused").isEmpty());
    }

    @Test
    void summaryColumnsAlignByDisplayWidth() throws Exception {
        List<Integer> columns = new ArrayList<>();
        for (String line : Files.readAllLines(GOLDEN.resolve("check-tokyo.ja.console.txt"), StandardCharsets.UTF_8)) {
            int colon = line.indexOf(": ");
            if (line.startsWith("  ") && colon > 0 && (line.contains("はい") || line.contains("いいえ"))) {
                String head = line.substring(0, colon + 1);
                int spaces = 0;
                while (line.charAt(colon + 1 + spaces) == ' ') {
                    spaces++;
                }
                columns.add(DisplayWidth.of(head) + spaces);
            }
        }
        assertEquals(3, columns.size(), "three verdict lines");
        assertEquals(1, columns.stream().distinct().count(), "verdicts start in one column: " + columns);
        assertEquals(6, DisplayWidth.of("東京ab"), "two wide characters and two narrow ones");
    }
}
