package dev.wscheck.fuzz;

import dev.wscheck.WscheckException;
import dev.wscheck.probe.Outcome;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The rule every parser keeps, whatever it is fed: it returns (accepting the input, or with a
 * precise outcome that is not {@code error}), or it fails with one line (a WscheckException, which
 * the command line prints as exit 3). Never another exception (a stack trace), never a hang.
 */
final class FuzzRule {
    /** Far above any parser's own time limit (a probe's timeout is 400-500 ms here). */
    static final long HANG_MS = 5_000;

    private FuzzRule() {}

    /** Returns null when the rule held, else what broke it, in one sentence. */
    static String violation(FuzzTargets.FuzzTarget target, byte[] input) {
        FutureTask<Optional<Outcome>> task = new FutureTask<>(() -> target.feed().parse(input));
        Thread t = new Thread(task, "fuzz-" + target.name());
        t.setDaemon(true);
        t.start();
        try {
            Optional<Outcome> outcome = task.get(HANG_MS, TimeUnit.MILLISECONDS);
            if (outcome.isPresent() && outcome.get() == Outcome.ERROR) {
                return target.name() + ": outcome 'error' (a wscheck bug) for a network condition";
            }
            return null;
        } catch (TimeoutException e) {
            t.interrupt();
            return target.name() + ": no result within " + HANG_MS + " ms (a hang)";
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof WscheckException w) {
                String m = w.getMessage();
                return m != null && !m.isBlank() && !m.contains("\n") ? null : target.name() + ": the error is not one line: " + m;
            }
            return target.name() + ": escaped " + c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
