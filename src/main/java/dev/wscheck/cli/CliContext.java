package dev.wscheck.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * The process's streams and environment as the commands see them; passed in so that tests run
 * the real commands with captured output and a chosen environment.
 *
 * @param stdoutTerminal stdout is an interactive terminal (colour allowed)
 * @param stderrTerminal stderr is an interactive terminal (live progress allowed)
 */
record CliContext(PrintStream out, PrintStream err, Map<String, String> env, boolean stdoutTerminal, boolean stderrTerminal) {}
