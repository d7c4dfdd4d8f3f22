package dev.wscheck.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a real second JVM on the test's own class path (wscheck's classes, its dependencies and
 * the test classes), for what only separate processes can show: locks between processes,
 * signals, kill -9. Output goes to files, so a child never blocks on a full pipe.
 */
public final class JavaProcess {
    private JavaProcess() {}

    /** Starts {@code mainClass} with {@code args}; stdout and stderr go to {@code out} and {@code err}. */
    public static Process start(Class<?> mainClass, Path out, Path err, List<String> args) throws IOException {
        return start(mainClass, out, err, args, java.util.Map.of());
    }

    /** As {@link #start(Class, Path, Path, List)}, with these variables added to the child's environment. */
    public static Process start(Class<?> mainClass, Path out, Path err, List<String> args, java.util.Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xshare:auto");
        cmd.add(mainClass.getName());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("WSCHECK_SYSTEM_CONFIG_DIR", "");
        pb.environment().remove("WSCHECK_CONFIG");
        pb.environment().put("HOME", out.getParent().toString());
        pb.environment().remove("XDG_CONFIG_HOME");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** The class path separator, for callers that build one. */
    public static String separator() {
        return File.pathSeparator;
    }
}
