package dev.wscheck.cli;

import dev.wscheck.engine.StopSignal;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A run stopped by SIGTERM or Ctrl-C still leaves a report (contract §7, docs/scheduling.md): a
 * JVM shutdown hook fires the run's {@link StopSignal}, so the engine stops waiting and the
 * command writes the partial report, marked {@code "interrupted": true}, to its -o files and
 * stdout; the hook waits for that up to {@link #GRACE}, then removes any temporary file a write
 * cut short left beside an -o file. The process then ends as the signal says (exit 143 for
 * SIGTERM, 130 for Ctrl-C). kill -9 cannot be caught: then no report is written, and every file
 * already written stays whole because each is renamed into place.
 */
final class Interruption implements AutoCloseable {
    /** How long the hook lets the run write its partial report; well inside systemd's default 90 s stop timeout. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private final StopSignal stop = new StopSignal();
    private final CountDownLatch written = new CountDownLatch(1);
    private final List<Path> outputs;
    private final Thread hook;

    private Interruption(List<Path> outputs) {
        this.outputs = List.copyOf(outputs);
        this.hook = new Thread(this::onSignal, "wscheck-interrupt");
    }

    /** Installs the hook for a run that writes {@code outputs}. */
    static Interruption install(List<Path> outputs) {
        Interruption i = new Interruption(outputs);
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    StopSignal signal() {
        return stop;
    }

    boolean interrupted() {
        return stop.isStopped();
    }

    /** The report has been written (or the run failed): the hook need wait no longer. */
    void done() {
        written.countDown();
    }

    private void onSignal() {
        stop.stop();
        try {
            written.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeTemporaries(outputs);
    }

    /** Removes {@code .NAME.*.tmp} beside each output: what {@link ReportFiles#write} leaves when the JVM ends mid-write. */
    static void removeTemporaries(List<Path> outputs) {
        for (Path o : outputs) {
            Path abs = o.toAbsolutePath();
            if (abs.getParent() == null || abs.getFileName() == null) {
                continue;
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(abs.getParent(), "." + abs.getFileName() + ".*.tmp")) {
                for (Path p : s) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | RuntimeException e) {
                // best effort while the process ends
            }
        }
    }

    /** The run ended normally: no hook any more. */
    @Override
    public void close() {
        done();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook is running and has been told the report is written
        }
    }
}
