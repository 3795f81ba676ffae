package org.avca4j.trainer.method.tcaf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.sequence.FrameRates;
import org.avca4j.trainer.data.sequence.SequenceBenchmark;
import org.avca4j.trainer.data.sequence.SequenceClipSet;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.model.AdamSettings;
import org.junit.jupiter.api.Test;

/**
 * The running statistics after one TCaF step, against hand computations from the set's raw
 * sequences (SUCCESSORS-SPEC §0 "One training step", §1.3 {@code max} mode, §1.6; quirks 2 and 7).
 *
 * <p>Four cls-feature clips (r_a 0.96, r_v 0.64); the step takes clips 0–2, whose longest audio has
 * 7 rows (more than the round(5·0.64·0.96) = 3 of a window cut to the longest video, so a crop
 * would show) and whose longest video has 5 rows (clip 3, outside the batch, has 9: the graph is
 * padded to it, the reference's batch is not). The first BatchNorm of A_enc and V_enc normalises
 * {@code fc1(a/255)} and {@code fc1(v/‖v‖_t)}, of W_proj {@code fc1(ŵ)}, none of which depends on
 * dropout, so their batch statistics follow from the weights before and after the step.
 */
class TcafStepStatisticsTest {

    private static final int DA = 3;
    private static final int DV = 4;
    private static final int DT = 5;
    private static final int[] AUDIO_ROWS = {2, 7, 3, 1};
    private static final int[] VIDEO_ROWS = {3, 5, 2, 9};
    private static final int[] LABELS = {0, 1, 0, 1};
    private static final int[] BATCH = {0, 1, 2};
    private static final double MOMENTUM = 0.1;

    private final float[][][] audio = new float[4][][];
    private final float[][][] video = new float[4][][];
    private final float[][] text = new float[2][DT];
    private final double[][] textValues = new double[2][DT];

