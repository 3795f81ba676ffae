package org.avca4j.sdk.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GzslEvaluatorTest {

    // Candidates: class 1 (seen), 4 (unseen), 7 (seen), 9 (unseen).
    private static final int[] IDS = {1, 4, 7, 9};
    private static final boolean[] SEEN = {true, false, true, false};

    @Test
    void tiesGoToTheFirstCandidateColumn() {
        DistanceMatrix d =
                DistanceMatrix.of(
                        new float[] {
                            2, 1, 1, 3, // 4 and 7 tie: column of class 4 comes first
                            5, 5, 5, 5, // all tie: class 1
                        },
                        2,
                        IDS,
                        SEEN);
        assertArrayEquals(new int[] {4, 1}, CalibratedStacking.predict(d, 0));
        // β = 0.5 pushes the seen classes away: row 1 goes to the first unseen column.
        assertArrayEquals(new int[] {4, 4}, CalibratedStacking.predict(d, 0.5));
    }

    @Test
    void figuresAtGivenBetaMatchHandComputedValues() {
        // 6 clips: classes 1,1,7 (seen) and 4,4,9 (unseen).
        float[] dist = {
            0.1f, 0.3f, 0.9f, 0.9f, // label 1 -> 1 correct
            0.5f, 0.4f, 0.9f, 0.9f, // label 1 -> 4 wrong (β=0)
            0.9f, 0.9f, 0.2f, 0.25f, // label 7 -> 7 correct
            0.3f, 0.35f, 0.9f, 0.9f, // label 4 -> 1 wrong at β=0, 4 at β=0.2
            0.9f, 0.1f, 0.9f, 0.9f, // label 4 -> 4 correct
            0.9f, 0.9f, 0.9f, 0.1f, // label 9 -> 9 correct
        };
        int[] labels = {1, 1, 7, 4, 4, 9};
        DistanceMatrix d = DistanceMatrix.of(dist, 6, IDS, SEEN);

        GzslResult r0 = GzslEvaluator.evaluate(d, labels, 0);
        // S = mean(1/2, 1) = 0.75; U = mean(1/2, 1) = 0.75
        assertEquals(0.75, r0.seen(), 1e-12);
        assertEquals(0.75, r0.unseen(), 1e-12);
        assertEquals(0.75, r0.harmonicMean(), 1e-12);
        assertEquals(0.5, r0.perClassAccuracy().get(1), 1e-12);

        GzslResult r2 = GzslEvaluator.evaluate(d, labels, 0.2);
        // β = 0.2 (seen distances + 0.2, in float):
        //   row 0: 0.3 vs 0.3, a tie -> first column, class 1, correct;  row 1: 0.7 vs 0.4 -> 4,
        // wrong
        //   row 2: 0.4 vs 0.25 -> 9, wrong;  row 3: 0.5 vs 0.35 -> 4, correct;  rows 4, 5 correct
        // S = mean(1/2, 0) = 0.25; U = mean(2/2, 1/1) = 1
        assertEquals(0.25, r2.seen(), 1e-12);
        assertEquals(1.0, r2.unseen(), 1e-12);
        assertEquals(2 * 0.25 * 1.0 / 1.25, r2.harmonicMean(), 1e-12);
    }

    @Test
    void zslIsIndependentOfBetaAndUsesOnlyUnseenCandidates() {
        float[] dist = {
            0.0f, 0.5f, 0.0f, 0.6f, // label 4: nearest overall is seen, among unseen it is 4
            0.0f, 0.7f, 0.0f, 0.6f, // label 9: among unseen 9
            0.0f, 0.3f, 0.0f, 0.2f, // label 4: among unseen 9 -> wrong
            0.1f, 0.9f, 0.9f, 0.9f, // label 1 (seen): not part of ZSL
        };
        int[] labels = {4, 9, 4, 1};
        DistanceMatrix d = DistanceMatrix.of(dist, 4, IDS, SEEN);
        double expected = (0.5 + 1.0) / 2;
        for (double beta : new double[] {0, 0.4, 2.8}) {
            assertEquals(expected, GzslEvaluator.evaluate(d, labels, beta).zsl(), 1e-12);
        }
        assertEquals(expected, GzslEvaluator.searchBeta(d, labels).zsl(), 1e-12);
    }

    @Test
    void hmIsZeroWhenSeenAndUnseenAreZero() {
        // Every clip predicted wrongly at every β.
        float[] dist = {
            0.0f, 9f, 9f, 0.0f, // label 7 -> 1 (or 9 for large β)
            9f, 0.0f, 9f, 9f, // label 9 -> 4
        };
        GzslResult r =
                GzslEvaluator.searchBeta(DistanceMatrix.of(dist, 2, IDS, SEEN), new int[] {7, 9});
        assertEquals(0, r.seen());
        assertEquals(0, r.unseen());
        assertEquals(0, r.harmonicMean());
        assertEquals(0, r.beta(), "all-zero HM: the first β wins");
        assertEquals(16, r.curve().size());
        assertEquals(0, GzslResult.harmonicMean(0, 0));
    }

    @Test
    void betaSearchTakesTheFirstMaximumOnTheGrid() {
        // One seen clip (class 1) and one unseen clip (class 4).
        // seen clip: d(1)=1.0, d(4)=1.45 -> correct while β < 0.45 (β ∈ {0,0.2,0.4})
        // unseen clip: d(1)=0.5, d(4)=0.85 -> correct once 0.5+β > 0.85, i.e. β ∈ {0.4, 0.6, ...}
        float[] dist = {
            1.0f, 1.45f, 9f, 9f,
            0.5f, 0.85f, 9f, 9f,
        };
        GzslResult r =
                GzslEvaluator.searchBeta(DistanceMatrix.of(dist, 2, IDS, SEEN), new int[] {1, 4});
        assertEquals(0.4, r.beta(), 1e-12);
        assertEquals(1.0, r.harmonicMean(), 1e-12);
        assertEquals(0.0, r.curve().get(0).beta());
        assertEquals(1.0, r.curve().get(0).seen());
        assertEquals(0.0, r.curve().get(0).unseen());
        assertEquals(3.0, r.curve().get(15).beta(), 1e-12);
        assertEquals(0.0, r.curve().get(15).seen());
    }

    @Test
    void betaGridHasSixteenValuesFromZeroToThree() {
        double[] grid = GzslEvaluator.betaGrid();
        assertEquals(16, grid.length);
        assertEquals(0.0, grid[0]);
        assertEquals(3.0, grid[15], 1e-12);
        assertEquals(0.6000000000000001, grid[3], 0.0, "i*0.2 as numpy's arange computes it");
    }

    @Test
    void euclideanDistancesMatchHandComputation() {
        float[] clips = {0, 0, 3, 4};
        float[] classes = {3, 4, 0, 0, 1, 1};
        DistanceMatrix d =
                DistanceMatrix.euclidean(
                        clips,
                        2,
                        classes,
                        2,
                        new int[] {0, 1, 2},
                        new boolean[] {true, true, false});
        assertEquals(5f, d.get(0, 0));
        assertEquals(0f, d.get(0, 1));
        assertEquals((float) Math.sqrt(2), d.get(0, 2));
        assertEquals(0f, d.get(1, 0));
        assertEquals((float) Math.sqrt(13), d.get(1, 2));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(
                IllegalArgumentException.class,
                () -> DistanceMatrix.of(new float[0], 0, new int[0], new boolean[0]));
        assertThrows(
                IllegalArgumentException.class,
                () -> DistanceMatrix.of(new float[3], 1, IDS, SEEN));
        assertThrows(
                IllegalArgumentException.class,
                () -> DistanceMatrix.of(new float[2], 1, new int[] {3, 2}, new boolean[2]));
        assertThrows(
                IllegalArgumentException.class,
                () -> DistanceMatrix.of(new float[] {Float.NaN, 0, 0, 0}, 1, IDS, SEEN));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        DistanceMatrix.euclidean(
                                new float[] {Float.POSITIVE_INFINITY, 0},
                                1,
                                new float[] {0, 0},
                                2,
                                new int[] {0},
                                new boolean[] {true}));
        DistanceMatrix d = DistanceMatrix.of(new float[4], 1, IDS, SEEN);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> GzslEvaluator.evaluate(d, new int[] {5}, 0));
        assertTrue(e.getMessage().contains("label 5"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> GzslEvaluator.evaluate(d, new int[] {1, 4}, 0));
    }

    @Test
    void fastSearchAgreesWithNaiveDefinitionOnRandomData() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 400;
        int c = 12;
        int[] ids = new int[c];
        boolean[] seen = new boolean[c];
        for (int j = 0; j < c; j++) {
            ids[j] = 3 * j + 1;
            seen[j] = j % 3 != 0;
        }
        float[] dist = new float[n * c];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = ids[rnd.nextInt(c)];
            for (int j = 0; j < c; j++) {
                dist[i * c + j] = (float) (rnd.nextDouble() * 2 + (ids[j] == labels[i] ? -0.3 : 0));
            }
        }
        DistanceMatrix d = DistanceMatrix.of(dist, n, ids, seen);
        GzslResult r = GzslEvaluator.searchBeta(d, labels);
        double bestHm = -1;
        double bestBeta = -1;
        for (int b = 0; b < 16; b++) {
            double beta = b * 0.2;
            double[] sumAcc = new double[2];
            int[] nClasses = new int[2];
            for (int j = 0; j < c; j++) {
                int cls = ids[j];
                int total = 0;
                int ok = 0;
                for (int i = 0; i < n; i++) {
                    if (labels[i] != cls) {
                        continue;
                    }
                    total++;
                    int best = 0;
                    float bv = Float.MAX_VALUE;
                    for (int k = 0; k < c; k++) {
                        float v = seen[k] ? dist[i * c + k] + (float) beta : dist[i * c + k];
                        if (v < bv) {
                            bv = v;
                            best = k;
                        }
                    }
                    ok += ids[best] == cls ? 1 : 0;
                }
                if (total > 0) {
                    sumAcc[seen[j] ? 0 : 1] += (double) ok / total;
                    nClasses[seen[j] ? 0 : 1]++;
                }
            }
            double s = sumAcc[0] / nClasses[0];
            double u = sumAcc[1] / nClasses[1];
            double hm = s + u == 0 ? 0 : 2 * s * u / (s + u);
            if (hm > bestHm) {
                bestHm = hm;
                bestBeta = beta;
            }
        }
        assertEquals(bestHm, r.harmonicMean(), 1e-12);
        assertEquals(bestBeta, r.beta(), 1e-12);
    }
}
