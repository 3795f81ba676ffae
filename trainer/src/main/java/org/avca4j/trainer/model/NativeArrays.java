package org.avca4j.trainer.model;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Frees ND4J arrays now instead of when the garbage collector gets to them: a network holds tens of
 * megabytes of native memory that the Java heap does not see, so the collector has no reason to run
 * when many networks are created one after another (a protocol run, a test suite).
 */
public final class NativeArrays {

    private NativeArrays() {}

    /** Closes every array that owns its buffer (views and already closed arrays are skipped). */
    public static void close(Iterable<INDArray> arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable() && !a.wasClosed()) {
                a.close();
            }
        }
    }

    /**
     * Closes the array caches of {@code sd}'s inference sessions (one per thread that ran it),
     * which keep op outputs for reuse between runs, and forgets the sessions.
     */
    public static void closeSessions(SameDiff sd) {
        for (InferenceSession session : sd.getSessions().values()) {
            if (session.getMmgr() != null) {
                session.getMmgr().close();
            }
        }
        sd.getSessions().clear();
    }
}
