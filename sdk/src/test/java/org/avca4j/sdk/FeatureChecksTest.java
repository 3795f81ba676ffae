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

    @Test
    void aThreadRefillsItsBufferAndKeepsAudioAndVideoApart() {
        java.nio.FloatBuffer first = FeatureChecks.flatten(new float[][] {{1, 2, 3}}, 3, "audio");
        java.nio.FloatBuffer video = FeatureChecks.flatten(new float[][] {{7, 8, 9}}, 3, "video");
        java.nio.FloatBuffer second =
                FeatureChecks.flatten(new float[][] {{4, 5}, {6, 0}}, 2, "audio");
        assertTrue(first.isDirect() && second.isDirect());
        float[] values = new float[second.remaining()];
        second.get(values);
        assertArrayEquals(new float[] {4, 5, 6, 0}, values);
        float[] v = new float[video.remaining()];
        video.get(v);
        assertArrayEquals(new float[] {7, 8, 9}, v);
    }
}
