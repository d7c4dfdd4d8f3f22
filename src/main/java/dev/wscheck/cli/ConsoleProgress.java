package dev.wscheck.cli;

import dev.wscheck.engine.ProgressListener;
import dev.wscheck.probe.CheckSpec;
import dev.wscheck.probe.ProbeResult;
import java.io.PrintStream;

/**
 * Progress on stderr: a live, rewritten line on a terminal; one line per finished check with
 * -v otherwise; nothing else, so that stdout stays clean for --format json.
 */
final class ConsoleProgress implements ProgressListener {
    private final PrintStream err;
    private final boolean live;
    private final boolean verbose;
    private final java.util.Locale locale;
    private int lastWidth;

    ConsoleProgress(PrintStream err, boolean live, boolean verbose, java.util.Locale locale) {
        this.err = err;
        this.locale = locale;
        this.live = live;
        this.verbose = verbose;
    }

    @Override
    public synchronized void started(int total) {
        if (live) {
            show(Messages.text("checking " + total + " endpoints...", locale));
        }
    }

    @Override
    public synchronized void checkFinished(CheckSpec check, ProbeResult result, int done, int total) {
        if (live) {
            show(String.format("[%d/%d] %s %s", done, total, check.key(), result.outcome().code()));
        } else if (verbose) {
            err.println("wscheck: " + check.key() + ": " + result.outcome().code() + " (" + result.duration().toMillis() + " ms)");
        }
    }

    @Override
    public synchronized void finished() {
        if (live && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
        }
    }

    private void show(String text) {
        String t = text.length() > 100 ? text.substring(0, 97) + "..." : text;
        err.print("\r" + t + " ".repeat(Math.max(0, lastWidth - t.length())));
        err.flush();
        lastWidth = t.length();
    }
}
