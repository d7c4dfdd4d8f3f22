package dev.wscheck.cli;

import java.io.PrintStream;
import java.util.Map;

/** Placeholder until the command line lands. */
public final class Cli {
    private Cli() {}

    public static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
        return 3;
    }
}
