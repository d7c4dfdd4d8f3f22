package dev.wscheck.cli;

import java.util.Locale;
import java.util.ResourceBundle;

/** One of the command line's resource bundles in one language, with {name} placeholders filled; the English file is the fallback. */
final class Bundle {
    private final ResourceBundle bundle;

    Bundle(String baseName, Locale locale) {
        this.bundle = ResourceBundle.getBundle(baseName, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The text of {@code key}, with each {name} replaced by the value after that name in {@code nameValues}. */
    String get(String key, Object... nameValues) {
        String s = bundle.getString(key);
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            s = s.replace("{" + nameValues[i] + "}", String.valueOf(nameValues[i + 1]));
        }
        return s;
    }

    /** The text of {@code key}, or {@code fallback} when the bundle has none (a custom catalog's own category). */
    String getOr(String key, String fallback) {
        return bundle.containsKey(key) ? bundle.getString(key) : fallback;
    }
}
