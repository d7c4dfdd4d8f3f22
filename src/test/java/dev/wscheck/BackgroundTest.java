package dev.wscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundTest {
    @Test
    void theWorkRunsOnANamedDaemonThreadAndCompletesTheFutureItWasGiven() throws Exception {
        CompletableFuture<Thread> given = new CompletableFuture<>();
        CompletableFuture<Thread> returned = Background.complete("wscheck-test-early", given, Thread::currentThread);
        assertSame(given, returned);
        Thread ranOn = returned.get(10, TimeUnit.SECONDS);
        assertEquals("wscheck-test-early", ranOn.getName());
        assertTrue(ranOn.isDaemon(), "a daemon never keeps the JVM alive");
        assertTrue(ranOn != Thread.currentThread());
    }

    @Test
    void whatTheWorkThrowsReachesWhoeverJoinsInsteadOfLeavingThemWaiting() {
        IllegalStateException thrown = new IllegalStateException("built-in catalog: broken");
        CompletableFuture<String> f = Background.complete("wscheck-test-failing", new CompletableFuture<>(), () -> {
            throw thrown;
        });
        CompletionException e = assertThrows(CompletionException.class, () -> f.orTimeout(10, TimeUnit.SECONDS).join());
        assertSame(thrown, e.getCause());
    }
}
