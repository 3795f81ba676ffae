package org.avca4j.sdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Classification on {@link TinyModels}: θv = (v0, v1, v2 + a0), θa = (a0, a1, 0), θw = 2·(t0, t1,
 * t2), and the card's seen "a" at θw (2,0,0), unseen "b" at (0,2,0), seen "c" at (0,0,2), β* 0.6.
 * Every expected distance is worked out in the comments.
 */
class ZeroShotClassifierScoringTest {

    private static final byte[] MODEL = TinyModels.model(TinyModels.abcCard());

    private static final float[] NO_AUDIO = {0, 0};

    static ZeroShotClassifier.Builder builder() {
        return ZeroShotClassifier.builder().setModel(MODEL);
    }

    static float[] video(float v0, float v1, float v2) {
        return new float[] {v0, v1, v2};
    }

    private static List<String> labels(Prediction p) {
        return p.topK().stream().map(RankedClass::label).toList();
    }

    /** A prediction without calibration: its calibrated distance is its distance. */
    private static void assertPrediction(
            Prediction p, String label, ClassRole role, double distance) {
        assertPrediction(p, label, role, distance, distance);
    }

    private static void assertPrediction(
            Prediction p, String label, ClassRole role, double distance, double calibrated) {
        assertEquals(label, p.label());
        assertEquals(role, p.role());
        assertEquals(distance, p.distance(), 1e-6);
        assertEquals(calibrated, p.calibratedDistance(), 1e-6);
        assertEquals(p.label(), p.topK().get(0).label());
        assertEquals(p.distance(), p.topK().get(0).distance());
    }

    @Test
    void embeddingsAreTheModelsOutputs() throws Exception {
        try (ZeroShotClassifier c = builder().build()) {
            // θv = (1, 2, 3 + 0.5), θa = (0.5, 7, 0).
            assertArrayEquals(
                    new float[] {1, 2, 3.5f}, c.embed(new float[] {0.5f, 7}, video(1, 2, 3)));
            assertArrayEquals(new float[] {2, 0, 0}, c.classEmbedding("a"));
            assertArrayEquals(new float[] {0, 2, 0}, c.classEmbedding("b"));
            float[][] batch =
                    c.embedBatch(
                            new float[][] {{0, 0}, {1, 0}},
                            new float[][] {video(1, 0, 0), video(0, 0, 1)});
            assertArrayEquals(new float[] {1, 0, 0}, batch[0]);
            assertArrayEquals(new float[] {0, 0, 2}, batch[1]);
        }
        try (ZeroShotClassifier c = builder().optScoring(Scoring.AUDIO).build()) {
            assertEquals(Scoring.AUDIO, c.scoring());
            assertArrayEquals(
                    new float[] {0.5f, 7, 0}, c.embed(new float[] {0.5f, 7}, video(1, 2, 3)));
            // θa = (0, 2, 0) sits on "b" whatever the video says (θv would be at "a").
            Prediction p = c.classify(new float[] {0, 2}, video(2, 0, 0));
            assertPrediction(p, "b", ClassRole.UNSEEN, 0);
        }
    }

