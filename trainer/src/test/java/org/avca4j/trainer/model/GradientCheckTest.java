package org.avca4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradient of the whole loss against central finite differences, in double precision: for every
 * trained array (every block, the attention and both LayerNorms), the derivative along a random ±1
 * direction over all its elements, so that every element's gradient takes part.
 */
class GradientCheckTest {

    private static final double H = 1e-6;

    @Test
    void wholeLossGradientMatchesFiniteDifferences() {
        AvcaConfig c = TestBatches.tiny();
        TrainingBatch batch = TestBatches.batch(c, 4, 7);
        SplittableRandom random = new SplittableRandom(5);
        try (SameDiffAvcaNetwork net =
                SameDiffAvcaNetwork.builder()
                        .setConfig(c)
                        .optInitSeed(3)
                        .optDataType(DataType.DOUBLE)
                        .build()) {
            Map<String, INDArray> grads = net.lossAndGradients(batch, 1).getGradients();
            List<String> failures = new ArrayList<>();
            for (String name : net.trainableNames()) {
                INDArray p = net.array(name);
                INDArray g = grads.get(name);
                assertNotNull(g, "no gradient for " + name);
                INDArray direction = p.ulike();
                for (long i = 0; i < direction.length(); i++) {
                    direction.putScalar(i, random.nextBoolean() ? 1.0 : -1.0);
                }
                INDArray orig = p.dup();
                p.addi(direction.mul(H));
                double lp = loss(net, batch);
                p.assign(orig).subi(direction.mul(H));
                double lm = loss(net, batch);
                p.assign(orig);
                double numeric = (lp - lm) / (2 * H);
                double analytic = g.mul(direction).sumNumber().doubleValue();
                double scale =
                        org.nd4j.linalg.ops.transforms.Transforms.abs(g, true)
                                .sumNumber()
                                .doubleValue();
                if (Math.abs(numeric - analytic) > 1e-7 + 1e-5 * scale) {
                    failures.add(name + ": analytic " + analytic + " numeric " + numeric);
                }
            }
            assertTrue(
                    net.trainableNames().contains("attn.qkv.W")
                            && net.trainableNames().contains("attn.ln1.gamma"));
            assertEquals(List.of(), failures);
        }
    }

    /**
     * The network runs its gradient function directly (with SameDiff's array cache on); over
     * several steps, so that recycled arrays are in play, that gives exactly what SameDiff's own
     * calculateGradientsAndOutputs gives.
     */
    @Test
    void directGradientRunMatchesSameDiffsCalculateGradients() {
        AvcaConfig c = TestBatches.tiny(0.2, 0.3, 0.5, 0.1);
        try (SameDiffAvcaNetwork net =
                SameDiffAvcaNetwork.builder()
                        .setConfig(c)
                        .optInitSeed(3)
                        .optDataType(DataType.DOUBLE)
                        .build()) {
            for (int s = 0; s < 4; s++) {
                TrainingBatch batch = TestBatches.batch(c, 5, 40 + s);
                Map<String, INDArray> direct = copy(net.lossAndGradients(batch, s).getGradients());
                double directLoss =
                        net.lossAndGradients(batch, s)
                                .getOutputs()
                                .get(AvcaGraph.LOSS)
                                .getDouble(0);
                var bySameDiff = net.lossAndGradientsBySameDiff(batch, s);
                assertEquals(
                        bySameDiff.getOutputs().get(AvcaGraph.LOSS).getDouble(0), directLoss, 0.0);
                assertEquals(bySameDiff.getGradients().keySet(), direct.keySet());
                for (String name : net.trainableNames()) {
                    assertEquals(
                            bySameDiff.getGradients().get(name),
                            direct.get(name),
                            name + " at step " + s);
                }
                net.step(batch, 1e-2, s);
            }
        }
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> arrays) {
        Map<String, INDArray> c = new java.util.LinkedHashMap<>();
        arrays.forEach((k, v) -> c.put(k, v.dup()));
        return c;
    }

    private static double loss(SameDiffAvcaNetwork net, TrainingBatch batch) {
        return net.trainingOutputs(batch, 1).get(AvcaGraph.LOSS).getDouble(0);
    }
}
