package dev.wscheck.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Registration code → region, derived from the built-in catalog's airport codes (facts §2f). */
class RegistrationCodesTest {
    private static final Catalog CATALOG = CatalogLoader.builtin();

    record Known(String name, String code, Optional<String> region) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Known> wellFormed() {
        return Stream.of(
                new Known("WSnrt is Tokyo", "WSnrt+ABC123", Optional.of("ap-northeast-1")),
                new Known("lower-case wsnrt is Tokyo too", "wsnrt+abc123", Optional.of("ap-northeast-1")),
                new Known("SLiad (the older prefix) is N. Virginia", "SLiad+XXXXXX", Optional.of("us-east-1")),
                new Known("AWS's own example WSpdx is Oregon", "WSpdx+ABC12D", Optional.of("us-west-2")),
                new Known("mixed case is accepted", "wSIcN+a1B2c3", Optional.of("ap-northeast-2")),
                new Known("blanks around a pasted code are ignored", "  WSsyd+ABC123\t", Optional.of("ap-southeast-2")),
                new Known("Paris by its airport cdg", "WScdg+Q1W2E3", Optional.of("eu-west-3")),
                new Known("Cape Town by cpt", "WScpt+Q1W2E3", Optional.of("af-south-1")),
                new Known("Tel Aviv by tlv", "WStlv+Q1W2E3", Optional.of("il-central-1")),
                new Known("GovCloud US-West by pdt", "WSpdt+Q1W2E3", Optional.of("us-gov-west-1")),
                new Known("GovCloud US-East by osu", "WSosu+Q1W2E3", Optional.of("us-gov-east-1")),
                new Known("an airport no region uses is unknown", "WSxyz+ABC123", Optional.empty()),
                new Known("Ohio's likely airport is unknown: AWS publishes none", "WScmh+ABC123", Optional.empty()),
                new Known("a prefix that is neither WS nor SL is unknown", "ABnrt+ABC123", Optional.empty()),
                new Known("WS without an airport is unknown", "WS+ABC123", Optional.empty()),
                new Known("a four-letter airport is unknown", "WSnrtx+ABC123", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormed")
    void regionFromAWellFormedCode(Known c) {
        assertEquals(c.region(), RegistrationCodes.region(CATALOG, c.code()));
    }

    record Malformed(String name, String code, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Malformed> malformed() {
        String expected = "expected a prefix such as WSnrt, a '+' and letters or digits, e.g. WSnrt+ABC123";
        return Stream.of(
                new Malformed("a code without '+' is malformed", "WSnrtABC123",
                        "registration code 'WSnrtABC123' has no '+': " + expected),
                new Malformed("a domain-name code is told apart: it names no region", "desktop.example.com",
                        "registration code 'desktop.example.com' has no '+': a domain-name code (cross-Region redirection) names no region, give --region instead"),
                new Malformed("an empty code is malformed", "   ",
                        "registration code is empty: " + expected),
                new Malformed("a second '+' is malformed", "WSnrt+ABC+123",
                        "registration code 'WSnrt+ABC+123' has more than one '+': " + expected),
                new Malformed("nothing before '+' is malformed", "+ABC123",
                        "registration code '+ABC123' has no prefix before the '+': " + expected),
                new Malformed("nothing after '+' is malformed", "WSnrt+",
                        "registration code 'WSnrt+' has nothing after the '+': " + expected),
                new Malformed("a hyphen in the code part is named", "WSnrt+ABC-123",
                        "registration code 'WSnrt+ABC-123' has '-', which does not belong in one: " + expected),
                new Malformed("a digit in the prefix is named", "WS1rt+ABC123",
                        "registration code 'WS1rt+ABC123' has '1', which does not belong in one: " + expected),
                new Malformed("a blank inside the code is named", "WSnrt+ABC 123",
                        "registration code 'WSnrt+ABC 123' has ' ', which does not belong in one: " + expected),
                new Malformed("a non-ASCII letter is named", "WSnrt+ABCé23",
                        "registration code 'WSnrt+ABCé23' has 'é', which does not belong in one: " + expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedCodeIsOneClearLine(Malformed c) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegistrationCodes.region(CATALOG, c.code()));
        assertEquals(c.message(), e.getMessage());
    }

    @Test
    void everyRegionWithAPublishedAirportIsInferredFromBothPrefixes() {
        int inferred = 0;
        for (RegionDef r : CATALOG.regions().values()) {
            if (r.airport().isEmpty()) {
                continue; // us-east-2 and ap-southeast-5 (BuiltinCatalogTest checks which)
            }
            assertEquals(Optional.of(r.code()), RegistrationCodes.region(CATALOG, "WS" + r.airport().toUpperCase(java.util.Locale.ROOT) + "+ABC123"));
            assertEquals(Optional.of(r.code()), RegistrationCodes.region(CATALOG, "sl" + r.airport() + "+abc123"));
            inferred++;
        }
        assertEquals(17, inferred, "17 regions publish a health-check host, hence an airport code");
    }
}
