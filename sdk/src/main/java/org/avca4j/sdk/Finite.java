package org.avca4j.sdk;

/**
 * Whether floats are all finite, for the checks of inputs, model outputs and distances: one
 * branch-free pass, and a second only to find the value an error message names.
 */
final class Finite {

    private Finite() {}

    /**
     * Whether {@code v[from..to-1]} are all finite, without a branch per value: {@code v·0} is 0
     * for a finite value and NaN for NaN or an infinity, and a NaN makes the sum NaN. Four
     * independent sums let the JIT keep four lanes busy.
     */
    static boolean all(float[] v, int from, int to) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = from;
        for (; j + 4 <= to; j += 4) {
            s0 += v[j] * 0f;
            s1 += v[j + 1] * 0f;
            s2 += v[j + 2] * 0f;
            s3 += v[j + 3] * 0f;
        }
        for (; j < to; j++) {
            s0 += v[j] * 0f;
        }
        return s0 + s1 + s2 + s3 == 0f;
    }

    /**
     * The index of the first value of {@code v[from..to-1]} that is not finite, or -1: {@link #all}
     * first, and the scan of {@link #first} only where it fails, so that a check that passes costs
     * one branch-free pass.
     */
    static int firstBad(float[] v, int from, int to) {
        return all(v, from, to) ? -1 : first(v, from, to);
    }

    /** The index of the first value of {@code v[from..to-1]} that is not finite, or -1. */
    static int first(float[] v, int from, int to) {
        for (int j = from; j < to; j++) {
            if (!Float.isFinite(v[j])) {
                return j;
            }
        }
        return -1;
    }
}