    @Test
    void calibratedStackingMovesPredictionsAsHandComputed() throws Exception {
        // θv = (1.2, 0.8, 0): d(a) = √(0.64 + 0.64) = √1.28, d(b) = √(1.44 + 1.44) = √2.88,
        // d(c) = √(1.44 + 0.64 + 4) = √6.08.
        float[] v = video(1.2f, 0.8f, 0);
        double da = Math.sqrt(1.28);
        double db = Math.sqrt(2.88);
        double dc = Math.sqrt(6.08);
        // β = 0: a (1.1314). β = 0.5: a at 1.6314 still beats b at 1.6971. β* = 0.6: a at 1.7314
        // loses to b.
        try (ZeroShotClassifier c = builder().optBeta(0).build()) {
            assertPrediction(c.classify(NO_AUDIO, v), "a", ClassRole.SEEN, da);
        }
        try (ZeroShotClassifier c = builder().optBeta(0.5).build()) {
            assertPrediction(c.classify(NO_AUDIO, v), "a", ClassRole.SEEN, da, da + 0.5);
        }
        try (ZeroShotClassifier c = builder().build()) {
            assertEquals(0.6, c.beta());
            assertEquals(ClassificationMode.GZSL, c.mode());
            Prediction p = c.classify(NO_AUDIO, v);
            assertPrediction(p, "b", ClassRole.UNSEEN, db);
            assertEquals(List.of("b", "a", "c"), labels(p));
            assertEquals(da, p.topK().get(1).distance(), 1e-6);
            assertEquals(da + 0.6, p.topK().get(1).calibratedDistance(), 1e-6);
            assertEquals(dc + 0.6, p.topK().get(2).calibratedDistance(), 1e-6);
            assertEquals(ClassRole.SEEN, p.topK().get(2).role());
        }
        // A negative β favours the seen classes: a at 1.1314 − 3 = −1.869, then c at 2.4658 − 3 =
        // −0.534, then b at 1.6971.
        try (ZeroShotClassifier c = builder().optBeta(-3).build()) {
            assertEquals(List.of("a", "c", "b"), labels(c.classify(NO_AUDIO, v)));
        }
    }

    @Test
    void topKListsTheNearestCandidatesAndIsCutAtTheCandidateCount() throws Exception {
        float[] v = video(1.2f, 0.8f, 0);
        try (ZeroShotClassifier c = builder().optTopK(2).build()) {
            assertEquals(List.of("b", "a"), labels(c.classify(NO_AUDIO, v)));
        }
        try (ZeroShotClassifier c = builder().optTopK(1).build()) {
            assertEquals(List.of("b"), labels(c.classify(NO_AUDIO, v)));
        }
        try (ZeroShotClassifier c = builder().optTopK(50).build()) {
            assertEquals(3, c.classify(NO_AUDIO, v).topK().size());
        }
        try (ZeroShotClassifier c = builder().build()) {
            assertEquals(3, c.classify(NO_AUDIO, v).topK().size(), "default k = 5, 3 classes");
        }
    }

    @Test
    void tiesGoToTheEarlierCandidate() throws Exception {
        try (ZeroShotClassifier c = builder().optBeta(0).build()) {
            // θv = (1, 1, 0): d(a) = d(b) = √2; a is the earlier column.
            assertEquals("a", c.classify(NO_AUDIO, video(1, 1, 0)).label());
            // θv = (0, 0, 0): all three at 2, listed in column order.
            assertEquals(List.of("a", "b", "c"), labels(c.classify(NO_AUDIO, video(0, 0, 0))));
        }
        try (ZeroShotClassifier c = builder().optBeta(0).build()) {
            c.setCandidates(List.of("c", "b"));
            // θv = (0, 1, 1): d(b) = d(c) = √2; b comes first in vocabulary order.
            assertEquals("b", c.classify(NO_AUDIO, video(0, 1, 1)).label());
        }
    }

    @Test
    void singlePrecisionNearTieFallsLikeTheMetric() throws Exception {
        // Unseen "u" at θw (2,0,0), seen "s" at θw (0,0,0) (its text value is on the unused axis).
        // θv = (0.9, 0, 0): d(u) = 2 − 0.9f = 1.1f exactly, d(s) = 0.9f. In float 0.9f + 0.2f
        // rounds to 1.1f: a tie, which the earlier column "u" wins, as the GZSL metric decides it.
        // (In double, 0.9f + 0.2 = 1.0999999762 < 1.1f, and "s" would win.)
        String card =
                TinyModels.card(
                        0.2,
                        TinyModels.cardClass("u", 0, "UNSEEN", 1, 0, 0, 0),
                        TinyModels.cardClass("s", 1, "SEEN", 0, 0, 0, 1));
        try (ZeroShotClassifier c =
                ZeroShotClassifier.builder().setModel(TinyModels.model(card)).build()) {
            Prediction p = c.classify(NO_AUDIO, video(0.9f, 0, 0));
            assertEquals("u", p.label());
            assertEquals(1.1f, (float) p.distance());
            assertEquals(1.1f, (float) p.topK().get(1).calibratedDistance());
            assertEquals(0.9f, (float) p.topK().get(1).distance());
        }
    }

