package dev.wscheck.cli;

import dev.wscheck.WscheckException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes report files so that a reader never sees half a report: into a temporary file beside the
 * target, then renamed over it. Output paths are checked before the run, so a path that cannot be
 * written fails in a second, not after a minute of probing.
 */
final class ReportFiles {
    private ReportFiles() {}

    /** Fails with one line if {@code file} cannot be written. */
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
    }

    interface Body {
        void write(Writer w) throws IOException;
    }

    /** Writes {@code body} to {@code file} atomically; on failure nothing is left behind. */
    static void write(Path file, Body body) {
        Path abs = file.toAbsolutePath();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                body.write(w);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new WscheckException("-o " + file + ": cannot write: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // best effort: the rename normally consumed it
                }
            }
        }
    }
}
