package org.avca4j.sdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Small calls run on the single-thread session, larger ones on the configured one: both give the
 * embeddings and predictions of a classifier without the second session.
 */
class SingleThreadBatchTest {

    @Test
    void smallAndLargeCallsAgreeWithAClassifierWithoutTheSecondSession() throws Exception {
        byte[] model = TinyModels.model(TinyModels.abcCard());
        Random r = new Random(3);
        try (ZeroShotClassifier split = ZeroShotClassifier.builder().setModel(model).build();
                ZeroShotClassifier one =
                        ZeroShotClassifier.builder()
                                .setModel(model)
                                .optSingleThreadBatch(0)
                                .build()) {
            for (int n : new int[] {1, 3, ZeroShotClassifier.DEFAULT_SINGLE_THREAD_BATCH, 20}) {
                float[][] a = rows(r, n, TinyModels.AUDIO_DIM);
                float[][] v = rows(r, n, TinyModels.VIDEO_DIM);
                float[][] x = split.embedBatch(a, v);
                float[][] y = one.embedBatch(a, v);
                for (int i = 0; i < n; i++) {
                    assertArrayEquals(y[i], x[i], 1e-6f, "clip " + i + " of " + n);
                }
                assertEquals(
                        one.classifyBatch(a, v).stream().map(Prediction::label).toList(),
                        split.classifyBatch(a, v).stream().map(Prediction::label).toList());
            }
        }
    }

    @Test
    void aNegativeSingleThreadBatchIsRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ZeroShotClassifier.builder().optSingleThreadBatch(-1));
    }

    private static float[][] rows(Random r, int n, int width) {
        float[][] out = new float[n][width];
        for (float[] row : out) {
            for (int j = 0; j < width; j++) {
                row[j] = (float) (r.nextDouble() * 4 - 2);
            }
        }
        return out;
    }
}
