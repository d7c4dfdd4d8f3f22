package dev.wscheck.testing;

import dev.wscheck.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the real command line with captured stdout/stderr and a chosen environment. */
public record CliRun(int exit, String out, String err) {

    public static CliRun of(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            // Tests never read this machine's machine-wide configuration (/etc/wscheck/...): an empty directory means none.
            Map<String, String> testEnv = new java.util.HashMap<>(env);
            testEnv.putIfAbsent("WSCHECK_SYSTEM_CONFIG_DIR", "");
            code = Cli.run(o, e, testEnv, args);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static CliRun of(String... args) {
        return of(Map.of(), args);
    }

    /** The stderr lines, without the empty last one. */
    public String[] errLines() {
        return err.isEmpty() ? new String[0] : err.split("\\R");
    }
}
