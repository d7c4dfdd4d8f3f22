package dev.wscheck.cli;

import dev.wscheck.remediation.Translator;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The command line's own lines on stderr (errors, picocli's usage errors, notices) in the user's
 * language. They are written in English where they arise; under Japanese each is matched whole
 * against the templates of cli/errors*.properties, cli/catalogerrors*.properties (a custom
 * catalog's problems) and cli/notices*.properties and rendered whole
 * from the Japanese template (values such as file names, options and foreign exception texts
 * are kept, or translated the same way when they are sentences wscheck wrote). An error that
 * starts with a location ("FILE:LINE: ", "--catalog FILE: ") whose rest matches a template
 * keeps the location as written. A line that matches nothing stays English.
 */
final class Messages {
    private static final String[] BUNDLES = {"dev/wscheck/cli/errors", "dev/wscheck/cli/catalogerrors", "dev/wscheck/cli/notices"};

    private Messages() {}

    /** {@code english} in {@code locale}: unchanged in English, translated whole in Japanese. */
    static String text(String english, Locale locale) {
        if (english == null || !locale.getLanguage().equals("ja")) {
            return english;
        }
        Translator t = Translator.of(locale, BUNDLES);
        String whole = t.text(english);
        if (!whole.equals(english)) {
            return whole;
        }
        // "LOCATION: sentence": the longest rest that a template matches, the location kept.
        for (int i = english.indexOf(": "); i >= 0; i = english.indexOf(": ", i + 1)) {
            String rest = english.substring(i + 2);
            String translated = t.text(rest);
            if (!translated.equals(rest)) {
                return english.substring(0, i + 2) + translated;
            }
        }
        return english;
    }

    /** A usage error and the pointer to the help after it ("... (see 'wscheck check --help')"), the error translated whole. */
    static String usage(String message, String help, Locale locale) {
        if (!locale.getLanguage().equals("ja")) {
            return message + " (see '" + help + "')";
        }
        return new Bundle("dev.wscheck.cli.errors", locale).get("usage.see", "message", text(message, locale), "help", help);
    }

    /** Prints "wscheck: " and the notice in {@code locale}. */
    static void notice(PrintStream err, Locale locale, String english) {
        err.println("wscheck: " + text(english, locale));
    }
}
