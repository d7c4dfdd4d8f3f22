package dev.wscheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.catalog.Catalog;
import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.catalog.RegionDef;
import dev.wscheck.catalog.RequirementDef;
import dev.wscheck.catalog.Skip;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every text of the built-in catalog a user reads has a Japanese rendering: requirement titles and
 * notes, region names, errata, the reasons for what is not published or derived, the skip lines
 * built from them, protocol and source titles and dates. A new catalog entry without one, or an
 * edited English text the bundle no longer matches, fails here.
 */
class CatalogTextsTest {
    private static final Locale JA = Locale.JAPANESE;
    private static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}");

    record Text(String what, String english, String japanese) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Text> texts() {
        Catalog c = CatalogLoader.builtin();
        List<Text> out = new ArrayList<>();
        for (RequirementDef d : c.requirements()) {
            out.add(new Text("title of " + d.id(), d.title(), CatalogTexts.title(d.id(), d.title(), JA)));
            for (int i = 0; i < d.notes().size(); i++) {
                out.add(new Text("note " + (i + 1) + " of " + d.id(), d.notes().get(i), CatalogTexts.text(d.notes().get(i), JA)));
            }
        }
        for (RegionDef r : c.regions().values()) {
            out.add(new Text("name of " + r.code(), r.name(), CatalogTexts.regionName(r.code(), r.name(), JA)));
            for (int i = 0; i < r.errata().size(); i++) {
                String e = r.errata().get(i).text();
                out.add(new Text("erratum " + (i + 1) + " of " + r.code(), e, CatalogTexts.text(e, JA)));
            }
            for (Map.Entry<String, String> n : r.notPublished().entrySet()) {
                String skip = new Skip(Skip.Kind.NOT_PUBLISHED, r.code() + ": " + n.getValue()).text();
                out.add(new Text(n.getKey() + " not published in " + r.code(), skip, CatalogTexts.text(skip, JA)));
            }
            for (Map.Entry<String, String> d : r.derived().entrySet()) {
                out.add(new Text(d.getKey() + " derived in " + r.code(), d.getValue(), CatalogTexts.text(d.getValue(), JA)));
                String note = c.requirement(d.getKey()).orElseThrow().derived(
                        "not published for " + r.code() + ": " + d.getValue() + "; checked with the names AWS uses in every published region, as optional")
                        .notes().get(0);
                out.add(new Text(d.getKey() + " derived note in " + r.code(), note, CatalogTexts.text(note, JA)));
            }
        }
        c.protocols().forEach((k, p) -> out.add(new Text("protocol " + k, p.title(), CatalogTexts.text(p.title(), JA))));
        c.sources().forEach((k, s) -> {
            out.add(new Text("title of source " + k, s.title(), CatalogTexts.text(s.title(), JA)));
            out.add(new Text("date of source " + k, s.date(), CatalogTexts.text(s.date(), JA)));
        });
        return out.stream();
    }

    @ParameterizedTest(name = "{0} reads in Japanese")
    @MethodSource("texts")
    void everyCatalogTextHasAJapaneseText(Text t) {
        boolean words = WORD.matcher(t.english().replaceAll("\\S+://\\S+|[\\w*.-]+\\.[a-z]{2,}\\S*", "")).find();
        boolean sentence = words && !t.english().matches("[A-Za-z]+");
        if (sentence) {
            assertNotEquals(t.english(), t.japanese(), "no Japanese text for: " + t.english());
        }
        List<String> english = new ArrayList<>();
        Matcher m = WORD.matcher(t.japanese().replaceAll("\\S+://\\S+", " ").replaceAll("[\\w*.<>()-]+\\.[A-Za-z]{2,}\\S*", " ")
                .replaceAll("[a-z0-9]+(-[a-z0-9]+)+", " ").replaceAll("--?[a-z][\\w-]*", " ").replaceAll("'[^']*'|<[^>]*>", " ")
                .replaceAll("\\S*/\\S*", " ").replaceAll("\\b\\w*\\d\\w*\\b", " "));             // paths, names with digits (IPv6, d2kmf63k5sit88)
        while (m.find()) {
            if (!JapaneseReportTest.ALLOWED.matcher(m.group()).matches() && !MORE.matcher(m.group()).matches()) {
                english.add(m.group());
            }
        }
        assertEquals(List.of(), english, "English left in: " + t.japanese());
        assertTrue(t.japanese().codePoints().anyMatch(cp -> cp > 0x3000) || !sentence, "Japanese characters in: " + t.japanese());
    }

    /** Names of things that stay as written in Japanese text. */
    private static final Pattern MORE = Pattern.compile("(?i)govcloud|us|west|east|fips|sm|sso|euc|skylight|cm|signin|apps|gov|amazonaws|"
            + "rdn|drp|cdg|cloudfront|workspaces_gateways|workspaces|gateways|aga|createdate|mac|windows|macos|microsoft|teams|"
            + "web|access|turn|health|html|ping|broker|service|client|cn|spki|sha|trust|services|repository|global|accelerator|"
            + "region|prefixes|json|ec|vpc|privatelink|qa|client|ds|saml|api|aws|ningxia|github|openssl|personal|javascript|workspace");
}
