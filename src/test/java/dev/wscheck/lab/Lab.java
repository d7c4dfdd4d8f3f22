package dev.wscheck.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Drives {@code scripts/lab} from tests: brings the lab up and down, switches scenarios, and runs
 * the packaged wscheck inside the lab's client namespace. The lab is machine-wide state (fixed
 * namespace names), so a run takes the lab lock directory {@code /tmp/wscheck-lab.owner} first.
 */
final class Lab {
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path SCRIPT = ROOT.resolve("scripts/lab");
    static final Path JAR = ROOT.resolve("target/wscheck.jar");
    private static final Path LOCK = Path.of("/tmp/wscheck-lab.owner");
    private static final List<String> COMMANDS = List.of("ip", "nft", "iptables", "dnsmasq", "squid", "microsocks", "mitmdump",
            "socat", "openssl", "dig", "nc", "htpasswd", "curl", "ping", "flock", "unshare", "python3", "taskset");

    /** What a command printed and how it ended. */
    record Result(int exit, String out, String err) {}

    private Lab() {}

    /** Returns why the lab cannot run here, or empty when it can. */
    static Optional<String> whyNot() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return Optional.of("the lab needs Linux network namespaces");
        }
        if (!isRoot()) {
            return Optional.of("not running as root (the lab needs ip netns and nftables)");
        }
        List<String> missing = new ArrayList<>();
        for (String c : COMMANDS) {
            if (!onPath(c)) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            return Optional.of("missing " + String.join(", ", missing) + " (install: apt-get install $(scripts/lab packages))");
        }
        if (!Files.isRegularFile(JAR)) {
            return Optional.of(JAR + " is missing (run mvn package first)");
        }
        return Optional.empty();
    }

    /** Takes the machine-wide lab lock, waiting up to {@code seconds} for another user to release it. */
    static boolean lock(int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try {
                Files.createDirectory(LOCK);
                Files.writeString(LOCK.resolve("by"), "wscheck lab scenario suite, pid " + ProcessHandle.current().pid() + "\n");
                return true;
            } catch (IOException e) {
                if (System.nanoTime() > end) {
                    return false;
                }
                Thread.sleep(2000);
            }
        }
    }

    static void unlock() throws IOException {
        Files.deleteIfExists(LOCK.resolve("by"));
        Files.deleteIfExists(LOCK);
    }

    static Result lab(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(SCRIPT.toString());
        cmd.addAll(List.of(args));
        return run(cmd, 180);
    }

    /** Runs the packaged wscheck in the lab's client namespace. */
    static Result wscheck(List<String> env, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(SCRIPT.toString(), "exec", "env"));
        cmd.addAll(env);
        cmd.addAll(List.of("java", "-jar", JAR.toString()));
        cmd.addAll(args);
        return run(cmd, 180);
    }

    /** Runs any command in the lab's client namespace, with extra environment variables. */
    static Result wscheckEnvCommand(List<String> env, List<String> command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(SCRIPT.toString(), "exec", "env"));
        cmd.addAll(env);
        cmd.addAll(command);
        return run(cmd, 180);
    }

    /** As {@link #wscheck}, pinned to one CPU ({@code taskset -c CPU}), e.g. beside a busy loop pinned there too. */
    static Result wscheckPinned(int cpu, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", Integer.toString(cpu), SCRIPT.toString(), "exec", "java", "-jar", JAR.toString()));
        cmd.addAll(args);
        return run(cmd, 180);
    }

    private static Result run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
        Path out = Files.createTempFile("wscheck-lab-", ".out");
        Path err = Files.createTempFile("wscheck-lab-", ".err");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": did not finish within " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin:/usr/sbin:/sbin").concat(":/usr/sbin:/sbin").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
