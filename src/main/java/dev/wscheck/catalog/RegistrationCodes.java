package dev.wscheck.catalog;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Infers the region from a WorkSpaces registration code such as {@code WSnrt+ABC123}.
 *
 * <p>AWS does not publish a prefix table (facts §2f). The codes seen in AWS's own example
 * ({@code WSpdx+ABC12D}) and in the wild ({@code SLiad+XXXXXX}, {@code wsnrt+XXXXXX}) are
 * {@code WS} or {@code SL}, then the IATA airport code that also names the region's health-check
 * host ({@code drp-nrt}), then {@code +} and letters or digits; case does not matter. So the
 * table is derived from each catalog region's {@code airport}: a region without a published
 * airport code (us-east-2, ap-southeast-5) cannot be inferred.
 */
public final class RegistrationCodes {
    /** Letters, one '+', letters or digits: the shape of every region-based code. */
    private static final Pattern WELL_FORMED = Pattern.compile("([A-Za-z]+)\\+([A-Za-z0-9]+)");
    /** The known prefix shape: WS or SL followed by the airport code. */
    private static final Pattern PREFIX = Pattern.compile("(?:ws|sl)([a-z]+)");

    private RegistrationCodes() {}

    /**
     * Returns the region whose airport code is in {@code code}'s prefix, or empty when the code is
     * well formed but its prefix names no region of {@code catalog} (the caller says "unknown
     * prefix"). Leading and trailing blanks are ignored.
     *
     * @throws IllegalArgumentException when the code is not of the form PREFIX+CODE; the message
     *     is one line that names the code and says what was expected
     */
    public static Optional<String> region(Catalog catalog, String code) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(code, "code");
        String c = code.strip();
        Matcher m = WELL_FORMED.matcher(c);
        if (!m.matches()) {
            throw new IllegalArgumentException(problem(c));
        }
        Matcher prefix = PREFIX.matcher(m.group(1).toLowerCase(Locale.ROOT));
        if (!prefix.matches()) {
            return Optional.empty();
        }
        return catalog.regionByAirport(prefix.group(1)).map(RegionDef::code);
    }

    /** Says what is wrong with a code that is not PREFIX+CODE, in one line. */
    private static String problem(String code) {
        String expected = "expected a prefix such as WSnrt, a '+' and letters or digits, e.g. WSnrt+ABC123";
        if (code.isEmpty()) {
            return "registration code is empty: " + expected;
        }
        String quoted = "registration code '" + code + "'";
        int plus = code.indexOf('+');
        if (plus < 0) {
            if (code.contains(".")) {
                // Cross-Region redirection uses a domain name as the code; it names no region.
                return quoted + " has no '+': a domain-name code (cross-Region redirection) names no region, give --region instead";
            }
            return quoted + " has no '+': " + expected;
        }
        if (code.indexOf('+', plus + 1) >= 0) {
            return quoted + " has more than one '+': " + expected;
        }
        if (plus == 0) {
            return quoted + " has no prefix before the '+': " + expected;
        }
        if (plus == code.length() - 1) {
            return quoted + " has nothing after the '+': " + expected;
        }
        for (int i = 0; i < code.length(); i++) {
            char ch = code.charAt(i);
            boolean ok = i < plus ? isAsciiLetter(ch) : i == plus || isAsciiLetter(ch) || (ch >= '0' && ch <= '9');
            if (!ok) {
                return quoted + " has '" + ch + "', which does not belong in one: " + expected;
            }
        }
        return quoted + " is malformed: " + expected;
    }

    private static boolean isAsciiLetter(char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    }
}
