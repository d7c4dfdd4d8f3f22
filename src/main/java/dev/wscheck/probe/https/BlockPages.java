package dev.wscheck.probe.https;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Recognises an answer that came from a middlebox (proxy, firewall, web filter) instead of the
 * server. The rules are deliberately narrow: a status or a body that a genuine AWS endpoint does
 * not produce. A 403 from S3 ({@code <Code>AccessDenied</Code>} in XML) or a 404 from a bucket
 * root is a genuine answer and proves reachability; it matches no rule. The rules are listed in
 * docs/probes-tls-https.md; add one only with a real block page to test it against.
 */
final class BlockPages {
    private BlockPages() {}

    /**
     * A matched rule.
     *
     * @param rule its stable id, e.g. {@code squid-error-header}
     * @param text what it means, for the detail line
     */
    record Match(String rule, String text) {}

    private record Rule(String id, String what, Function<Answer, Optional<String>> test) {}

    /** What the rules look at: the status, a header lookup (empty when absent), and the start of the body. */
    record Answer(int status, Function<String, String> header, String body) {}

    private static final List<Rule> RULES = List.of(
            new Rule("status-451", "refused for legal or policy reasons, typically by a filtering proxy",
                    a -> a.status() == 451 ? Optional.of("") : Optional.empty()),
            new Rule("squid-error-header", "a squid proxy answered instead of the server",
                    a -> a.header().apply("X-Squid-Error").isEmpty() ? Optional.empty()
                            : Optional.of("X-Squid-Error: " + a.header().apply("X-Squid-Error"))),
            new Rule("squid-error-page", "a squid proxy's access-denied page",
                    a -> contains(a.body(), "ERR_ACCESS_DENIED") ? Optional.of("ERR_ACCESS_DENIED") : Optional.empty()),
            new Rule("zscaler-page", "a Zscaler page",
                    a -> contains(a.body(), "zscaler") ? Optional.of("the page names Zscaler") : Optional.empty()),
            new Rule("fortiguard-page", "a Fortinet FortiGuard web-filter page",
                    a -> contains(a.body(), "fortiguard") ? Optional.of("the page names FortiGuard") : Optional.empty()),
            new Rule("paloalto-page", "a Palo Alto Networks URL-filtering page",
                    a -> contains(a.body(), "blocked in accordance with company policy")
                            ? Optional.of("\"blocked in accordance with company policy\"") : Optional.empty()));

    /** Returns the first rule the answer matches. */
    static Optional<Match> match(Answer answer) {
        for (Rule r : RULES) {
            Optional<String> why = r.test().apply(answer);
            if (why.isPresent()) {
                return Optional.of(new Match(r.id(), why.get().isEmpty() ? r.what() : r.what() + " (" + why.get() + ")"));
            }
        }
        return Optional.empty();
    }

    private static boolean contains(String body, String fragment) {
        return body.toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT));
    }
}
