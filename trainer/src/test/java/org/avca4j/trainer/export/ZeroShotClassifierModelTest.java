package org.avca4j.trainer.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import org.avca4j.sdk.ClassRole;
import org.avca4j.sdk.ClassificationMode;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.RankedClass;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.trainer.model.AvcaConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Classification behaviour on a model whose θv is the first {@code out} video features and whose θw
 * is the first {@code out} text features ({@link KnownWeights}), so distances are computed by hand.
 */
class ZeroShotClassifierModelTest {

    private static final AvcaConfig CFG = TestModels.small();
    private static final int OUT = CFG.outDim();

    @TempDir static Path dir;
    static Path model;

    /**
     * Card: seen "a" at e0, unseen "b" at e1, seen "c" at e2 (unit vectors, θw = the same unit
     * vectors).
     */
    @BeforeAll
    static void export() throws Exception {
        ModelCard card =
                ModelCards.builder()
                        .setDataset(DatasetName.UCF, FeatureSet.MAIN, SplitName.MAIN)
                        .setDims(CFG.audioDim(), CFG.videoDim(), CFG.textDim(), OUT)
                        .addClass("a", 0, ClassRole.SEEN, unit(0))
                        .addClass("b", 1, ClassRole.UNSEEN, unit(1))
                        .addClass("c", 2, ClassRole.SEEN, unit(2))
                        .setBeta(0.3)
                        .build();
        model = dir.resolve("known.onnx");
        new AvcaOnnxExporter().export(KnownWeights.identity(CFG), card, model);
    }

    private static float[] unit(int axis) {
        float[] e = new float[CFG.textDim()];
        e[axis] = 1;
        return e;
    }

    /** A clip whose θv is {@code theta} (padded with zeros). */
    private static float[] video(float... theta) {
        float[] v = new float[CFG.videoDim()];
        System.arraycopy(theta, 0, v, 0, theta.length);
        return v;
    }

    private static final float[] AUDIO = new float[CFG.audioDim()];

    private static ZeroShotClassifier.Builder builder() {
        return ZeroShotClassifier.builder().setModel(model);
    }

    @Test
    void embeddingsAreTheKnownFunction() throws Exception {
        try (ZeroShotClassifier c = builder().build()) {
            float[] theta = c.embed(AUDIO, video(0.25f, 0.5f, 0, 2));
            float[] expected = new float[OUT];
            expected[0] = 0.25f;
            expected[1] = 0.5f;
            expected[3] = 2;
            assertArrayEquals(expected, theta, 1e-5f);
            float[] expectedW = new float[OUT];
            expectedW[1] = 1;
            assertArrayEquals(expectedW, c.classEmbedding("b"), 1e-5f);
        }
    }

    @Test
    void calibratedStackingMovesPredictionsAsHandComputed() throws Exception {
        // θv = (0.6, 0.4): d(a) = √(0.4² + 0.4²) = 0.5657, d(b) = √(0.6² + 0.6²) = 0.8485, d(c) =
        // √(0.36+0.16+1) = 1.2329.
        float[] v = video(0.6f, 0.4f);
        double da = Math.sqrt(0.32);
        double db = Math.sqrt(0.72);
        double dc = Math.sqrt(1.52);
        // β = 0: a wins. β = 0.2: a at 0.7657 still beats b at 0.8485. β = 0.3 (card's β*): a at
        // 0.8657 loses to b.
        try (ZeroShotClassifier c = builder().optBeta(0).build()) {
            assertPrediction(c.classify(AUDIO, v), "a", da, da);
        }
        try (ZeroShotClassifier c = builder().optBeta(0.2).build()) {
            assertPrediction(c.classify(AUDIO, v), "a", da, da + 0.2);
        }
        try (ZeroShotClassifier c = builder().build()) {
            assertEquals(0.3, c.beta());
            Prediction p = c.classify(AUDIO, v);
            assertPrediction(p, "b", db, db);
            assertEquals(
                    List.of("b", "a", "c"), p.topK().stream().map(RankedClass::label).toList());
            assertEquals(da + 0.3, p.topK().get(1).calibratedDistance(), 1e-5);
            assertEquals(dc + 0.3, p.topK().get(2).calibratedDistance(), 1e-5);
            assertEquals(ClassRole.UNSEEN, p.role());
        }
    }

