package org.avca4j.examples;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Read and write deadlines for the exchanges of a JDK {@code HttpServer}, which has none of its own
 * unless JVM-wide system properties are set before its first use.
 *
 * <p>The JDK server reads a request's head on the executor thread it hands the connection to, and
 * the handler reads the body on the same thread, so a client that trickles bytes holds a thread for
 * as long as it likes. Here every exchange runs with a request deadline armed: reading the head and
 * the body must end within it. The handler disarms it once the body is read ({@link
 * #requestRead()}: classifying is not the client's time) and arms the response deadline while it
 * writes ({@link #responding()}), so that a client that does not read cannot hold the thread
 * either. A thread still reading or writing at its deadline is interrupted; the JDK reads and
 * writes through interruptible socket channels, so the interrupt closes that client's connection
 * and frees the thread. Nothing else is interrupted: a thread whose deadline is disarmed is never
 * touched, and the interrupt status is cleared before the thread takes its next exchange.
 */
final class ExchangeDeadlines implements AutoCloseable {

    /** How often deadlines are checked: the granularity of the timeouts. */
    private static final long TICK_MILLIS = 100;

    private final long requestNanos;
    private final long responseNanos;
    private final ExecutorService pool;
    private final ScheduledExecutorService ticker;
    private final Set<Deadline> active = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Deadline> current = new ThreadLocal<>();

    /**
     * @param threads connection threads: exchanges served at once, slow ones included
     * @param requestTimeout the longest a client may take to send its head and body
     * @param responseTimeout the longest a client may take to take in the response
     */
    ExchangeDeadlines(int threads, Duration requestTimeout, Duration responseTimeout) {
        this.requestNanos = requestTimeout.toNanos();
        this.responseNanos = responseTimeout.toNanos();
        this.pool = Executors.newFixedThreadPool(threads, daemon("classify-http-"));
        this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("classify-deadlines-"));
        ticker.scheduleWithFixedDelay(
                this::expire, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The executor to give the server: each exchange runs with its request deadline armed. */
    Executor executor() {
        return task ->
                pool.execute(
                        () -> {
                            Deadline d = new Deadline(Thread.currentThread());
                            current.set(d);
                            active.add(d);
                            d.arm(requestNanos);
                            try {
                                task.run();
                            } finally {
                                d.disarm();
                                active.remove(d);
                                current.remove();
                                // An interrupt that came after the last read is spent here, not
                                // on the next exchange.
                                Thread.interrupted();
                            }
                        });
    }

    /** The request was read in full: the time until the response is the server's own. */
    void requestRead() {
        Deadline d = current.get();
        if (d != null) {
            d.disarm();
        }
    }

    /** The response is being written: the client has the response timeout to take it in. */
    void responding() {
        Deadline d = current.get();
        if (d != null) {
            d.arm(responseNanos);
        }
    }

    /** Exchanges now on a connection thread (reading, classifying or writing). */
    int busy() {
        return active.size();
    }

    /**
     * Stops the connection threads (after the server stopped handing them exchanges), waiting up to
     * {@code wait} for those still running.
     */
    void shutdown(Duration wait) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        ticker.shutdownNow();
    }

    /** Stops at once; see {@link #shutdown(Duration)}. */
    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }

    private void expire() {
        long now = System.nanoTime();
        for (Deadline d : active) {
            d.expireIfDue(now);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One thread's deadline; armed, disarmed and fired under its own lock. */
    private static final class Deadline {
        private final Thread thread;
        private boolean armed;
        private long due;

        Deadline(Thread thread) {
            this.thread = thread;
        }

        synchronized void arm(long nanos) {
            armed = true;
            due = System.nanoTime() + nanos;
        }

        synchronized void disarm() {
            armed = false;
        }

        synchronized void expireIfDue(long now) {
            if (armed && now - due >= 0) {
                armed = false;
                thread.interrupt();
            }
        }
    }
}
