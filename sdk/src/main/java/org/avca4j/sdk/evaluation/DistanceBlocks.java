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

    /** Fewer clips are scored clip by clip: too few for vectors across clips to pay. */
    private static final int MIN_ROWS = 8;

    /** Clips per block: their transposed embeddings stay in the second-level cache. */
    private static final int BLOCK = 256;

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
        int block = Math.min(BLOCK, rows);
        double[][] transposed = new double[dim][block];
        double[] sums = new double[block];
        for (int first = 0; first < rows; first += block) {
            int n = Math.min(block, rows - first);
            if (transpose(clips, first, n, dim, transposed)) {
                block(transposed, n, wide, count, dim, sums, out, first);
            } else {
                byClip(clips, first, n, classes, count, dim, out);
            }
        }
    }

    private static void byClip(
            float[] clips, int first, int n, float[] classes, int count, int dim, float[] out) {
        for (int i = first; i < first + n; i++) {
            ScoringKernel.distances(clips, i * dim, classes, count, dim, out, i * count);
        }
    }

    /** Distances of the {@code n} transposed clips to every class, into their rows of out. */
    private static void block(
            double[][] x,
            int n,
            double[] classes,
            int count,
            int dim,
            double[] sums,
            float[] out,
            int first) {
        for (int j = 0; j < count; j++) {
            Arrays.fill(sums, 0, n, 0.0);
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
                for (int i = 0; i < n; i++) {
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
                for (int i = 0; i < n; i++) {
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
     * Clips {@code first..first+n-1} into {@code x[k][i]}, in double.
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
