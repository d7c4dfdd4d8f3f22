package dev.wscheck;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Start-up work begun early on a thread of its own, beside the command-line parser (docs/performance.md):
 * the built-in catalog, the OS's proxy commands. The thread is a daemon, so work nobody ends up waiting
 * for never keeps the JVM alive; whoever needs the result joins the future.
 */
public final class Background {
    private Background() {}

    /**
     * Runs {@code work} on a new daemon thread named {@code threadName} and completes {@code result}
     * with its value, or exceptionally with what it threw (a RuntimeException or an Error).
     *
     * @return {@code result}, for use inside {@code computeIfAbsent}
     */
    public static <T> CompletableFuture<T> complete(String threadName, CompletableFuture<T> result, Supplier<T> work) {
        Thread t = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
        return result;
    }
}
