package dev.wscheck.catalog;

import java.util.Locale;

/**
 * Why a requirement is reported but not checked. {@link #text()} is the English sentence; reports
 * in other languages translate by {@link #kind()} (the remediation bundles' {@code note.skip.*}).
 *
 * @param detail the variable part: the region and AWS's reason for NOT_PUBLISHED, empty otherwise
 */
public record Skip(Kind kind, String detail) {
    public enum Kind {
        /** AWS publishes nothing for this requirement in this region. */
        NOT_PUBLISHED,
        /** --only selected other requirements. */
        NOT_SELECTED,
        /** --skip named it. */
        SKIPPED,
        /** Every endpoint is built from the directory id, and none was given. */
        NEEDS_DIRECTORY_ID;

        public String key() {
            return "note.skip." + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static Skip of(Kind kind) {
        return new Skip(kind, "");
    }

    public String text() {
        switch (kind) {
            case NOT_PUBLISHED:
                return "not published for " + detail;
            case NOT_SELECTED:
                return "not selected by --only";
            case SKIPPED:
                return "skipped by --skip";
            default:
                return "needs --directory-id: its endpoints are built from the directory id";
        }
    }
}
