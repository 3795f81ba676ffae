package org.avca4j.sdk.evaluation;

import java.util.Arrays;

/**
 * {@link ScoringKernel#distanceMatrix}: the distances of many clips to many classes, equal float
 * for float to {@link ScoringKernel#distances} of each clip, in a form the JIT compiles to vector
 * instructions.
 *
 * <p>The per-clip kernel subtracts in float and squares and sums in double; converting each float
 * difference to double keeps a loop scalar (Java 17's C2 does not vectorise that conversion). Here
 * the clips and classes are widened to double once, the difference is taken in double and rounded
 * to float's 24 bits in double arithmetic (Veltkamp's splitting: {@code g = t·(2²⁹+1); g − (g −
 * t)}), which is the float difference: the double difference of two floats is exact or rounded once
 * at 53 ≥ 2·24+1 bits, so rounding it again to 24 bits is the float rounding (Figueroa), ties to
 * even included (ScoringKernelTest checks midpoints). The sums then run in the same order as in the
 * per-clip kernel: clip by clip, from the first coordinate to the last.
 *
 * <p>The splitting matches float subtraction only where the float difference is a normal number;
 * for a difference that overflows float, both give an infinite distance. Clips or classes holding a
 * value that is not finite, or non-zero and below 2⁻¹⁰² in magnitude (a difference could then be
 * subnormal), are scored clip by clip with {@link ScoringKernel#distances} instead.
 */
final class DistanceBlocks {

    /**
     * The vector loops run over at least this many clips, the rest of them zeros. C2 unrolls a loop
     * only as far as the trip count it profiled allows, and a loop unrolled too little is not
     * vectorised: once this code was compiled while batches of 64 or fewer clips ran, batches of
     * 256 took 540 µs instead of 180 µs for as long as the JVM lived. With 128 lanes or more it was
     * compiled well whatever ran first (measured on a 2-core Xeon with AVX-512).
     */
    private static final int LANES = 128;

    /**
     * Fewer clips are scored clip by clip: 128 vector lanes cost about as much as 28 clips scored
     * one at a time.
     */
    private static final int MIN_ROWS = 32;

    /** Most clips per block. */
    private static final int BLOCK = 256;

    /**
     * Doubles in one thread's transposed block (128 KB), which stays in the second-level cache: at
     * width 64 a block of 256 clips; above width 128 the block holds {@link #LANES} clips and grows
     * past this.
     */
    private static final int SCRATCH = 1 << 14;

    /**
     * Each thread's transposed block and its sums, reused from call to call: allocating and zeroing
     * 128 KB per call made the call for 256 clips of width 64 and 51 classes take 216 µs (median)
     * instead of 167 µs with the block reused, on a 2-core machine.
     */
    private static final ThreadLocal<Scratch> SCRATCHES = new ThreadLocal<>();

    /** Veltkamp's constant for 53 − 24 = 29 bits. */
    private static final double SPLIT = 0x1p29 + 1;

    /** Non-zero values at or above this magnitude have differences that are 0 or normal floats. */
    private static final float SMALLEST = 0x1p-102f;

    private DistanceBlocks() {}

    /** See {@link ScoringKernel#distanceMatrix}; sizes are checked there. */
    static void matrix(float[] clips, int rows, float[] classes, int count, int dim, float[] out) {
        double[] wide = rows < MIN_ROWS ? null : new double[count * dim];
        if (wide == null || !widen(classes, count * dim, wide)) {
            byClip(clips, 0, rows, classes, count, dim, out);
            return;
        }
        Scratch scratch = scratch(dim);
        double[][] transposed = scratch.transposed();
        double[] sums = scratch.sums();
        int block = sums.length;
        for (int first = 0; first < rows; first += block) {
            int n = Math.min(block, rows - first);
            if (transpose(clips, first, n, dim, transposed)) {
                block(transposed, n, wide, count, dim, sums, out, first);
            } else {
                byClip(clips, first, n, classes, count, dim, out);
            }
        }
    }