    @Test
    void theClassifierScoresExactlyAsTheGzslMetrics() throws Exception {
        // Random clips on a card of 12 classes whose θw lie on a coarse grid, so that near-ties
        // are frequent: every distance, calibrated distance and label must be the metric's.
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        String[] classes = new String[12];
        int[] ids = new int[12];
        boolean[] seen = new boolean[12];
        for (int j = 0; j < 12; j++) {
            ids[j] = j;
            seen[j] = j % 3 != 0;
            classes[j] =
                    TinyModels.cardClass(
                            "k" + j,
                            j,
                            seen[j] ? "SEEN" : "UNSEEN",
                            r.nextInt(3) * 0.5f,
                            r.nextInt(3) * 0.5f,
                            r.nextInt(3) * 0.5f,
                            0);
        }
        int n = 300;
        float[][] audio = new float[n][2];
        float[][] videos = new float[n][3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                videos[i][j] = r.nextInt(9) * 0.25f;
            }
        }
        try (ZeroShotClassifier c =
                ZeroShotClassifier.builder()
                        .setModel(TinyModels.model(TinyModels.card(0.4, classes)))
                        .optTopK(12)
                        .build()) {
            float[][] theta = c.embedBatch(audio, videos);
            float[] flatTheta = new float[n * 3];
            float[] flatW = new float[12 * 3];
            for (int i = 0; i < n; i++) {
                System.arraycopy(theta[i], 0, flatTheta, i * 3, 3);
            }
            for (int j = 0; j < 12; j++) {
                System.arraycopy(c.classEmbedding("k" + j), 0, flatW, j * 3, 3);
            }
            org.avca4j.sdk.evaluation.DistanceMatrix d =
                    org.avca4j.sdk.evaluation.DistanceMatrix.euclidean(
                            flatTheta, n, flatW, 3, ids, seen);
            int[] metric = org.avca4j.sdk.evaluation.CalibratedStacking.predict(d, 0.4);
            List<Prediction> ps = c.classifyBatch(audio, videos);
            for (int i = 0; i < n; i++) {
                assertEquals("k" + metric[i], ps.get(i).label(), "clip " + i);
                for (RankedClass rc : ps.get(i).topK()) {
                    int j = Integer.parseInt(rc.label().substring(1));
                    assertEquals(d.get(i, j), (float) rc.distance());
                    assertEquals(
                            seen[j] ? d.get(i, j) + 0.4f : d.get(i, j),
                            (float) rc.calibratedDistance());
                }
            }
        }
    }

    @Test
    void zslModeScoresUnseenAndAddedClassesOnly() throws Exception {
        try (ZeroShotClassifier c = builder().optMode(ClassificationMode.ZSL).build()) {
            assertEquals(ClassificationMode.ZSL, c.mode());
            assertEquals(List.of("b"), c.candidates());
            assertEquals(List.of("a", "b", "c"), c.classNames());
            // θv = (2, 0, 0) sits on seen "a", but only "b" competes: d = √8, no β.
            Prediction p = c.classify(NO_AUDIO, video(2, 0, 0));
            assertPrediction(p, "b", ClassRole.UNSEEN, Math.sqrt(8));
            assertEquals(1, p.topK().size());
            // Added (3, 4, 0, 0) → unit (0.6, 0.8, 0, 0) → θw (1.2, 1.6, 0): d = √(0.64 + 2.56).
            c.addClass("d", new float[] {3, 4, 0, 0});
            assertEquals(List.of("b", "d"), c.candidates());
            assertPrediction(
                    c.classify(NO_AUDIO, video(2, 0, 0)), "d", ClassRole.ADDED, Math.sqrt(3.2));
        }
    }

    @Test
    void addedClassIsNormalisedScoredAndRemovable() throws Exception {
        // Held-out (3, 4, 0, 0) → unit (0.6, 0.8, 0, 0) → θw (1.2, 1.6, 0).
        float[][] audio = new float[4][2];
        float[][] clips = new float[4][];
        for (int i = 0; i < 4; i++) {
            clips[i] = video(1.2f + 0.05f * i, 1.6f - 0.05f * i, 0.1f * i);
        }
        try (ZeroShotClassifier c = builder().build()) {
            for (Prediction p : c.classifyBatch(audio, clips)) {
                assertNotEquals("held-out", p.label());
            }
            c.addClass("held-out", new float[] {3, 4, 0, 0});
            assertEquals(ClassRole.ADDED, c.role("held-out"));
            assertEquals(List.of("a", "b", "c", "held-out"), c.classNames());
            assertArrayEquals(new float[] {1.2f, 1.6f, 0}, c.classEmbedding("held-out"), 1e-6f);
            List<Prediction> ps = c.classifyBatch(audio, clips);
            for (int i = 0; i < 4; i++) {
                // d = 0.05·i·√2 in the first two axes and 0.1·i in the third.
                double d = Math.sqrt(2 * Math.pow(0.05 * i, 2) + Math.pow(0.1 * i, 2));
                assertPrediction(ps.get(i), "held-out", ClassRole.ADDED, d);
            }
            c.removeClass("held-out");
            assertEquals(List.of("a", "b", "c"), c.classNames());
            for (Prediction p : c.classifyBatch(audio, clips)) {
                assertNotEquals("held-out", p.label());
            }
            // Removing a card class moves the later θw rows with their classes.
            c.removeClass("a");
            assertArrayEquals(new float[] {0, 0, 2}, c.classEmbedding("c"));
            assertEquals("c", c.classify(NO_AUDIO, video(0, 0, 2)).label());
        }
    }

    @Test
    void candidatesCanBeNarrowedAndRestored() throws Exception {
        try (ZeroShotClassifier c = builder().optBeta(0).build()) {
            // θv = (2, 0, 0.2): d(a) = 0.2, d(b) = √(4 + 4 + 0.04), d(c) = √(4 + 3.24).
            float[] v = video(2, 0, 0.2f);
            assertEquals("a", c.classify(NO_AUDIO, v).label());
            c.setCandidates(List.of("c", "b"));
            assertEquals(List.of("b", "c"), c.candidates());
            assertPrediction(c.classify(NO_AUDIO, v), "c", ClassRole.SEEN, Math.sqrt(7.24));
            c.useAllCandidates();
            assertEquals(List.of("a", "b", "c"), c.candidates());
            assertEquals("a", c.classify(NO_AUDIO, v).label());
        }
    }

    @Test
    void builderCandidatesRestrictFromTheStart() throws Exception {
        try (ZeroShotClassifier c = builder().optBeta(0).optCandidates(List.of("c", "b")).build()) {
            assertEquals(List.of("b", "c"), c.candidates());
            // θv = (2, 0, 0.2): c at √7.24 beats b at √8.04; a is not a candidate.
            assertPrediction(
                    c.classify(NO_AUDIO, video(2, 0, 0.2f)), "c", ClassRole.SEEN, Math.sqrt(7.24));
            c.useAllCandidates();
            assertEquals(List.of("a", "b", "c"), c.candidates());
        }
    }

    @Test
    void batchAndSingleRunsAgree() throws Exception {
        try (ZeroShotClassifier c = builder().build()) {
            float[][] audio = {{0, 0}, {1, -1}, {0.5f, 3}};
            float[][] video = {video(1.2f, 0.8f, 0), video(0, 0, 1), video(-1, 2, 0.5f)};
            List<Prediction> batch = c.classifyBatch(audio, video);
            for (int i = 0; i < 3; i++) {
                assertEquals(c.classify(audio[i], video[i]), batch.get(i));
            }
            // Clip 1: θv = (0, 0, 2), on "c": d = 0, calibrated 0.6; b at √8 = 2.83.
            assertPrediction(batch.get(1), "c", ClassRole.SEEN, 0, 0.6);
        }
    }

    @Test
    void cardAndSettingsAreReported() throws Exception {
        try (ZeroShotClassifier c = builder().build()) {
            assertEquals(TinyModels.TEXT_DIM, c.card().textDim());
            assertEquals(3, c.card().classes().size());
            assertEquals(Scoring.VIDEO, c.scoring());
            assertEquals(Device.CPU, c.device());
            assertEquals(ClassRole.UNSEEN, c.role("b"));
        }
    }
}
