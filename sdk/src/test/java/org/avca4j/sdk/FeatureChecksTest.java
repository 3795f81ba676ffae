package org.avca4j.sdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FeatureChecksTest {

    @Test
    void addedEmbeddingsAreScaledToUnitLength() {
        assertArrayEquals(
                new float[] {0.6f, 0, -0.8f},
                FeatureChecks.unitEmbedding("c", new float[] {3, 0, -4}, 3),
                1e-7f);
    }

    @Test
    void flattenChecksEveryRow() {
        java.nio.FloatBuffer flat =
                FeatureChecks.flatten(new float[][] {{1, 2}, {3, 4}}, 2, "audio");
        float[] values = new float[flat.remaining()];
        flat.get(values);
        assertArrayEquals(new float[] {1, 2, 3, 4}, values);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                FeatureChecks.flatten(
                                        new float[][] {{1, 2}, {3, Float.NEGATIVE_INFINITY}},
                                        2,
                                        "audio"));
        assertTrue(
                e.getMessage().contains("clip 1")
                        && e.getMessage().contains("audio")
                        && e.getMessage().contains("index 1"),
                e.getMessage());
    }
}
