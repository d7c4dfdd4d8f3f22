package dev.wscheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Japanese golden reports carry no user-visible English: host names, addresses, URLs, outcome
 * codes, requirement ids, numbers and product or protocol names are allowed, sentences are not.
 * And the console's columns line up by display width (East Asian wide characters count two).
 */
class JapaneseReportTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final Pattern ALLOWED = Pattern.compile("(?i)wscheck|amazon|workspaces|aws|pcoip|dcv|https?|tls|dns|tcp|udp|ntp|icmp|ip|ipv[46]?|"
            + "pc|vpn|ids?|rpz|nxdomain|reject|drop|ips|json|ms|ok|warning|critical|unknown|none|builtin|resolvers|resolv|conf|direct|"
            + "linux|amd|java|eclipse|adoptium|eth|fd|zscaler|root|ca|inc|cn|ocsp|crl|captcha|css|saml|iam|identity|center|web|access|turn|"
            + "api|pcm|ws|system|out|connect|proxy|pac|url|fail|pass|warn|skip|verbose|format|v|not|installed|utc|ap|northeast|tokyo|"
            + "asia|pacific|forrester|os|s|sso|metrics|min|host|port|allow|tokyo|wsp|quic|gateway|gateways|dcv|x");

    static Stream<String> files() {
        return Stream.of("check-tokyo.ja.console.txt", "check-tokyo.ja.md", "check-tokyo-inspected.ja.md", "check-tokyo-clock.ja.console.txt");
    }

    @ParameterizedTest(name = "{0}: no English sentences")
    @MethodSource("files")
    void noEnglish(String file) throws Exception {
        List<String> english = new ArrayList<>();
        for (String line : Files.readAllLines(GOLDEN.resolve(file), StandardCharsets.UTF_8)) {
            String text = line.replaceAll("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z", " ")      // timestamps
                    .replaceAll("^- (ユーザー|ホスト名): .*", " ")                 // the environment's values are data
                    .replaceAll("`[^`]*`", " ")                                   // identifiers in code spans
                    .replaceAll("\\S+://\\S+", " ")                               // URLs
                    .replaceAll("[\\w*.-]+\\.[a-z]{2,}(:\\d+)?", " ")             // host names
                    .replaceAll("[a-z0-9]+(-[a-z0-9]+)+", " ")                    // outcome codes, requirement ids
                    .replaceAll("--?[a-z][\\w-]*", " ")                           // options
                    .replaceAll("^ {2}(PASS|FAIL|WARN|SKIP|\\?{4}) ", " ")        // console status badges
                    .replaceAll("\\b(CRITICAL|WARNING|OK|UNKNOWN)\\b", " ");    // exit status names
            Matcher m = Pattern.compile("[A-Za-z]+").matcher(text);
            while (m.find()) {
                if (!ALLOWED.matcher(m.group()).matches()) {
                    english.add(m.group() + " in: " + line);
                }
            }
        }
        assertTrue(english.isEmpty(), "English in " + file + ": " + english);
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