    @Test
    void tiesGoToTheEarlierCandidate() throws Exception {
        // θv = (0.5, 0.5): d(a) = d(b); with β = 0 the earlier column, a, wins.
        try (ZeroShotClassifier c = builder().optBeta(0).build()) {
            assertEquals("a", c.classify(AUDIO, video(0.5f, 0.5f)).label());
        }
    }

    @Test
    void zslModeScoresUnseenAndAddedClassesOnly() throws Exception {
        try (ZeroShotClassifier c = builder().optMode(ClassificationMode.ZSL).build()) {
            assertEquals(List.of("b"), c.candidates());
            Prediction p = c.classify(AUDIO, video(1, 0));
            assertEquals("b", p.label());
            assertEquals(1, p.topK().size());
            c.addClass("d", unit(3));
            assertEquals(List.of("b", "d"), c.candidates());
        }
    }

    @Test
    void addingAHeldOutClassMakesItsClipsGoToIt() throws Exception {
        float[] heldOut = new float[CFG.textDim()];
        heldOut[4] = 3; // not unit: the SDK normalises it to e4
        heldOut[5] = 4; // → (0.6, 0.8) on axes 4, 5
        float[][] audio = new float[4][CFG.audioDim()];
        float[][] clips = new float[4][];
        for (int i = 0; i < 4; i++) {
            float[] theta = new float[6];
            theta[4] = 0.6f + 0.05f * i;
            theta[5] = 0.8f - 0.05f * i;
            theta[i % 3] = 0.1f;
            clips[i] = video(theta);
        }
        try (ZeroShotClassifier c = builder().build()) {
            for (Prediction p : c.classifyBatch(audio, clips)) {
                assertNotEquals("held-out", p.label());
            }
            c.addClass("held-out", heldOut);
            assertEquals(ClassRole.ADDED, c.role("held-out"));
            float[] expectedW = new float[OUT];
            expectedW[4] = 0.6f;
            expectedW[5] = 0.8f;
            assertArrayEquals(expectedW, c.classEmbedding("held-out"), 1e-5f);
            for (Prediction p : c.classifyBatch(audio, clips)) {
                assertEquals("held-out", p.label());
                assertEquals(ClassRole.ADDED, p.role());
            }
            c.removeClass("held-out");
            assertEquals(List.of("a", "b", "c"), c.classNames());
            for (Prediction p : c.classifyBatch(audio, clips)) {
                assertNotEquals("held-out", p.label());
            }
        }
    }

    @Test
    void candidatesCanBeNarrowed() throws Exception {
        try (ZeroShotClassifier c = builder().optBeta(0).build()) {
            float[] v = video(1, 0, 0.1f);
            assertEquals("a", c.classify(AUDIO, v).label());
            c.setCandidates(List.of("c", "b"));
            assertEquals(List.of("b", "c"), c.candidates());
            // d(b) = √(1 + 1 + 0.01), d(c) = √(1 + 0.81): c.
            assertPrediction(c.classify(AUDIO, v), "c", Math.sqrt(1.81), Math.sqrt(1.81));
            c.useAllCandidates();
            assertEquals("a", c.classify(AUDIO, v).label());
        }
    }

    private static void assertPrediction(
            Prediction p, String label, double distance, double calibrated) {
        assertEquals(label, p.label());
        assertEquals(distance, p.distance(), 1e-5);
        assertEquals(calibrated, p.calibratedDistance(), 1e-5);
        assertEquals(p.label(), p.topK().get(0).label());
    }
}
