package org.avca4j.sdk;

import java.util.concurrent.Semaphore;

/**
 * The CPU cores that the large calls of one classifier may use at once, one permit per core.
 *
 * <p>A run of the multi-thread session spreads over {@code wide} cores, so it takes {@code wide}
 * permits; a run of the single-thread session takes one. A caller that finds {@code wide} permits
 * free runs wide (the lowest latency for a caller alone); a caller that does not, because other
 * runs hold them, waits for one permit and runs on one thread. So when callers queue, the cores run
 * one single-thread run each side by side, which is more work per second than the same runs taking
 * turns across all cores: a wide run waits at every operator for its slowest thread, and its second
 * core adds less than a second run does (docs/performance.md, Inference). Without a single-thread
 * session every run is wide and waits, in order, for {@code wide} permits.
 */
final class CoreSlots {

    private final Semaphore permits;
    private final int wide;
    private final boolean narrow;

    /**
     * @param cores the permits in all; at least {@code wide}
     * @param wide the permits one run of the multi-thread session takes; at least 1
     * @param narrow whether a caller that cannot take {@code wide} permits at once may run on one
     *     (there is a single-thread session)
     * @throws IllegalArgumentException if {@code wide < 1} or {@code cores < wide}
     */
    CoreSlots(int cores, int wide, boolean narrow) {
        if (wide < 1 || cores < wide) {
            throw new IllegalArgumentException(
                    "CoreSlots needs 1 <= wide <= cores, got wide " + wide + ", cores " + cores);
        }
        // Fair, so that a run waiting for several permits is not passed over for ever by runs
        // that need fewer.
        this.permits = new Semaphore(cores, true);
        this.wide = wide;
        this.narrow = narrow && wide > 1;
    }

    /**
     * Slots for the CPU sessions of a runtime that uses {@code intraOpThreads} threads per run (0:
     * ONNX Runtime's choice, which is every core), on {@code cores} cores.
     *
     * @param narrow as in the constructor
     */
    static CoreSlots forThreads(int cores, int intraOpThreads, boolean narrow) {
        int wide = intraOpThreads == 0 ? Math.max(1, cores) : intraOpThreads;
        return new CoreSlots(Math.max(cores, wide), wide, narrow);
    }

    /**
     * Takes the permits of one run, waiting if needed (not interruptibly: a run in progress is
     * never abandoned half-way, and the wait is at most a few runs long).
     *
     * @return the permits taken: {@link #wide()} for a run of the multi-thread session, 1 for a run
     *     of the single-thread session; give the same number to {@link #release(int)}
     */
    int acquire() {
        if (!narrow) {
            permits.acquireUninterruptibly(wide);
            return wide;
        }
        if (permits.tryAcquire(wide)) {
            return wide;
        }
        permits.acquireUninterruptibly();
        return 1;
    }

    /** Takes {@code count} permits, waiting if needed (for tests: cores busy with other runs). */
    void take(int count) {
        permits.acquireUninterruptibly(count);
    }

    /** Gives back what {@link #acquire()} returned, or what {@link #take(int)} took. */
    void release(int taken) {
        permits.release(taken);
    }

    /** The permits a run of the multi-thread session takes. */
    int wide() {
        return wide;
    }

    /** The permits free now (for tests). */
    int available() {
        return permits.availablePermits();
    }
}
