package org.avca4j.trainer.model;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The named daemon threads a network runs part of its step on. */
final class HelperThreads {

    private HelperThreads() {}

    /**
     * One daemon thread named {@code name}: it never keeps the JVM alive, and its owner shuts it
     * down when it closes.
     */
    static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(
                r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Waits for a task of a helper thread.
     *
     * @param what the task, for the error messages ("drawing the dropout masks")
     * @throws RuntimeException the task's own unchecked exception, as it was thrown
     * @throws Error the task's error, as it was thrown
     * @throws IllegalStateException if the wait was interrupted (the interrupt is kept) or the task
     *     threw a checked exception
     */
    static void await(Future<?> task, String what) {
        result(task, what);
    }

    /**
     * Waits for a task of a helper thread and returns its result.
     *
     * @throws RuntimeException as {@link #await}
     * @throws Error as {@link #await}
     * @throws IllegalStateException as {@link #await}
     */
    static <T> T result(Future<T> task, String what) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(what + " failed", cause);
        }
    }

    /**
     * Runs {@code work} on the calling thread while {@code task} runs on a helper thread, then
     * waits for the task: for its outcome when the work succeeded; quietly, when the work failed
     * and its own failure is the one on its way up (the task may read what the work's caller
     * frees).
     *
     * @param what the task, for the error messages
     * @throws RuntimeException the work's, or else the task's, as {@link #await}
     * @throws Error the work's, or else the task's
     */
    static void alongside(Future<?> task, String what, Runnable work) {
        boolean done = false;
        try {
            work.run();
            done = true;
        } finally {
            if (done) {
                await(task, what);
            } else {
                awaitQuietly(task);
            }
        }
    }

    /**
     * Waits for a task whose outcome no longer matters (another failure is already on its way up,
     * or the owner is closing); only an interrupt is kept.
     */
    static void awaitQuietly(Future<?> task) {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            // the first failure is the one reported
        }
    }
}
