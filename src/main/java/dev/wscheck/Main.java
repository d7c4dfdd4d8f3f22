package dev.wscheck;

import dev.wscheck.cli.Cli;

/** Entry point: everything happens in {@link Cli#run}, so tests can call it with captured streams. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.run(System.out, System.err, System.getenv(), args));
    }
}
