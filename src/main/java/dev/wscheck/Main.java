package dev.wscheck;

import dev.wscheck.cli.Cli;
import org.fusesource.jansi.AnsiConsole;

/** Entry point: everything happens in {@link Cli#run}, so tests can call it with captured streams. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // jansi wraps stdout/stderr: it enables ANSI processing on Windows consoles, tells which
        // stream is a terminal, and strips escape codes from a stream that is redirected.
        Timeline.mark("main");
        AnsiConsole.systemInstall();
        int code;
        try {
            code = Cli.run(System.out, System.err, System.getenv(), args);
        } finally {
            AnsiConsole.systemUninstall();
        }
        Timeline.mark("exit");
        Timeline.print(System.err);
        System.exit(code);
    }
}
