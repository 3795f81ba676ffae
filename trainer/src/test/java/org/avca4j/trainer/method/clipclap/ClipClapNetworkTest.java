package org.avca4j.trainer.method.clipclap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.DataLayout;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.avca4j.trainer.method.ExtraTrainPass;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.method.Methods;
import org.avca4j.trainer.method.tcaf.Stage2Length;
import org.avca4j.trainer.method.tcaf.TcafLoss;
import org.avca4j.trainer.model.MethodGraph;
import org.avca4j.trainer.model.TrainingBatch;
import org.avca4j.trainer.testing.ShortTraining;
import org.avca4j.trainer.training.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ClipClap's network: the loss against an independent double-precision forward and {@link TcafLoss}
 * (the published loss, SUCCESSORS-SPEC §0), gradients against finite differences, the presets and β
 * grid of §2.2, and a short training on synthetic data in the ClipClap layout.
 */
class ClipClapNetworkTest {

    private static final int DA = 3;
    private static final int DV = 2;
    private static final int T = 4;
    private static final int[] TRAIN_IDS = {1, 4, 6};
    private static final int B = 5;

    private static MethodContext context() {
        float[] text = new float[TRAIN_IDS.length * T];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < text.length; i++) {
            text[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return new MethodContext(DA, DV, T, 11, TRAIN_IDS, text);
    }

    private static ClipClapSettings small(double dropout) {
        return new ClipClapSettings(
                5,
                4,
                3,
                dropout,
                dropout,
                dropout,
                Stage2Length.BEST_PLUS_ONE,
                ExtraTrainPass.REFERENCE);
    }

    private static TrainingBatch batch(MethodContext c) {
        SplittableRandom r = new SplittableRandom(8);
        float[] a = new float[B * DA];
        float[] v = new float[B * DV];
        float[] w = new float[B * T];
        int[] labels = new int[B];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextDouble();
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() - 0.5);
        }
        for (int i = 0; i < B; i++) {
            int k = i % TRAIN_IDS.length;
            labels[i] = TRAIN_IDS[k];
            System.arraycopy(c.trainClassText(), k * T, w, i * T, T);
        }
        return new TrainingBatch(B, a, v, w, a, v, w, labels, labels);
    }

    // --- an independent forward in double, from the network's own arrays ---

    private static double[][] linear(MethodGraph g, String name, double[][] x) {
        INDArray w = g.array(name + ".W");
        INDArray b = g.array(name + ".b");
        int out = (int) w.size(1);
        double[][] y = new double[x.length][out];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < out; o++) {
                double s = b.getDouble(o);
                for (int k = 0; k < x[i].length; k++) {
                    s += x[i][k] * w.getDouble(k, o);
                }
                y[i][o] = s;
            }
        }
        return y;
    }

    /** Training-mode BatchNorm (batch mean, biased variance, eps 1e-5), then ReLU. */
    private static double[][] bnRelu(MethodGraph g, String name, double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[][] y = new double[n][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j] / n;
            }
            double var = 0;
            for (double[] row : x) {
                var += (row[j] - mean) * (row[j] - mean) / n;
            }
            for (int i = 0; i < n; i++) {
                double z =
                        (x[i][j] - mean)
                                        / Math.sqrt(var + 1e-5)
                                        * g.array(name + ".gamma").getDouble(j)
                                + g.array(name + ".beta").getDouble(j);
                y[i][j] = Math.max(0, z);
            }
        }
        return y;
    }

    private static double[][] net(MethodGraph g, String name, double[][] x, boolean hidden) {
        double[][] h = bnRelu(g, name + ".bn1", linear(g, name + ".fc1", x));
        return hidden ? bnRelu(g, name + ".bn2", linear(g, name + ".fc2", h)) : h;
    }

    private static double[][] rows(float[] flat, int n, int d) {
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = flat[i * d + j];
            }
        }
        return out;
    }

    @Test
    void lossMatchesAnIndependentForwardAndThePublishedFormula() {
        MethodContext c = context();
        TrainingBatch batch = batch(c);
        try (ClipClapNetwork net = ClipClapNetwork.create(c, small(0.0), 0.0, DataType.DOUBLE)) {
            MethodGraph g = net.graph();
            double[][] a = rows(batch.audio(), B, DA);
            double[][] v = rows(batch.video(), B, DV);
            double[][] x = new double[B][DV + DA];
            for (int i = 0; i < B; i++) {
                System.arraycopy(v[i], 0, x[i], 0, DV);
                System.arraycopy(a[i], 0, x[i], DV, DA);
            }
            double[][] wHat = net(g, "W_enc", rows(batch.text(), B, T), false);
            double[][] thetaO = net(g, "O_proj", net(g, "O_enc", x, false), true);
            double[][] thetaW = net(g, "W_proj", wHat, false);
            double[][] rhoO = net(g, "D_o", thetaO, true);
            double[][] rhoW = net(g, "D_w", thetaW, false);
            double[][] classes =
                    net(
                            g,
                            "W_proj",
                            net(g, "W_enc", rows(c.trainClassText(), TRAIN_IDS.length, T), false),
                            false);
            TcafLoss expected =
                    TcafLoss.of(
                            thetaO, thetaW, rhoO, rhoW, wHat, classes, TRAIN_IDS, batch.labels());
            Map<String, Double> got = g.lossTerms(net.inputs(batch), B, 5);
            assertEquals(expected.crossEntropy(), got.get("ce"), 1e-10);
            assertEquals(expected.regression(), got.get("reg"), 1e-10);
            assertEquals(expected.reconstruction(), got.get("rec"), 1e-10);
            assertEquals(expected.total(), got.get("total"), 1e-10);
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesInDouble() {
        MethodContext c = context();
        TrainingBatch batch = batch(c);
        try (ClipClapNetwork net = ClipClapNetwork.create(c, small(0.2), 0.0, DataType.DOUBLE)) {
            MethodGraph g = net.graph();
            Map<String, float[]> in = net.inputs(batch);
            long seed = 17;
            Map<String, INDArray> grads = g.lossAndGradients(in, B, seed).getGradients();
            double h = 1e-6;
            int checked = 0;
            for (String name : g.trainableNames()) {
                INDArray p = g.array(name);
                INDArray grad = grads.get(name);
                for (long k = 0; k < Math.min(3, p.length()); k++) {
                    double old = p.getDouble(k);
                    p.putScalar(k, old + h);
                    double up = g.lossTerms(in, B, seed).get("total");
                    p.putScalar(k, old - h);
                    double down = g.lossTerms(in, B, seed).get("total");
                    p.putScalar(k, old);
                    double numeric = (up - down) / (2 * h);
                    double analytic = grad.getDouble(k);
                    assertEquals(
                            numeric,
                            analytic,
                            1e-6 + 1e-4 * Math.abs(numeric),
                            name + "[" + k + "]");
                    checked++;
                }
            }
            assertTrue(checked > 30, "checked " + checked + " entries");
        }
    }

    /**
     * Quirk 7 (SUCCESSORS-SPEC §0 "One training step", §2.4): after the update the reference runs
     * O_enc, W_enc(w), O_proj, W_proj once more in training mode. O_enc's and W_enc's first
     * BatchNorm normalise {@code fc1(x)} and {@code fc1(w)}, free of dropout, so their running
     * statistics follow by hand: the step's updates (W_enc also on E in the loss), then one more
     * with the updated weights unless {@code extra_train_pass=none}; the decoders, outside the
     * extra pass, end equal either way.
     */
    @Test
    void extraTrainPassMovesTheRunningStatisticsOnceMoreUnlessFixed() {
        MethodContext c = context();
        TrainingBatch batch = batch(c);
        double[][] x = new double[B][DV + DA];
        double[][] a = rows(batch.audio(), B, DA);
        double[][] v = rows(batch.video(), B, DV);
        for (int i = 0; i < B; i++) {
            System.arraycopy(v[i], 0, x[i], 0, DV);
            System.arraycopy(a[i], 0, x[i], DV, DA);
        }
        double[][] w = rows(batch.text(), B, T);
        double[][] e = rows(c.trainClassText(), TRAIN_IDS.length, T);
        Map<String, INDArray> decoders = new java.util.HashMap<>();
        Map<String, INDArray> projections = new java.util.HashMap<>();
        for (ExtraTrainPass pass : ExtraTrainPass.values()) {
            ClipClapSettings s =
                    small(0.2).with(Map.of("extra_train_pass", pass.name().toLowerCase()));
            boolean extra = pass == ExtraTrainPass.REFERENCE;
            try (ClipClapNetwork net = ClipClapNetwork.create(c, s, 0.0, DataType.DOUBLE)) {
                MethodGraph g = net.graph();
                double[][] oBefore = linear(g, "O_enc.fc1", x);
                double[][] wBefore = linear(g, "W_enc.fc1", w);
                double[][] eBefore = linear(g, "W_enc.fc1", e);
                net.step(batch, 1e-2, 9);
                double[] mean = new double[5];
                double[] var = filled(5, 1);
                runningUpdate(mean, var, oBefore);
                if (extra) {
                    runningUpdate(mean, var, linear(g, "O_enc.fc1", x));
                }
                assertClose(mean, g.array("O_enc.bn1.mean"), pass + " O_enc mean");
                assertClose(var, g.array("O_enc.bn1.var"), pass + " O_enc var");
                mean = new double[5];
                var = filled(5, 1);
                runningUpdate(mean, var, wBefore);
                runningUpdate(mean, var, eBefore);
                if (extra) {
                    runningUpdate(mean, var, linear(g, "W_enc.fc1", w));
                }
                assertClose(mean, g.array("W_enc.bn1.mean"), pass + " W_enc mean");
                assertClose(var, g.array("W_enc.bn1.var"), pass + " W_enc var");
                for (String name : new String[] {"D_o.bn1.mean", "D_w.bn1.var"}) {
                    INDArray now = g.array(name).dup();
                    INDArray other = decoders.putIfAbsent(name, now);
                    if (other != null) {
                        assertEquals(other, now, name + " is outside the extra pass");
                    }
                }
                for (String name : new String[] {"O_proj.bn1.mean", "W_proj.bn1.var"}) {
                    INDArray now = g.array(name).dup();
                    INDArray other = projections.putIfAbsent(name, now);
                    if (other != null) {
                        assertTrue(!other.equals(now), name + " moves in the extra pass");
                    }
                }
            }
        }
    }

    /** PyTorch's running update (momentum 0.1) from a batch {@code x [n][width]}. */
    private static void runningUpdate(double[] mean, double[] var, double[][] x) {
        int n = x.length;
        for (int j = 0; j < mean.length; j++) {
            double m = 0;
            for (double[] row : x) {
                m += row[j] / n;
            }
            double s = 0;
            for (double[] row : x) {
                s += (row[j] - m) * (row[j] - m);
            }
            mean[j] = 0.9 * mean[j] + 0.1 * m;
            var[j] = 0.9 * var[j] + 0.1 * s / (n - 1);
        }
    }

    private static double[] filled(int n, double x) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, x);
        return d;
    }

    private static void assertClose(double[] expected, INDArray actual, String what) {
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], actual.getDouble(j), 1e-12, what + " [" + j + "]");
        }
    }

    @Test
    void presetsFollowThePublishedRun() {
        ClipClapMethod m = new ClipClapMethod();
        ClipClapSettings s = m.settings(DatasetName.UCF, FeatureSet.CLS, Map.of());
        assertEquals(ClipClapSettings.published(), s);
        assertEquals(Stage2Length.BEST_PLUS_ONE, s.stage2Length());
        assertEquals(8, s.stage2Length().epochs(7, 20), "stage 2 trains E*+1 epochs");
        assertEquals(1, s.stage2Length().epochs(0, 20), "also when E* = 0");
        // The protocol hooks: the method's grid and stage-2 length, and its exporter.
        assertArrayEquals(ClipClapBetaGrid.values(), m.betaGrid(s));
        assertEquals(8, m.stage2Epochs(s, 7, 20));
        assertEquals(20, m.stage2Epochs(s.with(Map.of("stage2_length", "reference")), 0, 20));
        assertTrue(m.exporter().isPresent());
        TrainingConfig ucf =
                m.trainingConfig(DatasetName.UCF, FeatureSet.CLS, TextOrder.OWN).build();
        assertEquals(20, ucf.epochs());
        assertEquals(7e-5, ucf.learningRate());
        assertEquals(64, ucf.batchSize());
        assertEquals(300, ucf.batchesPerEpoch());
        assertEquals(1e-5, ucf.weightDecay());
        TrainingConfig vgg =
                m.trainingConfig(DatasetName.VGGSOUND, FeatureSet.CLS, TextOrder.OWN).build();
        assertEquals(15, vgg.epochs());
        assertEquals(1e-4, vgg.learningRate());
        assertEquals(
                0.2,
                m.settings(DatasetName.UCF, FeatureSet.CLS, Map.of("word_dropout", "0.2"))
                        .wordDropout());
        assertTrue(Methods.isRegistered("clipclap"));
        assertTrue(!Methods.PAPER_IDS.contains("clipclap"));
    }

    @Test
    void betaGridIsNumpysLinspaceZeroToFive() {
        double[] grid = ClipClapBetaGrid.values();
        assertEquals(76, grid.length);
        assertEquals(0.0, grid[0]);
        assertEquals(5.0, grid[75]);
        assertEquals(1.0 / 15, grid[1], 1e-15);
        assertEquals(3.0, grid[45], 1e-12);
    }

    @Test
    void shortSyntheticTrainingInTheClipClapLayoutReachesTwiceChance() throws Exception {
        Benchmark b =
                SyntheticBenchmark.builder()
                        .setDataset(DatasetName.UCF)
                        .optLayout(DataLayout.CLIPCLAP)
                        .optWidths(24, 16)
                        .optTextDim(40)
                        .optClasses(12)
                        .optClipsPerClass(16)
                        .optSeed(5)
                        .build()
                        .generate();
        GzslMethod method = Methods.of("clipclap");
        MethodSettings s =
                method.settings(
                        DatasetName.UCF,
                        FeatureSet.CLS,
                        Map.of("latent_dim", "32", "decoder_hidden", "32", "embed_dim", "16"));
        GzslResult r = ShortTraining.stage1(method, s, b, 4, 20, 32, 1e-3, 42);
        int candidates = b.stage1Val().candidateClasses().length;
        double chance = 1.0 / candidates;
        assertTrue(
                r.harmonicMean() >= 2 * chance,
                "validation HM " + r.harmonicMean() + " vs chance " + chance);
        System.out.println("clipclap synthetic val HM " + r.harmonicMean() + " chance " + chance);
    }

    @Test
    void distancesAreL2BetweenThetaOAndTheCandidates() {
        MethodContext c = context();
        TrainingBatch batch = batch(c);
        try (ClipClapNetwork net = ClipClapNetwork.create(c, small(0.1), 0.0, DataType.FLOAT)) {
            float[] theta = net.embedClips(batch.audio(), batch.video(), B);
            float[] classes = net.embedText(c.trainClassText(), TRAIN_IDS.length);
            float[] d =
                    net.distances(batch.audio(), batch.video(), B, c.trainClassText(), 3)
                            .get(org.avca4j.trainer.method.EvalMode.BOTH);
            float[] expected = new float[B * 3];
            for (int i = 0; i < B; i++) {
                for (int k = 0; k < 3; k++) {
                    double s = 0;
                    for (int j = 0; j < 3; j++) {
                        double diff = theta[i * 3 + j] - classes[k * 3 + j];
                        s += diff * diff;
                    }
                    expected[i * 3 + k] = (float) Math.sqrt(s);
                }
            }
            assertArrayEquals(expected, d, 1e-5f);
        }
    }
}
