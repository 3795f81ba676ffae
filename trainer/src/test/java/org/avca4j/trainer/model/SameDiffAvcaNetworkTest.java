package org.avca4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.avca4j.trainer.testing.ReferenceForward;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** Behaviour of a whole network: inference, running statistics, determinism, checkpoints. */
class SameDiffAvcaNetworkTest {

    @TempDir Path dir;

    private static SameDiffAvcaNetwork doubleNet(AvcaConfig c, long seed) {
        return SameDiffAvcaNetwork.builder()
                .setConfig(c)
                .optInitSeed(seed)
                .optDataType(DataType.DOUBLE)
                .build();
    }

    @Test
    void inferenceMatchesAnIndependentForward() {
        AvcaConfig c = TestBatches.tiny(0.2, 0.3, 0.5, 0.1);
        int n = 5;
        TrainingBatch b = TestBatches.batch(c, n, 11);
        try (SameDiffAvcaNetwork net = doubleNet(c, 5)) {
            net.step(b, 1e-2, 1);
            net.step(TestBatches.batch(c, n, 12), 1e-2, 2);
            ReferenceForward ref = new ReferenceForward(net.weights());
            double[][] a = ReferenceForward.rows(b.audio(), n, c.audioDim());
            double[][] v = ReferenceForward.rows(b.video(), n, c.videoDim());
            double[][] w = ReferenceForward.rows(b.text(), n, c.textDim());
            assertClose(ref.thetaV(a, v), net.embedVideo(b.audio(), b.video(), n), "θv");
            assertClose(ref.thetaA(a, v), net.embedAudio(b.audio(), b.video(), n), "θa");
            assertClose(ref.thetaW(w), net.embedText(b.text(), n), "θw");
        }
    }

    @Test
    void runningStatisticsFollowTheReferenceOrder() {
        AvcaConfig c = TestBatches.tiny(0, 0, 0, 0.3);
        int n = 6;
        TrainingBatch b = TestBatches.batch(c, n, 21);
        try (SameDiffAvcaNetwork net = doubleNet(c, 8)) {
            AvcaWeights before = net.weights();
            net.step(b, 0.0, 3); // lr 0: the post-step forward sees the same weights
            AvcaWeights after = net.weights();

            double[][] a = ReferenceForward.rows(b.audio(), n, c.audioDim());
            double[][] aNeg = ReferenceForward.rows(b.negAudio(), n, c.audioDim());
            double[][] w = ReferenceForward.rows(b.text(), n, c.textDim());
            double[][] wNeg = ReferenceForward.rows(b.negText(), n, c.textDim());
            // A_enc: calls a, a⁻, then a again after the step; bn1 momentum 0.1, bn2 momentum m =
            // 0.3
            List<double[][]> encIn = List.of(a, aNeg, a);
            List<double[][]> h1 = new ArrayList<>();
            List<double[][]> h2 = new ArrayList<>();
            for (double[][] x : encIn) {
                double[][] h =
                        ReferenceForward.linear(
                                x,
                                before.get("A_enc.fc1.W"),
                                before.get("A_enc.fc1.b"),
                                c.audioDim(),
                                c.encoderHidden());
                h1.add(h);
                double[][] r =
                        ReferenceForward.relu(
                                ReferenceForward.bnTrain(
                                        h,
                                        before.get("A_enc.bn1.gamma"),
                                        before.get("A_enc.bn1.beta")));
                h2.add(
                        ReferenceForward.linear(
                                r,
                                before.get("A_enc.fc2.W"),
                                before.get("A_enc.fc2.b"),
                                c.encoderHidden(),
                                c.textDim()));
            }
            assertEma(h1, 0.1, after, "A_enc.bn1");
            assertEma(h2, 0.3, after, "A_enc.bn2");
            // W_proj has no hidden layer: momentum 0.1 whatever m; calls w, w⁻, then w after the
            // step
            List<double[][]> wIn = new ArrayList<>();
            for (double[][] x : List.of(w, wNeg, w)) {
                wIn.add(
                        ReferenceForward.linear(
                                x,
                                before.get("W_proj.fc1.W"),
                                before.get("W_proj.fc1.b"),
                                c.textDim(),
                                c.outDim()));
            }
            assertEma(wIn, 0.1, after, "W_proj.bn1");
        }
    }

