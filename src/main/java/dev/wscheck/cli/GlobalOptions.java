package dev.wscheck.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/** Options every command accepts, before or after the command name. */
final class GlobalOptions {
    @Option(names = "--lang", paramLabel = "en|ja", description = "Language of remediation texts and console labels (default: en).")
    String lang;

    @Option(names = "--no-color", description = "No colour, even on a terminal (NO_COLOR is honoured too).")
    boolean noColor;

    @Option(names = {"-v", "--verbose"}, description = "Show every check, and stack traces on internal errors.")
    boolean verbose;

    /** Merges the root's and the command's copies: a value given on either applies. */
    static GlobalOptions merge(GlobalOptions root, GlobalOptions own) {
        GlobalOptions g = new GlobalOptions();
        g.lang = own.lang != null ? own.lang : root.lang;
        g.noColor = own.noColor || root.noColor;
        g.verbose = own.verbose || root.verbose;
        return g;
    }

    Locale locale() {
        if (lang == null || lang.equalsIgnoreCase("en")) {
            return Locale.ENGLISH;
        }
        if (lang.equalsIgnoreCase("ja")) {
            return Locale.JAPANESE;
        }
        throw new dev.wscheck.WscheckException("--lang " + lang + ": available languages are en and ja");
    }
}
