package dev.wscheck.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.probe.Outcome;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every outcome that can fail or warn has a remediation text in every language. */
class RemediationTest {
    /** Outcomes that never need a remediation: they are passes or "not run". */
    private static final Set<Outcome> NO_TEXT = EnumSet.of(Outcome.OK, Outcome.SKIPPED, Outcome.UDP_REPLY);

    @ParameterizedTest(name = "{0} has an English and a Japanese text")
    @EnumSource(Outcome.class)
    void everyOutcomeHasATextInEveryLanguage(Outcome o) {
        if (NO_TEXT.contains(o)) {
            assertTrue(Remediation.forLocale(Locale.ENGLISH).template(o).isEmpty(), o.code() + " should need no remediation");
            return;
        }
        String en = Remediation.forLocale(Locale.ENGLISH).template(o).orElseThrow(() -> new AssertionError("no English text for " + o.code()));
        String ja = Remediation.forLocale(Locale.JAPANESE).template(o).orElseThrow(() -> new AssertionError("no Japanese text for " + o.code()));
        assertFalse(en.equals(ja), o.code() + ": Japanese text is a copy of the English one");
        assertTrue(ja.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HIRAGANA
                || Character.UnicodeScript.of(cp) == Character.UnicodeScript.KATAKANA), o.code() + ": not Japanese: " + ja);
    }

    @org.junit.jupiter.api.Test
    void everyBuiltInRequirementHasAJapaneseTitle() {
        Remediation ja = Remediation.forLocale(Locale.JAPANESE);
        for (var def : dev.wscheck.catalog.CatalogLoader.builtin().requirements()) {
            String t = ja.title(def);
            assertFalse(t.equals(def.title()), def.id() + " has no Japanese title (title." + def.id() + " in remediation_ja.properties)");
        }
    }

    @ParameterizedTest(name = "note {0} reads in Japanese")
    @ValueSource(strings = {"note.udp-fallback", "note.optional", "note.nothing-to-probe", "note.skip.not-published",
            "note.skip.not-selected", "note.skip.skipped", "note.skip.needs-directory-id",
            "note.reflector-udp-answered", "note.reflector-udp-blocked"})
    void everyNoteHasAJapaneseText(String key) {
        dev.wscheck.verdict.Note n = new dev.wscheck.verdict.Note(key, Map.of("fallback", "pcoip-streaming-tcp", "allow", "x", "detail", "y", "target", "r.example:4172/udp"), "english");
        String ja = Remediation.forLocale(Locale.JAPANESE).note(n);
        String en = Remediation.forLocale(Locale.ENGLISH).note(n);
        assertFalse(ja.equals("english") || ja.equals(en), key + ": " + ja);
        assertFalse(ja.contains("{"), ja);
    }

    @ParameterizedTest(name = "placeholders in {0} are filled")
    @ValueSource(strings = {"tcp-timeout", "udp-no-reply", "proxy-denied"})
    void placeholdersAreFilled(String code) {
        String t = Remediation.forLocale(Locale.ENGLISH).template(Outcome.fromCode(code).orElseThrow()).orElseThrow();
        String filled = Remediation.fill(t, Map.of("host", "drp-nrt.example", "port", "4172", "scope", "drp-nrt.example", "route", "directly",
                "target", "drp-nrt.example:4172", "detail", "d", "proto", "UDP", "title", "t"));
        assertFalse(filled.contains("{"), filled);
        assertTrue(filled.contains("drp-nrt.example"), filled);
    }

    @ParameterizedTest(name = "unknown placeholder {0} stays visible")
    @ValueSource(strings = {"{nope}"})
    void unknownPlaceholdersStayAsWritten(String t) {
        assertEquals("a {nope} b", Remediation.fill("a " + t + " b", Map.of()));
    }
}
