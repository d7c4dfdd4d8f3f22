package dev.wscheck.probe.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When a stub resolver re-sends an unanswered query, modelled on the operating system's own
 * (docs/probes-dns.md): glibc waits {@code timeout} seconds (5, from resolv.conf {@code options
 * timeout:}) per try and tries {@code attempts} times (2); Windows' DNS client waits 1, 2, 2, 4 and 7 s
 * between retransmissions (DNSQueryTimeouts); macOS's mDNSResponder re-sends after about 1 s and then
 * at doubling intervals. A check has only {@code --timeout} for a name, so wscheck keeps the OS's
 * number of retransmissions and their proportions, compressed into the budget: with the default 5 s
 * and glibc's two tries, the query is sent at 0 and re-sent at 2.5 s. Whatever the OS, a query is sent
 * at least {@value #MIN_SENDS} times, so that one lost datagram (or two) never costs a timeout.
 *
 * @param os the stub this schedule is modelled on, for the evidence ("glibc timeout:5 attempts:2")
 * @param weights the relative waits after each send; {@code sends = weights.size()}
 */
record StubSchedule(String os, List<Double> weights) {
    /** The fewest sends per query, whatever the OS would do. */
    static final int MIN_SENDS = 4;

    StubSchedule {
        weights = List.copyOf(weights);
    }

    /** The offsets from the start at which the query is (re-)sent, within {@code budget}. */
    List<Duration> sendOffsets(Duration budget) {
        List<Double> w = new ArrayList<>(weights);
        while (w.size() < MIN_SENDS) {
            // Split the longest wait in two: a lost datagram is noticed sooner.
            int longest = 0;
            for (int i = 1; i < w.size(); i++) {
                if (w.get(i) > w.get(longest)) {
                    longest = i;
                }
            }
            double half = w.get(longest) / 2;
            w.set(longest, half);
            w.add(longest + 1, half);
        }
        double total = w.stream().mapToDouble(Double::doubleValue).sum();
        List<Duration> out = new ArrayList<>();
        double at = 0;
        for (double x : w) {
            out.add(Duration.ofNanos(Math.round(budget.toNanos() * at / total)));
            at += x;
        }
        return out;
    }

    /** The schedule of the operating system wscheck runs on. */
    static StubSchedule current() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return new StubSchedule("windows DNSQueryTimeouts 1 2 2 4 7", List.of(1.0, 2.0, 2.0, 4.0, 7.0));
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return new StubSchedule("macos mDNSResponder 1 2 4 8", List.of(1.0, 2.0, 4.0, 8.0));
        }
        return glibc(readResolvConf());
    }

    /** glibc's: {@code attempts} tries of {@code timeout} each, from resolv.conf's {@code options}. */
    static StubSchedule glibc(String resolvConf) {
        int timeout = 5;
        int attempts = 2;
        for (String line : resolvConf.split("\n")) {
            String l = line.trim();
            if (!l.startsWith("options")) {
                continue;
            }
            for (String opt : l.substring("options".length()).trim().split("\\s+")) {
                timeout = option(opt, "timeout:", timeout, 1, 30);
                attempts = option(opt, "attempts:", attempts, 1, 5);
            }
        }
        List<Double> w = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            w.add((double) timeout);
        }
        return new StubSchedule("glibc timeout:" + timeout + " attempts:" + attempts, w);
    }

    private static int option(String opt, String prefix, int current, int min, int max) {
        if (!opt.startsWith(prefix)) {
            return current;
        }
        try {
            return Math.max(min, Math.min(max, Integer.parseInt(opt.substring(prefix.length()))));
        } catch (NumberFormatException e) {
            return current; // glibc ignores a malformed option too
        }
    }

    private static String readResolvConf() {
        try {
            return Files.readString(Path.of("/etc/resolv.conf"), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