    @Test
    void posIsNeverTrained() {
        AvcaConfig c = TestBatches.tiny(0.2, 0.3, 0.5, 0.1);
        try (SameDiffAvcaNetwork net = SameDiffAvcaNetwork.create(c, 4)) {
            AvcaWeights before = net.weights();
            for (int s = 0; s < 3; s++) {
                net.step(TestBatches.batch(c, 4, s), 1e-2, s);
            }
            AvcaWeights after = net.weights();
            assertArrayEquals(before.get("pos"), after.get("pos"));
            assertFalse(
                    Arrays.equals(before.get("attn.qkv.W"), after.get("attn.qkv.W")),
                    "training changes weights");
        }
    }

    @Test
    void sameSeedsGiveIdenticalLosses() {
        AvcaConfig c = TestBatches.tiny(0.2, 0.3, 0.5, 0.1);
        List<StepLosses> first = run(c, 9, 100);
        List<StepLosses> second = run(c, 9, 100);
        List<StepLosses> otherMasks = run(c, 9, 200);
        assertEquals(first, second);
        assertNotEquals(first.get(0), otherMasks.get(0), "dropout masks come from the step seed");
        for (StepLosses l : first) {
            assertEquals(l.rec() + l.ct() + l.w() + l.t() + l.r(), l.total(), 1e-5);
        }
    }

    @Test
    void aStepsMasksDependOnItsSeedAloneEvenForSeedZero() {
        // ND4J's native generator draws differently each time for seed 0
        AvcaConfig c = TestBatches.tiny(0.2, 0.3, 0.5, 0.1);
        TrainingBatch b = TestBatches.batch(c, 300, 5);
        try (SameDiffAvcaNetwork net = doubleNet(c, 2)) {
            double first = net.trainingOutputs(b, 0).get(AvcaGraph.LOSS).getDouble(0);
            double other = net.trainingOutputs(b, 8).get(AvcaGraph.LOSS).getDouble(0);
            double again = net.trainingOutputs(b, 0).get(AvcaGraph.LOSS).getDouble(0);
            assertEquals(first, again, 0.0);
            assertNotEquals(first, other);
        }
    }

    private static List<StepLosses> run(AvcaConfig c, long initSeed, long stepSeedBase) {
        List<StepLosses> losses = new ArrayList<>();
        try (SameDiffAvcaNetwork net = SameDiffAvcaNetwork.create(c, initSeed)) {
            for (int s = 0; s < 3; s++) {
                losses.add(net.step(TestBatches.batch(c, 4, s), 1e-2, stepSeedBase + s));
            }
        }
        return losses;
    }

    @Test
    void saveAndLoadRestoreEverything() throws IOException {
        AvcaConfig c = TestBatches.tiny(0.2, 0.3, 0.5, 0.1);
        TrainingBatch b = TestBatches.batch(c, 4, 31);
        Path file = dir.resolve("ckpt.bin");
        try (SameDiffAvcaNetwork original = SameDiffAvcaNetwork.create(c, 1);
                SameDiffAvcaNetwork restored = SameDiffAvcaNetwork.create(c, 2)) {
            original.step(b, 1e-2, 1);
            original.step(TestBatches.batch(c, 4, 32), 1e-2, 2);
            original.save(file);
            restored.load(file);
            AvcaWeights wo = original.weights();
            AvcaWeights wr = restored.weights();
            for (String name : wo.values().keySet()) {
                assertArrayEquals(wo.get(name), wr.get(name), name);
            }
            assertArrayEquals(
                    original.embedVideo(b.audio(), b.video(), 4),
                    restored.embedVideo(b.audio(), b.video(), 4));
            // identical continuation requires the Adam moments and step count too
            assertEquals(original.step(b, 1e-2, 3), restored.step(b, 1e-2, 3));
            assertArrayEquals(
                    original.embedVideo(b.audio(), b.video(), 4),
                    restored.embedVideo(b.audio(), b.video(), 4));
            try (var files = Files.list(dir)) {
                assertEquals(List.of(file), files.toList(), "no temporary file left behind");
            }
        }
    }

