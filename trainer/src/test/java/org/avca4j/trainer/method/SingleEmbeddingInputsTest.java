package org.avca4j.trainer.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.testing.TinyInputs;
import org.junit.jupiter.api.Test;

/**
 * The input vector is video first and normalised over the whole concatenation; a batch with a class
 * outside the stage's training classes or with the wrong widths is refused with a message that says
 * what is wrong.
 */
class SingleEmbeddingInputsTest {

    @Test
    void videoComesFirstAndOneNormCoversBoth() {
        float[] audio = {3, 0, 1, 1};
        float[] video = {4, 0};
        assertArrayEquals(
                new float[] {4, 3, 0, 0, 1, 1},
                ClipInputs.videoThenAudio("", audio, video, 2, 2, 1, false));
        // ‖(4, 3, 0)‖ = 5; the zero-video row (0, 1, 1) has norm √2
        float r = (float) (1 / Math.sqrt(2));
        assertArrayEquals(
                new float[] {0.8f, 0.6f, 0, 0, r, r},
                ClipInputs.videoThenAudio("", audio, video, 2, 2, 1, true),
                1e-7f);
        assertArrayEquals(
                new float[] {0, 0},
                ClipInputs.videoThenAudio("", new float[1], new float[1], 1, 1, 1, true));
    }

    @Test
    void badBatchesAreRefused() {
        MethodContext c = TinyInputs.context();
        GzslMethod m = Methods.of("devise");
        try (MethodNetwork net =
                m.create(c, m.settings(DatasetName.UCF, FeatureSet.MAIN, Map.of()))) {
            assertEquals(
                    "class 4 is not one of the stage's 3 training classes",
                    stepError(net, new float[] {1, 0}, new float[] {0, 1}, new int[] {5, 4}));
            assertEquals(
                    "TrainingBatch.audio: expected 2 rows of 1 = 2 values, got 3",
                    stepError(net, new float[] {1, 0}, new float[] {0, 1, 2}, new int[] {5, 3}));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> net.distances(new float[1], new float[1], 1, new float[3], 2));
            assertEquals("text: expected 2 rows of 2 = 4 values, got 3", e.getMessage());
        }
    }

    /** The message with which a network refuses a step on these clips (or their batch itself). */
    private static String stepError(
            MethodNetwork net, float[] video, float[] audio, int[] classIds) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> net.step(TinyInputs.batch(video, audio, classIds), 1e-3, 0))
                .getMessage();
    }
}
