package dev.wscheck.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wscheck.WscheckException;
import dev.wscheck.report.JsonReporter;
import dev.wscheck.report.Report;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A history folder (contract §7, docs/scheduling.md): one JSON document per run, the run's report
 * exactly as the renderers got it, in {@code run-YYYYMMDDTHHMMSS.mmmZ.json} (UTC, so names sort by
 * time and are valid on every file system). A run is appended by writing a temporary file beside
 * it, flushing it to disk and renaming it: a reader, or a run killed half-way (even by kill -9 or
 * a power cut), never leaves a half-written run, and earlier runs are never rewritten.
 * Temporary files a killed run left behind are removed by the next append. Callers hold the
 * folder's {@link HistoryLock} while appending.
 */
public final class HistoryStore {
    static final String PREFIX = "run-";
    static final String SUFFIX = ".json";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path dir;

    public HistoryStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Creates the folder if needed; fails with one line when it cannot be used. */
    public HistoryStore create() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new WscheckException("--history " + dir + ": cannot create the folder: " + e.getMessage());
        }
        if (!Files.isWritable(dir)) {
            throw new WscheckException("--history " + dir + ": not writable");
        }
        return this;
    }

    /** The stored runs, oldest first. A file that is not a readable report is passed over (and counted in {@link Read#unreadable}). */
    public Read read() {
        List<PastRun> runs = new ArrayList<>();
        List<Path> unreadable = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            throw new WscheckException("--history " + dir + ": no such folder");
        }
        for (Path f : runFiles()) {
            try {
                JsonNode n = MAPPER.readTree(f.toFile());
                runs.add(PastRun.of(f, n));
            } catch (IOException | RuntimeException e) {
                unreadable.add(f);
            }
        }
        runs.sort(Comparator.comparing(PastRun::startedAt));
        return new Read(runs, unreadable);
    }

    /**
     * The newest runs, oldest first: read newest first for as long as {@code more} says the run
     * just read is still needed (a run that cannot be read is passed over). A scheduled run needs
     * only the previous run and the failing streaks, not the whole history.
     */
    public List<PastRun> newest(java.util.function.Predicate<PastRun> more) {
        List<Path> files = runFiles();
        files.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        List<PastRun> out = new ArrayList<>();
        for (Path f : files) {
            PastRun run;
            try {
                run = PastRun.of(f, MAPPER.readTree(f.toFile()));
            } catch (IOException | RuntimeException e) {
                continue;
            }
            out.add(0, run);
            if (!more.test(run)) {
                break;
            }
        }
        return out;
    }

    /** The runs read, oldest first, and the files that could not be read. */
    public record Read(List<PastRun> runs, List<Path> unreadable) {}

    /** Appends {@code report} as its own file; returns the file. */
    public Path append(Report report) {
        removeLeftovers();
        Instant at = Instant.parse(report.startedAt());
        String base = PREFIX + NAME.format(at);
        Path target = dir.resolve(base + SUFFIX);
        for (int i = 1; Files.exists(target); i++) {
            target = dir.resolve(base + "-" + i + SUFFIX);
        }
        writeAtomically(target, w -> new JsonReporter().write(report, w));
        return target;
    }

    /**
     * Removes runs beyond the newest {@code maxRuns} and runs that started before {@code now - maxAge};
     * the start time is read from the file name, so pruning parses nothing.
     */
    public int prune(int maxRuns, Duration maxAge, Instant now) {
        List<Path> files = runFiles();
        files.sort(Comparator.comparing((Path p) -> p.getFileName().toString()));
        Instant oldest = now.minus(maxAge);
        int removed = 0;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            if (files.size() - i > maxRuns || startedAt(f).map(oldest::isAfter).orElse(false)) {
                try {
                    Files.deleteIfExists(f);
                    removed++;
                } catch (IOException e) {
                    // kept; removed by a later run
                }
            }
        }
        return removed;
    }

    /** The start time a run's file name says ({@code run-20261201T090000.000Z.json}, maybe with "-N" before ".json"). */
    static java.util.Optional<Instant> startedAt(Path file) {
        String n = file.getFileName().toString();
        if (n.length() < PREFIX.length() + 20) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Instant.from(NAME.parse(n.substring(PREFIX.length(), PREFIX.length() + 20))));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    interface Body {
        void write(Writer w) throws IOException;
    }

    /** Temporary file beside the target, written, forced to disk, then renamed over the target. */
    static void writeAtomically(Path target, Body body) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                Writer w = new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8);
                body.write(w);
                w.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new WscheckException("--history " + target.getParent() + ": cannot write " + target.getFileName() + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // the next append removes it
                }
            }
        }
    }

    private List<Path> runFiles() {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            s.forEach(out::add);
        } catch (IOException e) {
            throw new WscheckException("--history " + dir + ": cannot list: " + e.getMessage());
        }
        return out;
    }

    /** Temporary files of a run killed while writing (the lock says nobody is writing now). */
    private void removeLeftovers() {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "." + PREFIX + "*.tmp")) {
            for (Path p : s) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // harmless: leftovers are never read as runs
        }
    }
}
