package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message shape the code can raise as an error line has a Japanese template: the sources
 * are scanned for {@code new WscheckException(...)} (and for the texts of wscheck's own that end up
 * inside one: durations, ages, address prefixes, proxy URLs), each message is rebuilt from its
 * string literals with a sample value for every expression, and its Japanese rendering must hold
 * no English sentence. A new error without a template fails here.
 */
class ErrorTextsTest {
    private static final Path SOURCES = Path.of("src/main/java");
    /** Files whose IllegalArgumentException / TypeConversionException texts reach the user inside an error line. */
    private static final List<String> NESTED = List.of("dev/wscheck/Durations.java", "dev/wscheck/catalog/Cidr.java",
            "dev/wscheck/net/ProxyEndpoint.java", "dev/wscheck/net/ProxyCredentials.java", "dev/wscheck/cli/AgeConverter.java",
            "dev/wscheck/cli/DurationConverter.java",
            // a custom --catalog FILE's problems, after the file and the field they are at
            "dev/wscheck/catalog/CatalogLoader.java", "dev/wscheck/probe/ProbeKind.java", "dev/wscheck/probe/Target.java");
    /** Values standing for expressions that are themselves parts of a sentence, as the code builds them. */
    private static final Map<String, String> SAMPLES = Map.of(
            "ConfigFile.java where(key)", "site.properties:3: ",
            "IpRanges.java line", "line 7: ",
            "ReportJson.java where", " at line 7, column 3",
            "ReportFiles.java more", " (1 of 2 files were already replaced)",
            "IpRanges.java (v6 ? \"IPv4\" : \"IPv6\")", "IPv4",
            "CatalogLoader.java e.getMessage()", "unknown probe 'ping' (known: dns, tcp, tls, https, udp, latency, reflector)");

    record Shape(String site, String sample, boolean hasEnglish, boolean nested) {
        @Override
        public String toString() {
            return site + ": " + sample;
        }
    }

    static Stream<Shape> shapes() throws IOException {
        List<Shape> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String src = Files.readString(f, StandardCharsets.UTF_8);
                String rel = SOURCES.relativize(f).toString().replace('\\', '/');
                List<String> calls = new ArrayList<>(List.of("new WscheckException("));
                if (NESTED.contains(rel)) {
                    calls.addAll(List.of("new IllegalArgumentException(", "new CommandLine.TypeConversionException(", "new TypeConversionException("));
                }
                for (String call : calls) {
                    for (int i = src.indexOf(call); i >= 0; i = src.indexOf(call, i + 1)) {
                        String line = rel + ":" + (src.substring(0, i).split("\n", -1).length);
                        out.add(shape(line, firstArgument(src, i + call.length()), !call.contains("Wscheck")));
                    }
                }
            }
        }
        return out.stream();
    }

    @Test
    void theScanFindsEveryErrorSite() throws IOException {
        long sites = shapes().filter(s -> !s.nested()).count();
        assertTrue(sites >= 142, "error sites found: " + sites);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void everyErrorShapeReadsInJapanese(Shape s) {
        String ja = Messages.text(s.sample(), Locale.JAPANESE);
        if (s.hasEnglish()) {
            assertNotEquals(s.sample(), ja, "no template matches");
        }
        assertEquals(List.of(), EnglishWords.in(ja), "English left in: " + ja);
        assertEquals(s.sample(), Messages.text(s.sample(), Locale.ENGLISH), "English stays as written");
    }

    @Test
    void bothBundlesHaveTheSameKeys() throws IOException {
        for (String base : List.of("errors", "catalogerrors", "notices", "explain")) {
            assertEquals(keys(base + ".properties"), keys(base + "_ja.properties"), base);
        }
    }

    static java.util.Set<String> keys(String file) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/dev/wscheck/cli", file), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return new java.util.TreeSet<>(p.stringPropertyNames());
    }

    /** The message rebuilt: literals as written, each expression as a sample value. */
    private static Shape shape(String site, String argument, boolean nested) {
        String file = site.substring(site.lastIndexOf('/') + 1, site.indexOf(':'));
        StringBuilder sample = new StringBuilder();
        boolean english = false;
        int n = 0;
        for (String part : splitPlus(argument)) {
            String p = part.strip();
            if (p.matches("\"(?:[^\"\\\\]|\\\\.)*\"")) {
                String literal = p.substring(1, p.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
                english |= !EnglishWords.in(literal).isEmpty();
                sample.append(literal);
            } else {
                sample.append(SAMPLES.getOrDefault(file + " " + p.replaceAll("\\s+", " "), "X" + (++n)));
            }
        }
        return new Shape(site, sample.toString(), english, nested);
    }

    /** The call's first argument, up to the comma or parenthesis that ends it at depth 0. */
    private static String firstArgument(String src, int from) {
        int depth = 0;
        StringBuilder out = new StringBuilder();
        for (int j = from; j < src.length(); j++) {
            char c = src.charAt(j);
            if (c == '"' || c == '\'') {
                int k = j + 1;
                while (src.charAt(k) != c) {
                    k += src.charAt(k) == '\\' ? 2 : 1;
                }
                out.append(src, j, k + 1);
                j = k;
                continue;
            }
            if ("([{".indexOf(c) >= 0) {
                depth++;
            } else if (")]}".indexOf(c) >= 0) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static List<String> splitPlus(String expr) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (int j = 0; j < expr.length(); j++) {
            char c = expr.charAt(j);
            if (c == '"' || c == '\'') {
                int k = j + 1;
                while (expr.charAt(k) != c) {
                    k += expr.charAt(k) == '\\' ? 2 : 1;
                }
                cur.append(expr, j, k + 1);
                j = k;
                continue;
            }
            if ("([{".indexOf(c) >= 0) {
                depth++;
            } else if (")]}".indexOf(c) >= 0) {
                depth--;
            }
            if (c == '+' && depth == 0) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

}