    @Test
    void loadRefusesAnotherArchitecture() throws IOException {
        Path file = dir.resolve("ckpt.bin");
        try (SameDiffAvcaNetwork net = SameDiffAvcaNetwork.create(TestBatches.tiny(), 1);
                SameDiffAvcaNetwork other =
                        SameDiffAvcaNetwork.create(
                                new AvcaConfig(6, 4, 6, 7, 5, 4, 3, 2, 3, 0, 0, 0, 0.1), 1)) {
            net.save(file);
            IOException e = assertThrows(IOException.class, () -> other.load(file));
            assertTrue(e.getMessage().contains("another architecture"), e.getMessage());
            Files.writeString(file, "not a checkpoint");
            IOException e2 = assertThrows(IOException.class, () -> net.load(file));
            assertTrue(
                    e2.getMessage().contains("not an avca4j SameDiff checkpoint"), e2.getMessage());
        }
    }

    @Test
    void badBatchIsRejectedWithItsField() {
        AvcaConfig c = TestBatches.tiny();
        TrainingBatch good = TestBatches.batch(c, 4, 1);
        TrainingBatch bad =
                new TrainingBatch(
                        4,
                        good.audio(),
                        good.video(),
                        good.text(),
                        good.negAudio(),
                        Arrays.copyOf(good.negVideo(), 3),
                        good.negText(),
                        good.labels(),
                        good.negLabels());
        try (SameDiffAvcaNetwork net = SameDiffAvcaNetwork.create(c, 1)) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> net.step(bad, 1e-3, 1));
            assertTrue(e.getMessage().contains("TrainingBatch.negVideo"), e.getMessage());
        }
    }

    @Test
    void closeFreesEveryArrayAndRefusesFurtherUse() {
        AvcaConfig c = TestBatches.tiny();
        TrainingBatch b = TestBatches.batch(c, 4, 1);
        SameDiffAvcaNetwork net = SameDiffAvcaNetwork.create(c, 1);
        net.step(b, 1e-3, 1);
        List<org.nd4j.linalg.api.ndarray.INDArray> held = new ArrayList<>();
        for (String name : net.graph().store().allNames()) {
            held.add(net.array(name));
        }
        for (String name : net.trainableNames()) {
            held.add(net.adamMoments().get(name));
        }
        held.forEach(a -> assertFalse(a.wasClosed()));

        net.close();
        for (org.nd4j.linalg.api.ndarray.INDArray a : held) {
            assertTrue(a.wasClosed(), "an array of the network was not freed");
        }
        assertTrue(net.graph().sameDiff().getSessions().isEmpty(), "cached op outputs kept");
        net.close(); // idempotent
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> net.step(b, 1e-3, 2));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, net::weights);
    }

    private static void assertEma(
            List<double[][]> calls, double momentum, AvcaWeights after, String bn) {
        int width = calls.get(0)[0].length;
        double[] mean = new double[width];
        double[] var = new double[width];
        Arrays.fill(var, 1.0);
        for (double[][] x : calls) {
            double[][] mv = ReferenceForward.meanAndUnbiasedVar(x);
            for (int j = 0; j < width; j++) {
                mean[j] = (1 - momentum) * mean[j] + momentum * mv[0][j];
                var[j] = (1 - momentum) * var[j] + momentum * mv[1][j];
            }
        }
        assertArrayEquals(mean, toDouble(after.get(bn + ".mean")), 1e-6, bn + ".mean");
        assertArrayEquals(var, toDouble(after.get(bn + ".var")), 1e-6, bn + ".var");
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static void assertClose(double[][] expected, float[] actual, String what) {
        int width = expected[0].length;
        assertEquals(expected.length * width, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < width; j++) {
                double e = expected[i][j];
                assertEquals(
                        e,
                        actual[i * width + j],
                        1e-4 * Math.max(1, Math.abs(e)),
                        what + "[" + i + "," + j + "]");
            }
        }
    }
}