    TcafStepStatisticsTest() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 4; i++) {
            audio[i] = TcafForwardFixtures.clip(r, AUDIO_ROWS[i], DA, 255);
            video[i] = TcafForwardFixtures.clip(r, VIDEO_ROWS[i], DV, 1);
        }
        for (int c = 0; c < 2; c++) {
            for (int j = 0; j < DT; j++) {
                text[c][j] = (float) (r.nextDouble() - 0.5);
                textValues[c][j] = text[c][j];
            }
        }
    }

    @Test
    void referenceStepPadsToTheBatchsLongestWithoutCroppingAndUpdatesTwice() {
        // audio: 3 clips × 7 rows (no crop), video: 3 clips × 5 rows (not the set's 9)
        check(Map.of(), 3 * 7, 3 * 5, true, false, 0);
    }

    @Test
    void withoutTheExtraPassEveryStatisticMovesOnce() {
        check(Map.of("extra_train_pass", "none"), 3 * 7, 3 * 5, false, false, 0);
    }

    @Test
    void maskedStatisticsCountRealRowsOnly() {
        check(Map.of("padding_statistics", "masked"), 2 + 7 + 3, 3 + 5 + 2, true, true, 0);
    }

    @Test
    void fixedWindowPutsEveryWindowRowInTheBatch() {
        // ActivityNet's collator (§1.3) with a window of 5 video rows: no batch video is longer, so
        // no start is drawn (s_v = 0); audio gets round(5·0.64·0.96) = 3 rows, clip 1's first 3
        check(Map.of("train_window", "5"), 3 * 3, 3 * 5, true, false, 5);
        check(
                Map.of("train_window", "5", "padding_statistics", "masked"),
                2 + 3 + 3,
                3 + 5 + 2,
                true,
                true,
                5);
    }

    @Test
    void extraPassDropoutComesFromTheStepSeed() {
        double[] a = oprojMeanAfterStep(11);
        assertArrayEquals(a, oprojMeanAfterStep(11), 0.0, "same seed, same draws");
        assertFalse(Arrays.equals(a, oprojMeanAfterStep(12)), "another seed, other draws");
    }

    @Test
    void extraPassMovesTheClipBranchAndTextProjectionOnly() {
        // §1.6: the extra pass runs A_enc, V_enc, O_proj, W_proj(ŵ); D_o and D_w only in the step
        double[][] on = statisticsAfterStep(Map.of());
        double[][] off = statisticsAfterStep(Map.of("extra_train_pass", "none"));
        assertArrayEquals(off[0], on[0], 0.0, "dec_o");
        assertArrayEquals(off[1], on[1], 0.0, "dec_w");
        assertFalse(Arrays.equals(off[2], on[2]), "oproj");
        assertFalse(Arrays.equals(off[3], on[3]), "venc.bn2");
    }

    private double[][] statisticsAfterStep(Map<String, String> overrides) {
        try (TcafNetwork n = network(overrides)) {
            n.step(null, BATCH, 1e-3, 7);
            TcafWeights w = n.weights();
            return new double[][] {
                w.get("dec_o.bn1.mean").clone(),
                w.get("dec_w.bn1.var").clone(),
                w.get("oproj.bn2.mean").clone(),
                w.get("venc.bn2.var").clone()
            };
        }
    }

    private double[] oprojMeanAfterStep(long seed) {
        try (TcafNetwork n = network(Map.of())) {
            n.step(null, BATCH, 1e-3, seed);
            return n.weights().get("oproj.bn1.mean").clone();
        }
    }

    /**
     * One step, then the running statistics of A_enc, V_enc and W_proj's first BatchNorm against
     * updates computed here: the step's, then (with the extra pass) one more with the updated
     * weights.
     */
    private void check(
            Map<String, String> overrides,
            int audioCount,
            int videoCount,
            boolean extraPass,
            boolean masked,
            int window) {
        try (TcafNetwork n = network(overrides)) {
            TcafWeights w = n.weights();
            Map<String, double[]> before = copy(w, "aenc.fc1", "venc.fc1", "wproj.fc1");
            n.step(null, BATCH, 1e-3, 7);
            Map<String, double[]> after = copy(n.weights(), "aenc.fc1", "venc.fc1", "wproj.fc1");
            int audioWindow =
                    (int) Math.round(window * FrameRates.CLS.video() * FrameRates.CLS.audio());
            double[][] a = batchRows(audio, AUDIO_ROWS, DA, masked, false, audioWindow);
            double[][] v = batchRows(video, VIDEO_ROWS, DV, masked, true, window);
            assertEquals(audioCount, a.length);
            assertEquals(videoCount, v.length);
            expectUpdates(n, "aenc", a, before, after, extraPass, null);
            expectUpdates(n, "venc", v, before, after, extraPass, null);
            double[][] what = new double[BATCH.length][];
            for (int b = 0; b < BATCH.length; b++) {
                what[b] = textValues[LABELS[BATCH[b]]];
            }
            double[][] classes = textValues;
            // W_proj(ŵ) in the forward, W_proj(E) in the loss, W_proj(ŵ) in the extra pass
            expectUpdates(n, "wproj", what, before, after, extraPass, classes);
        }
    }

    private static void expectUpdates(
            TcafNetwork n,
            String net,
            double[][] rows,
            Map<String, double[]> before,
            Map<String, double[]> after,
            boolean extraPass,
            double[][] classRows) {
        int width = before.get(net + ".fc1.b").length;
        double[] mean = new double[width];
        double[] var = filled(width, 1);
        update(mean, var, fc1(rows, before, net));
        if (classRows != null) {
            update(mean, var, fc1(classRows, before, net));
        }
        if (extraPass) {
            update(mean, var, fc1(rows, after, net));
        }
        double[] gotMean = n.weights().get(net + ".bn1.mean");
        double[] gotVar = n.weights().get(net + ".bn1.var");
        for (int j = 0; j < width; j++) {
            assertEquals(mean[j], gotMean[j], 1e-5 * (1 + Math.abs(mean[j])), net + " mean " + j);
            assertEquals(var[j], gotVar[j], 1e-5 * (1 + Math.abs(var[j])), net + " var " + j);
        }
    }

    /** PyTorch's update from a batch {@code x [N][width]}: biased var made unbiased. */
    private static void update(double[] mean, double[] var, double[][] x) {
        int n = x.length;
        for (int j = 0; j < mean.length; j++) {
            double m = 0;
            for (double[] row : x) {
                m += row[j];
            }
            m /= n;
            double s = 0;
            for (double[] row : x) {
                s += (row[j] - m) * (row[j] - m);
            }
            double unbiased = s / (n - 1);
            mean[j] = (1 - MOMENTUM) * mean[j] + MOMENTUM * m;
            var[j] = (1 - MOMENTUM) * var[j] + MOMENTUM * unbiased;
        }
    }

    private static double[][] fc1(double[][] rows, Map<String, double[]> weights, String net) {
        double[][] y = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            y[i] =
                    TcafForward.linear(
                            rows[i], weights.get(net + ".fc1.W"), weights.get(net + ".fc1.b"));
        }
        return y;
    }

    /**
     * The rows of the batch's clips as the reference's collator lays them out: audio /255 or video
     * normalised over time per channel, the first {@code window} rows of each clip padded to the
     * window, or without a window every row padded to the batch's longest; with {@code masked} the
     * real rows only.
     */
    private static double[][] batchRows(
            float[][][] clips,
            int[] lengths,
            int width,
            boolean masked,
            boolean overTime,
            int window) {
        int longest = 0;
        for (int b : BATCH) {
            longest = Math.max(longest, lengths[b]);
        }
        double[][] rows = new double[0][];
        for (int b : BATCH) {
            int real = window > 0 ? Math.min(window, lengths[b]) : lengths[b];
            double[][] clip = new double[masked ? real : (window > 0 ? window : longest)][width];
            for (int j = 0; j < width; j++) {
                double norm = 0;
                for (int t = 0; t < real; t++) {
                    norm += (double) clips[b][t][j] * clips[b][t][j];
                }
                double scale = overTime ? 1 / Math.sqrt(norm) : 1 / 255.0;
                for (int t = 0; t < real; t++) {
                    clip[t][j] = clips[b][t][j] * scale;
                }
            }
            rows = concat(rows, clip);
        }
        return rows;
    }

    private TcafNetwork network(Map<String, String> overrides) {
        TcafSettings s = TcafForwardFixtures.smallSettings(1).with(overrides);
        SequenceClipSet train =
                SequenceClipSet.of(
                        "train",
                        DA,
                        DV,
                        audio,
                        video,
                        LABELS,
                        new String[] {"c0", "c1", "c2", "c3"},
                        new int[] {0, 1},
                        new int[0]);
        SequenceBenchmark seq =
                new SequenceBenchmark(
                        DatasetName.UCF,
                        FeatureSet.CLS,
                        SplitName.CLS,
                        List.of("a", "b"),
                        text,
                        TextOrder.OWN,
                        train,
                        train,
                        train,
                        train,
                        List.of());
        float[] classText = new float[2 * DT];
        System.arraycopy(text[0], 0, classText, 0, DT);
        System.arraycopy(text[1], 0, classText, DT, DT);
        MethodContext c =
                new MethodContext(DA, DV, DT, 5, new int[] {0, 1}, classText)
                        .withSequences(seq, "train");
        return new TcafNetwork(c, s, AdamSettings.reference());
    }

    private static Map<String, double[]> copy(TcafWeights w, String... layers) {
        Map<String, double[]> m = new java.util.HashMap<>();
        for (String l : layers) {
            m.put(l + ".W", w.get(l + ".W").clone());
            m.put(l + ".b", w.get(l + ".b").clone());
        }
        return m;
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double[] filled(int n, double x) {
        double[] d = new double[n];
        Arrays.fill(d, x);
        return d;
    }
}
