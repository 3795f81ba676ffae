package org.avca4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.avca4j.trainer.testing.ReferenceForward;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The hand-written network against the SameDiff one (whose gradient SameDiff derives) and against
 * finite differences: the same gradients, steps, BatchNorm running statistics, checkpoints and
 * embeddings.
 */
class FusedAvcaNetworkTest {

    /** Every block, the attention's three dropouts, a non-default momentum. */
    private static final AvcaConfig CONFIG = TestBatches.tiny(0.2, 0.3, 0.5, 0.3);

    @TempDir Path dir;

    @Test
    void gradientsAndLossesMatchSameDiffInDoublePrecision() {
        TrainingBatch batch = TestBatches.batch(CONFIG, 5, 7);
        try (SameDiffAvcaNetwork sd = sameDiff(DataType.DOUBLE, 3);
                FusedAvcaNetwork fused = fused(DataType.DOUBLE, 3)) {
            // one step first, so that the weights and running statistics are no longer initial
            sd.step(batch, 1e-2, 1);
            fused.step(batch, 1e-2, 1);
            TrainingBatch next = TestBatches.batch(CONFIG, 5, 8);
            Map<String, INDArray> expected = sd.lossAndGradients(next, 9).getGradients();
            Map.Entry<StepLosses, Map<String, INDArray>> actual = fused.lossAndGradients(next, 9);
            Map<String, INDArray> outputs = sd.trainingOutputs(next, 9);
            StepLosses l = actual.getKey();
            assertEquals(outputs.get(AvcaGraph.LOSS).getDouble(0), l.total(), 1e-12);
            assertEquals(outputs.get(AvcaGraph.LOSS_REC).getDouble(0), l.rec(), 1e-12);
            assertEquals(outputs.get(AvcaGraph.LOSS_CT).getDouble(0), l.ct(), 1e-12);
            assertEquals(outputs.get(AvcaGraph.LOSS_W).getDouble(0), l.w(), 1e-12);
            assertEquals(outputs.get(AvcaGraph.LOSS_T).getDouble(0), l.t(), 1e-12);
            assertEquals(outputs.get(AvcaGraph.LOSS_R).getDouble(0), l.r(), 1e-12);
            assertEquals(expected.keySet(), actual.getValue().keySet());
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, INDArray> e : expected.entrySet()) {
                INDArray g = actual.getValue().get(e.getKey());
                double diff = Transforms.abs(g.sub(e.getValue()), false).maxNumber().doubleValue();
                double scale = Transforms.abs(e.getValue(), true).maxNumber().doubleValue();
                if (diff > 1e-10 * Math.max(1, scale)) {
                    failures.add(e.getKey() + ": max |Δ| " + diff + " (max |g| " + scale + ")");
                }
            }
            assertEquals(List.of(), failures);
            assertTrue(
                    Transforms.abs(expected.get("attn.qkv.W"), true).sumNumber().doubleValue() > 0,
                    "the attention's gradient is not trivially zero");
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double h = 1e-6;
        TrainingBatch batch = TestBatches.batch(CONFIG, 4, 17);
        SplittableRandom random = new SplittableRandom(5);
        try (FusedAvcaNetwork net = fused(DataType.DOUBLE, 4)) {
            Map<String, INDArray> grads = net.lossAndGradients(batch, 2).getValue();
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, INDArray> e : grads.entrySet()) {
                INDArray p = net.array(e.getKey());
                INDArray direction = p.ulike();
                for (long i = 0; i < direction.length(); i++) {
                    direction.putScalar(i, random.nextBoolean() ? 1.0 : -1.0);
                }
                INDArray orig = p.dup();
                p.addi(direction.mul(h));
                double lp = net.lossAndGradients(batch, 2).getKey().total();
                p.assign(orig).subi(direction.mul(h));
                double lm = net.lossAndGradients(batch, 2).getKey().total();
                p.assign(orig);
                double numeric = (lp - lm) / (2 * h);
                double analytic = e.getValue().mul(direction).sumNumber().doubleValue();
                double scale = Transforms.abs(e.getValue(), true).sumNumber().doubleValue();
                if (Math.abs(numeric - analytic) > 1e-7 + 1e-5 * scale) {
                    failures.add(e.getKey() + ": analytic " + analytic + " numeric " + numeric);
                }
            }
            assertEquals(List.of(), failures);
        }
    }

    @Test
    void stepsMatchSameDiffInDoublePrecision() {
        compareSteps(DataType.DOUBLE, 1e-9, 1e-9);
    }

    /**
     * In single precision everything agrees to float rounding except the Linear biases that feed a
     * BatchNorm (and so the running means): their exact gradient is 0 (BatchNorm subtracts the
     * mean), their float gradient is rounding noise, which Adam's normalisation turns into steps of
     * up to the learning rate in either implementation.
     */
    @Test
    void stepsMatchSameDiffInSinglePrecision() {
        compareSteps(DataType.FLOAT, 2e-6, 3 * 2e-3);
    }

    private static void compareSteps(DataType type, double tolerance, double biasTolerance) {
        try (SameDiffAvcaNetwork sd = sameDiff(type, 6);
                FusedAvcaNetwork fused = fused(type, 6)) {
            assertWeights(sd.weights(), fused.weights(), 0, "initial weights");
            for (int s = 0; s < 3; s++) {
                TrainingBatch batch = TestBatches.batch(CONFIG, 6, 20 + s);
                StepLosses expected = sd.step(batch, 1e-3, 100 + s);
                StepLosses actual = fused.step(batch, 1e-3, 100 + s);
                String what = "step " + (s + 1) + ": ";
                assertEquals(expected.total(), actual.total(), tolerance * expected.total(), what);
                assertEquals(expected.rec(), actual.rec(), tolerance * expected.rec(), what);
                assertEquals(expected.ct(), actual.ct(), tolerance * 10, what + "ct");
                assertEquals(expected.w(), actual.w(), tolerance * 10, what + "w");
                assertEquals(expected.t(), actual.t(), tolerance * 10, what + "t");
                assertEquals(expected.r(), actual.r(), tolerance * 10, what + "r");
                assertWeights(
                        sd.weights(), fused.weights(), tolerance, biasTolerance, "after " + what);
            }
        }
    }

    @Test
    void embeddingsMatchAnIndependentForward() {
        int n = 5;
        TrainingBatch b = TestBatches.batch(CONFIG, n, 11);
        try (FusedAvcaNetwork net = fused(DataType.DOUBLE, 5)) {
            net.step(b, 1e-2, 1);
            net.step(TestBatches.batch(CONFIG, n, 12), 1e-2, 2);
            ReferenceForward ref = new ReferenceForward(net.weights());
            double[][] a = ReferenceForward.rows(b.audio(), n, CONFIG.audioDim());
            double[][] v = ReferenceForward.rows(b.video(), n, CONFIG.videoDim());
            double[][] w = ReferenceForward.rows(b.text(), n, CONFIG.textDim());
            assertClose(ref.thetaV(a, v), net.embedVideo(b.audio(), b.video(), n), "θv");
            assertClose(ref.thetaA(a, v), net.embedAudio(b.audio(), b.video(), n), "θa");
            assertClose(ref.thetaW(w), net.embedText(b.text(), n), "θw");
        }
    }

    @Test
    void checkpointsLoadAcrossImplementations() throws IOException {
        Path fromSameDiff = dir.resolve("samediff.ckpt");
        Path fromFused = dir.resolve("fused.ckpt");
        TrainingBatch batch = TestBatches.batch(CONFIG, 6, 30);
        try (SameDiffAvcaNetwork sd = sameDiff(DataType.FLOAT, 8);
                FusedAvcaNetwork fused = fused(DataType.FLOAT, 9)) {
            sd.step(batch, 1e-3, 1);
            sd.save(fromSameDiff);
            fused.load(fromSameDiff);
            assertWeights(sd.weights(), fused.weights(), 0, "fused after loading SameDiff's");
            // the Adam moments and step count came along: the next steps still agree
            TrainingBatch next = TestBatches.batch(CONFIG, 6, 31);
            sd.step(next, 1e-3, 2);
            fused.step(next, 1e-3, 2);
            assertWeights(sd.weights(), fused.weights(), 2e-6, 2 * 2e-3, "one step after loading");
            fused.save(fromFused);
        }
        try (SameDiffAvcaNetwork sd = sameDiff(DataType.FLOAT, 1);
                FusedAvcaNetwork fused = fused(DataType.FLOAT, 1)) {
            fused.load(fromFused);
            sd.load(fromFused);
            assertWeights(fused.weights(), sd.weights(), 0, "SameDiff after loading fused's");
        }
    }

    @Test
    void resumedRunIsBitIdentical() throws IOException {
        Path ckpt = dir.resolve("resume.ckpt");
        try (FusedAvcaNetwork straight = fused(DataType.FLOAT, 2);
                FusedAvcaNetwork first = fused(DataType.FLOAT, 2)) {
            for (int s = 0; s < 4; s++) {
                straight.step(TestBatches.batch(CONFIG, 6, 40 + s), 1e-3, s);
            }
            for (int s = 0; s < 2; s++) {
                first.step(TestBatches.batch(CONFIG, 6, 40 + s), 1e-3, s);
            }
            first.save(ckpt);
            try (FusedAvcaNetwork resumed = fused(DataType.FLOAT, 99)) {
                resumed.load(ckpt);
                for (int s = 2; s < 4; s++) {
                    resumed.step(TestBatches.batch(CONFIG, 6, 40 + s), 1e-3, s);
                }
                assertWeights(straight.weights(), resumed.weights(), 0, "resumed run");
            }
        }
    }

    private static void assertWeights(
            AvcaWeights expected, AvcaWeights actual, double tolerance, String what) {
        assertWeights(expected, actual, tolerance, tolerance, what);
    }

    /** {@code biasTolerance} (absolute) for biases feeding a BatchNorm and running means. */
    private static void assertWeights(
            AvcaWeights expected,
            AvcaWeights actual,
            double tolerance,
            double biasTolerance,
            String what) {
        assertEquals(expected.values().keySet(), actual.values().keySet(), what);
        for (Map.Entry<String, float[]> e : expected.values().entrySet()) {
            float[] a = actual.values().get(e.getKey());
            String name = e.getKey();
            boolean beforeNorm =
                    (name.endsWith(".fc1.b") || name.endsWith(".fc2.b") || name.endsWith(".mean"))
                            && !name.startsWith("attn.");
            if (beforeNorm && biasTolerance != tolerance) {
                for (int i = 0; i < a.length; i++) {
                    assertEquals(e.getValue()[i], a[i], biasTolerance, what + ": " + name);
                }
            } else if (tolerance == 0) {
                assertArrayEquals(e.getValue(), a, what + ": " + e.getKey());
            } else {
                for (int i = 0; i < a.length; i++) {
                    assertEquals(
                            e.getValue()[i],
                            a[i],
                            tolerance * Math.max(1, Math.abs(e.getValue()[i])),
                            what + ": " + e.getKey() + "[" + i + "]");
                }
            }
        }
    }

    private static void assertClose(double[][] expected, float[] actual, String what) {
        int w = expected[0].length;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < w; j++) {
                assertEquals(
                        expected[i][j], actual[i * w + j], 1e-5, what + "[" + i + "," + j + "]");
            }
        }
    }

    private static SameDiffAvcaNetwork sameDiff(DataType type, long seed) {
        return SameDiffAvcaNetwork.builder()
                .setConfig(CONFIG)
                .optInitSeed(seed)
                .optDataType(type)
                .optAdam(new AdamSettings(0.9, 0.999, 1e-8, 1e-4))
                .build();
    }

    private static FusedAvcaNetwork fused(DataType type, long seed) {
        return FusedAvcaNetwork.builder()
                .setConfig(CONFIG)
                .optInitSeed(seed)
                .optDataType(type)
                .optAdam(new AdamSettings(0.9, 0.999, 1e-8, 1e-4))
                .build();
    }
}
