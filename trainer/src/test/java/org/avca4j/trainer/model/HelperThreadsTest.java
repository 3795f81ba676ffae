package org.avca4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

class HelperThreadsTest {

    @Test
    void theThreadIsANamedDaemon() throws Exception {
        ExecutorService t = HelperThreads.single("avca4j-test");
        try {
            Thread thread = t.submit(Thread::currentThread).get();
            assertEquals("avca4j-test", thread.getName());
            assertTrue(thread.isDaemon());
        } finally {
            t.shutdownNow();
        }
    }

    @Test
    void aTasksUncheckedExceptionIsRethrownAsItWas() {
        IllegalArgumentException cause = new IllegalArgumentException("bad width");
        CompletableFuture<Void> f = CompletableFuture.failedFuture(cause);
        assertSame(
                cause,
                assertThrows(IllegalArgumentException.class, () -> HelperThreads.await(f, "x")));
        HelperThreads.awaitQuietly(f); // nothing thrown
    }

    @Test
    void aCheckedFailureNamesTheTask() {
        CompletableFuture<Void> f = CompletableFuture.failedFuture(new IOException("disk"));
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> HelperThreads.await(f, "drawing the dropout masks"));
        assertEquals("drawing the dropout masks failed", e.getMessage());
        assertTrue(e.getCause() instanceof IOException);
    }
}
