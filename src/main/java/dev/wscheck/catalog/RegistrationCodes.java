package dev.wscheck.catalog;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Infers a region from a registration code's prefix ({@code WSnrt+ABC123} → the region with airport nrt). */
public final class RegistrationCodes {
    private static final Pattern CODE = Pattern.compile("(?i)(ws|sl)([a-z]{3})\\+[a-z0-9]+");

    private RegistrationCodes() {}

    /** Returns the region for a well-formed code, empty if its prefix is unknown; throws IllegalArgumentException if malformed. */
    public static Optional<String> region(Catalog catalog, String code) {
        Matcher m = CODE.matcher(code.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + code + "' is not a registration code (expected e.g. WSnrt+ABC123)");
        }
        return catalog.regionByAirport(m.group(2)).map(RegionDef::code);
    }
}
