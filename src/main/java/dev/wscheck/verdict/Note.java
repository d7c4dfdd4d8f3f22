package dev.wscheck.verdict;

import java.util.Map;

/**
 * A sentence a verdict adds to a requirement (why a rule changed its status, why it was not
 * checked). {@code key} names its translation in the remediation bundles ({@code note.*}),
 * {@code args} fill it; {@code english} is the text where no translation exists.
 */
public record Note(String key, Map<String, String> args, String english) {
    public static final Note NONE = new Note("", Map.of(), "");

    public boolean isEmpty() {
        return english.isEmpty();
    }
}
