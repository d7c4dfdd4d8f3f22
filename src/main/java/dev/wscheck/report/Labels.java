package dev.wscheck.report;

import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/** Display strings from a resource bundle, with {name} placeholders; the English file is the fallback. */
final class Labels {
    private final ResourceBundle bundle;

    Labels(String baseName, Locale locale) {
        this.bundle = ResourceBundle.getBundle(baseName, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    String get(String key) {
        return bundle.getString(key);
    }

    String get(String key, Map<String, ?> values) {
        String s = bundle.getString(key);
        for (Map.Entry<String, ?> e : values.entrySet()) {
            s = s.replace("{" + e.getKey() + "}", String.valueOf(e.getValue()));
        }
        return s;
    }

    boolean has(String key) {
        return bundle.containsKey(key);
    }
}
