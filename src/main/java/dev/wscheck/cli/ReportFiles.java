package dev.wscheck.cli;

import dev.wscheck.WscheckException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes report files all or none, so that a reader never sees half a report and a failed run
 * leaves nothing behind: every file is first rendered into a temporary file beside its target;
 * only when every one of them was written are they renamed over their targets. Output paths are
 * checked before the run by creating (and removing) such a temporary file, so a path that cannot
 * be written fails in a second, not after a minute of probing. Errors name the target the user
 * gave, never the temporary file.
 */
final class ReportFiles {
    private ReportFiles() {}

    /** Fails with one line if {@code file} cannot be written: tries what the real write will do. */
    static void checkWritable(Path file) {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (Files.isDirectory(abs)) {
            throw new WscheckException("-o " + file + ": is a directory");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new WscheckException("-o " + file + ": directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir) || (Files.exists(abs) && !Files.isWritable(abs))) {
            throw new WscheckException("-o " + file + ": not writable");
        }
        // access(2) says yes to root on /proc, root-squashed NFS or a read-only mount: only a real
        // file creation tells.
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        } catch (IOException | SecurityException e) {
            throw new WscheckException("-o " + file + ": cannot write: " + reason(e, tmp), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    interface Body {
        void write(Writer w) throws IOException;
    }

    /** One file to write: the target and what goes into it. */
    record Output(Path file, Body body) {}

    /** Opens a temporary file for writing; a seam so that tests can make the write itself fail. */
    interface Opener {
        Writer open(Path tmp) throws IOException;

        Opener FILES = tmp -> Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
    }

    /** Writes {@code body} to {@code file} atomically; on failure nothing is left behind. */
    static void write(Path file, Body body) {
        writeAll(List.of(new Output(file, body)), Opener.FILES);
    }

    /** Writes every output or none: see the class comment. */
    static void writeAll(List<Output> outputs) {
        writeAll(outputs, Opener.FILES);
    }

    static void writeAll(List<Output> outputs, Opener opener) {
        List<Path> temps = new ArrayList<>();
        int renamed = 0;
        Output current = null;
        Path tmp = null;
        try {
            for (Output o : outputs) {
                current = o;
                tmp = null;
                Path abs = o.file().toAbsolutePath();
                tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
                temps.add(tmp);
                try (Writer w = opener.open(tmp)) {
                    o.body().write(w);
                }
            }
            // Every file is complete: only now does any target change.
            for (int i = 0; i < outputs.size(); i++) {
                current = outputs.get(i);
                tmp = temps.get(i);
                move(tmp, current.file().toAbsolutePath());
                renamed++;
            }
        } catch (IOException | RuntimeException e) {
            String more = renamed > 0 ? " (" + renamed + " of " + outputs.size() + " files were already replaced)" : "";
            throw new WscheckException("-o " + current.file() + ": cannot write: " + reason(e, tmp) + more, e);
        } finally {
            for (int i = renamed; i < temps.size(); i++) {
                deleteQuietly(temps.get(i));
            }
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The cause in words, without the temporary file's name (the user never named it). */
    private static String reason(Exception e, Path tmp) {
        String why;
        if (e instanceof FileSystemException fs) {
            why = fs.getReason() != null ? fs.getReason()
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                    : e.getClass().getSimpleName();
        } else if (e.getMessage() != null) {
            why = e.getMessage();
        } else {
            why = e.getClass().getSimpleName();
        }
        if (tmp != null) {
            why = why.replace(tmp.toString(), "temporary file");
        }
        return why.replace('\n', ' ');
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: nothing more can be done, and the error already reported matters more
        }
    }
}
