package dev.wscheck.report;

import dev.wscheck.catalog.CatalogLoader;
import dev.wscheck.catalog.RequirementDef;
import dev.wscheck.remediation.Translator;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The catalog's user-visible texts in the language asked for: requirement titles (by id, from the
 * remediation bundles), region names (by code, from the reports bundles), and notes, errata,
 * the reasons a region gives for what AWS does not publish, protocol and source titles (matched
 * whole against the {@code catalog} bundle pair by the {@link Translator}). The YAML catalog
 * stays English and is the source: a text it no longer writes as the bundle does stays English,
 * which CatalogTextsTest turns into a failing build for the built-in catalog.
 */
public final class CatalogTexts {
    private static final String[] BUNDLES = {"dev/wscheck/report/catalog", "dev/wscheck/remediation/remediation"};

    private CatalogTexts() {}

    /** {@code english} (a note, erratum, reason, skip line, source title or date) in {@code locale}; unchanged in English. */
    public static String text(String english, Locale locale) {
        if (!japanese(locale) || english == null) {
            return english;
        }
        return Translator.of(locale, BUNDLES).text(english);
    }

    /** The requirement's title in {@code locale}: the Japanese title of its id, or {@code english} as written. */
    public static String title(String id, String english, Locale locale) {
        if (!japanese(locale)) {
            return english;
        }
        ResourceBundle b = ResourceBundle.getBundle("dev.wscheck.remediation.remediation", Locale.JAPANESE,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        // A custom catalog may reuse a built-in id for something else: translate only the built-in title.
        boolean builtin = CatalogLoader.builtin().requirement(id).map(RequirementDef::title).filter(english::equals).isPresent();
        try {
            return builtin ? b.getString("title." + id) : english;
        } catch (MissingResourceException e) {
            return english;
        }
    }

    /** The region's long name in {@code locale}. */
    public static String regionName(String code, String english, Locale locale) {
        return ReportTranslator.regionName(code, english, locale);
    }

    private static boolean japanese(Locale locale) {
        return locale != null && locale.getLanguage().equals("ja");
    }
}
