package org.avca4j.trainer.export;

import java.util.Random;
import org.avca4j.trainer.testing.RandomWeights;

/** Random feature rows and class embeddings for tests, each from its own seed. */
final class TestWeights {

    private TestWeights() {}

    /** {@code n} rows of {@code width} standard normal floats. */
    static float[][] gaussianRows(int n, int width, long seed) {
        return RandomWeights.gaussianRows(n, width, new Random(seed));
    }

    /** {@code n} unit-length rows of {@code width} floats. */
    static float[][] unitRows(int n, int width, long seed) {
        return RandomWeights.unitRows(n, width, new Random(seed));
    }
}
