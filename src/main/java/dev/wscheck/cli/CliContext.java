package dev.wscheck.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * The process's streams and environment as the commands see them; passed in so that tests run
 * the real commands with captured output and a chosen environment.
 *
 * @param stdoutTerminal stdout is an interactive terminal (colour allowed)
 * @param stderrTerminal stderr is an interactive terminal (live progress allowed)
 * @param passwordPrompt asks the user for a secret without echoing it; empty when there is no console
 */
record CliContext(PrintStream out, PrintStream err, Map<String, String> env, boolean stdoutTerminal, boolean stderrTerminal,
                  PasswordPrompt passwordPrompt) {

    CliContext(PrintStream out, PrintStream err, Map<String, String> env, boolean stdoutTerminal, boolean stderrTerminal) {
        this(out, err, env, stdoutTerminal, stderrTerminal, PasswordPrompt.console());
    }

    /** Reads a secret interactively: the run's prompt, with the process console and "nobody" as the two sources. */
    @FunctionalInterface
    interface PasswordPrompt extends dev.wscheck.run.ProxySetup.PasswordPrompt {

        /** The process's console ({@code System.console().readPassword}), when there is one. */
        static PasswordPrompt console() {
            return prompt -> {
                java.io.Console c = System.console();
                if (c == null) {
                    return Optional.empty();
                }
                return Optional.ofNullable(c.readPassword("%s", prompt));
            };
        }

        /** Nobody to ask (tests, pipes). */
        static PasswordPrompt none() {
            return prompt -> Optional.empty();
        }
    }
}
