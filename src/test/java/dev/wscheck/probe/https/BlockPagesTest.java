package dev.wscheck.probe.https;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BlockPagesTest {
    record Case(String name, int status, Map<String, String> headers, String body, Optional<String> rule) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("status 451 is a block", 451, Map.of(), "", Optional.of("status-451")),
                new Case("squid's X-Squid-Error header is a block whatever the status", 503,
                        Map.of("X-Squid-Error", "ERR_DNS_FAIL 0"), "", Optional.of("squid-error-header")),
                new Case("squid's access-denied page without its header is a block", 403, Map.of(),
                        "<html>...<!-- ERR_ACCESS_DENIED --></html>", Optional.of("squid-error-page")),
                new Case("a page naming Zscaler is a block", 200, Map.of(),
                        "<title>Website blocked</title> This page is served by Zscaler", Optional.of("zscaler-page")),
                new Case("a FortiGuard web-filter page is a block", 403, Map.of(),
                        "<h1>FortiGuard Intrusion Prevention - Access Blocked</h1>", Optional.of("fortiguard-page")),
                new Case("a Palo Alto URL-filtering page is a block", 503, Map.of(),
                        "Access to the web page you were trying to visit has been blocked in accordance with company policy.",
                        Optional.of("paloalto-page")),
                new Case("S3's 403 AccessDenied XML is a genuine answer", 403, Map.of("Server", "AmazonS3"),
                        "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>", Optional.empty()),
                new Case("API Gateway's 403 Missing Authentication Token is a genuine answer", 403, Map.of(),
                        "{\"message\":\"Missing Authentication Token\"}", Optional.empty()),
                new Case("a plain 404 is a genuine answer", 404, Map.of(), "<html>Not Found</html>", Optional.empty()),
                new Case("a 200 healthy is a genuine answer", 200, Map.of(), "healthy", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void recognisesOnlyMiddleboxAnswers(Case c) {
        BlockPages.Answer answer = new BlockPages.Answer(c.status(), name -> c.headers().getOrDefault(name, ""), c.body());
        assertEquals(c.rule(), BlockPages.match(answer).map(BlockPages.Match::rule));
    }
}