    /** The calling thread's scratch for width {@code dim}, made anew when the width changes. */
    private static Scratch scratch(int dim) {
        Scratch s = SCRATCHES.get();
        if (s == null || s.transposed().length != dim) {
            int block = Math.max(LANES, Math.min(BLOCK, SCRATCH / Math.max(dim, 1)));
            s = new Scratch(new double[dim][block], new double[block]);
            SCRATCHES.set(s);
        }
        return s;
    }

    /** One thread's transposed clips, {@code [dim][block]}, and their sums, {@code [block]}. */
    private record Scratch(double[][] transposed, double[] sums) {}

    private static void byClip(
            float[] clips, int first, int n, float[] classes, int count, int dim, float[] out) {
        for (int i = first; i < first + n; i++) {
            ScoringKernel.distances(clips, i * dim, classes, count, dim, out, i * count);
        }
    }

    /**
     * Distances of the {@code n} transposed clips to every class, into their rows of out; the
     * vector loops run over {@code max(n, LANES)} lanes, those past {@code n} zeros.
     */
    private static void block(
            double[][] x,
            int n,
            double[] classes,
            int count,
            int dim,
            double[] sums,
            float[] out,
            int first) {
        int lanes = Math.max(n, LANES);
        for (int j = 0; j < count; j++) {
            // A loop, not Arrays.fill: where C2 compiled this method before Arrays.fill(double[],
            // ...) had run 250 times, it left the call out of line and the lanes unvectorised
            // (540 µs instead of 180 µs for 256 clips, in one JVM run of two).
            for (int i = 0; i < lanes; i++) {
                sums[i] = 0.0;
            }
            int c = j * dim;
            int k = 0;
            // Four coordinates per pass over the clips; each sum still adds them in order.
            for (; k + 4 <= dim; k += 4) {
                double c0 = classes[c + k];
                double c1 = classes[c + k + 1];
                double c2 = classes[c + k + 2];
                double c3 = classes[c + k + 3];
                double[] x0 = x[k];
                double[] x1 = x[k + 1];
                double[] x2 = x[k + 2];
                double[] x3 = x[k + 3];
                for (int i = 0; i < lanes; i++) {
                    double d0 = roundToFloat(x0[i] - c0);
                    double d1 = roundToFloat(x1[i] - c1);
                    double d2 = roundToFloat(x2[i] - c2);
                    double d3 = roundToFloat(x3[i] - c3);
                    sums[i] = sums[i] + d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
                }
            }
            for (; k < dim; k++) {
                double ck = classes[c + k];
                double[] xk = x[k];
                for (int i = 0; i < lanes; i++) {
                    double d = roundToFloat(xk[i] - ck);
                    sums[i] += d * d;
                }
            }
            for (int i = 0; i < n; i++) {
                out[(first + i) * count + j] = (float) Math.sqrt(sums[i]);
            }
        }
    }

    /** A double rounded to 24 significant bits, to nearest (Veltkamp's splitting). */
    private static double roundToFloat(double t) {
        double g = t * SPLIT;
        return g - (g - t);
    }

    /**
     * Clips {@code first..first+n-1} into {@code x[k][i]}, in double, and zeros into lanes {@code
     * n..LANES-1}: what an earlier call left there may be anything, and is not worth computing on.
     *
     * @return whether every value may be scored here (see the class comment)
     */
    private static boolean transpose(float[] clips, int first, int n, int dim, double[][] x) {
        boolean fits = true;
        for (int i = 0; i < n; i++) {
            int row = (first + i) * dim;
            for (int k = 0; k < dim; k++) {
                float v = clips[row + k];
                fits &= fits(v);
                x[k][i] = v;
            }
        }
        if (n < LANES) {
            for (double[] lane : x) {
                Arrays.fill(lane, n, LANES, 0.0);
            }
        }
        return fits;
    }

    /**
     * The first {@code length} values into {@code wide}, in double.
     *
     * @return whether every value may be scored here
     */
    private static boolean widen(float[] values, int length, double[] wide) {
        boolean fits = true;
        for (int i = 0; i < length; i++) {
            float v = values[i];
            fits &= fits(v);
            wide[i] = v;
        }
        return fits;
    }

    private static boolean fits(float v) {
        float a = Math.abs(v);
        return a == 0 || (a >= SMALLEST && a <= Float.MAX_VALUE);
    }
}
