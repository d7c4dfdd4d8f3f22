package dev.wscheck.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code promtool} (Debian package {@code prometheus}, installed by .ci/run). Tests
 * that need it skip with one line saying so where it is absent.
 */
public final class Promtool {
    private Promtool() {}

    /** What promtool printed and how it ended. */
    public record Result(int exit, String output) {}

    /** The promtool on PATH, or empty. */
    public static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "promtool");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static String whyAbsent() {
        return "promtool is not installed (apt-get install prometheus; .ci/run installs it)";
    }

    /** {@code promtool check metrics}, the text on stdin. */
    public static Result checkMetrics(String text) throws IOException, InterruptedException {
        return run(text, "check", "metrics");
    }

    /** Runs promtool with these arguments in {@code dir}. */
    public static Result run(Path dir, String... args) throws IOException, InterruptedException {
        return run(null, dir, args);
    }

    private static Result run(String stdin, String... args) throws IOException, InterruptedException {
        return run(stdin, null, args);
    }

    private static Result run(String stdin, Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(find().orElseThrow(() -> new IllegalStateException(whyAbsent())).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("promtool " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(p.exitValue(), out);
    }
}
