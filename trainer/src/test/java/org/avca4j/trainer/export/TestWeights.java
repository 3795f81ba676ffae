package org.avca4j.trainer.export;

import java.util.Random;

/** Random feature rows and class embeddings for tests. */
final class TestWeights {

    private TestWeights() {
    }

    /** {@code n} rows of {@code width} standard normal floats. */
    static float[][] gaussianRows(int n, int width, long seed) {
        Random r = new Random(seed);
        float[][] rows = new float[n][width];
        for (float[] row : rows) {
            for (int j = 0; j < width; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return rows;
    }

    /** {@code n} unit-length rows of {@code width} floats. */
    static float[][] unitRows(int n, int width, long seed) {
        float[][] rows = gaussianRows(n, width, seed);
        for (float[] row : rows) {
            double sq = 0;
            for (float x : row) {
                sq += x * x;
            }
            for (int j = 0; j < width; j++) {
                row[j] = (float) (row[j] / Math.sqrt(sq));
            }
        }
        return rows;
    }
}
