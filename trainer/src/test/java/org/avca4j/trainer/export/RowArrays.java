package org.avca4j.trainer.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Row-major float arrays as the SDK's batch calls take them ({@code float[n][width]}) and back, and
 * the largest difference of two arrays: the parity tests' conversions.
 */
final class RowArrays {

    private RowArrays() {}

    /** {@code n} rows of {@code width} from a row-major array. */
    static float[][] rows(float[] flat, int n, int width) {
        float[][] out = new float[n][width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * width, out[i], 0, width);
        }
        return out;
    }

    /** The rows one after the other (all as wide as the first). */
    static float[] flat(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[0].length);
        }
        return out;
    }

    /**
     * max |a[i] − b[i]|.
     *
     * @throws AssertionError if the lengths differ
     */
    static double maxDiff(float[] a, float[] b) {
        assertEquals(b.length, a.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
