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
    void everyNonFiniteValueIsFoundWhereverItIsAndExtremeFiniteValuesPass() {
        // width 7: four-wide steps and a tail of three
        FeatureChecks.check(
                new float[] {
                    Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -0f, 1, -1, Float.MIN_NORMAL
                },
                7,
                "video",
                0);
        for (float bad :
                new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            for (int j = 0; j < 7; j++) {
                float[] row = {1, Float.MAX_VALUE, 3, 4, 5, -Float.MAX_VALUE, 7};
                row[j] = bad;
                IllegalArgumentException e =
                        assertThrows(
                                IllegalArgumentException.class,
                                () -> FeatureChecks.check(row, 7, "video", 3));
                assertTrue(
                        e.getMessage().contains("index " + j)
                                && e.getMessage().contains("clip 3")
                                && e.getMessage().contains(String.valueOf(bad)),
                        e.getMessage());
            }
        }
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

    @Test
    void theEarliestBadClipIsNamedWhateverIsWrongWithIt() {
        float[] ok = {1, 2, 3};
        // a NaN in clip 1 comes before the wrong width of clip 2
        IllegalArgumentException nan =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                FeatureChecks.flatten(
                                        new float[][] {ok, {1, Float.NaN, 3}, {1, 2}}, 3, "video"));
        assertTrue(
                nan.getMessage().contains("clip 1") && nan.getMessage().contains("index 1"),
                nan.getMessage());
        // the null clip 1 comes before the infinity of clip 2
        IllegalArgumentException missing =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                FeatureChecks.flatten(
                                        new float[][] {ok, null, {Float.POSITIVE_INFINITY, 0, 0}},
                                        3,
                                        "video"));
        assertTrue(missing.getMessage().contains("clip 1 is null"), missing.getMessage());
        // of two clips with infinities, the first is named, at its first bad index
        IllegalArgumentException first =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                FeatureChecks.flatten(
                                        new float[][] {
                                            ok,
                                            ok,
                                            {0, Float.NEGATIVE_INFINITY, Float.NaN},
                                            {Float.NaN, 0, 0}
                                        },
                                        3,
                                        "video"));
        assertTrue(
                first.getMessage().contains("clip 2")
                        && first.getMessage().contains("index 1")
                        && first.getMessage().contains("-Infinity"),
                first.getMessage());
    }

    @Test
    void aFailedBatchLeavesNoMarkOnTheNextOne() {
        assertThrows(
                IllegalArgumentException.class,
                () -> FeatureChecks.flatten(new float[][] {{Float.NaN, 1}}, 2, "audio"));
        java.nio.FloatBuffer flat =
                FeatureChecks.flatten(new float[][] {{5, -0f}, {Float.MAX_VALUE, 1}}, 2, "audio");
        float[] values = new float[flat.remaining()];
        flat.get(values);
        assertArrayEquals(new float[] {5, -0f, Float.MAX_VALUE, 1}, values);
    }
}
