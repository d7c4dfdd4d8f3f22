package dev.wscheck.report;

import java.util.Locale;

/**
 * How a report is rendered, the same for every format; a renderer uses what applies to it.
 *
 * @param color ANSI colour (console on a terminal only)
 * @param verbose every check, not only the failing ones
 * @param quiet verdict lines and the result line only (console)
 * @param locale language of labels (the report's own texts are in the language it was made in)
 * @param regionName the region's long name ("Asia Pacific (Tokyo)")
 */
public record RenderOptions(boolean color, boolean verbose, boolean quiet, Locale locale, String regionName) {
    public static RenderOptions plain(Locale locale, String regionName) {
        return new RenderOptions(false, false, false, locale, regionName);
    }
}
