package org.avca4j.trainer.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.avca4j.sdk.Scoring;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.testing.ReferenceForward;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported graph, run by ONNX Runtime through the SDK, against the plain-Java reference forward
 * (docs/method.md#model).
 */
class OnnxExportParityTest {

    private static final double TOLERANCE = 1e-4;

    @TempDir Path dir;

    @Test
    void publishedShapesMatchReferenceForward() throws Exception {
        checkParity(AvcaConfig.defaults(512, 512), 7);
    }

    @Test
    void clsShapesMatchReferenceForward() throws Exception {
        checkParity(AvcaConfig.defaults(128, 4096), 11);
    }

    @Test
    void smallShapesMatchReferenceForward() throws Exception {
        checkParity(TestModels.small(), 13);
    }

    private void checkParity(AvcaConfig cfg, long seed) throws Exception {
        TestModels.Exported m = TestModels.export(dir, cfg, 6, 0.4, seed);
        ReferenceForward ref = new ReferenceForward(m.weights());
        int n = 5;
        float[][] audio = TestWeights.gaussianRows(n, cfg.audioDim(), seed + 2);
        float[][] video = TestWeights.gaussianRows(n, cfg.videoDim(), seed + 3);
        double worst = 0;
        double magnitude = 0;
        try (ZeroShotClassifier v = ZeroShotClassifier.builder().setModel(m.file()).build();
                ZeroShotClassifier a =
                        ZeroShotClassifier.builder()
                                .setModel(m.file())
                                .optScoring(Scoring.AUDIO)
                                .build()) {
            float[][] thetaV = v.embedBatch(audio, video);
            float[][] thetaA = a.embedBatch(audio, video);
            for (int i = 0; i < n; i++) {
                worst = Math.max(worst, maxAbsDiff(ref.thetaV(audio[i], video[i]), thetaV[i]));
                worst = Math.max(worst, maxAbsDiff(ref.thetaA(audio[i], video[i]), thetaA[i]));
                magnitude = Math.max(magnitude, maxAbs(thetaV[i]));
                // A batch of one gives the same θv as the batch (rows are independent in
                // inference).
                worst =
                        Math.max(
                                worst,
                                maxAbsDiff(toDouble(thetaV[i]), v.embed(audio[i], video[i])));
            }
            for (int c = 0; c < m.card().classes().size(); c++) {
                var cls = m.card().classes().get(c);
                worst =
                        Math.max(
                                worst,
                                maxAbsDiff(
                                        ref.thetaW(cls.embedding()), v.classEmbedding(cls.name())));
            }
        }
        assertTrue(
                magnitude > 0.05,
                "embeddings must not collapse to ReLU zeros, max |θv| = " + magnitude);
        assertTrue(worst <= TOLERANCE, "max |ONNX − reference| = " + worst);
    }

    static double maxAbsDiff(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        double m = 0;
        for (int j = 0; j < expected.length; j++) {
            m = Math.max(m, Math.abs(expected[j] - actual[j]));
        }
        return m;
    }

    private static double maxAbs(float[] x) {
        double m = 0;
        for (float v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double[] toDouble(float[] x) {
        double[] y = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            y[j] = x[j];
        }
        return y;
    }
}
