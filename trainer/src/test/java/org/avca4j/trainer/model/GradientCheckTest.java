package org.avca4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The gradient of the whole loss against central finite differences, in double precision. */
class GradientCheckTest {

    private static final double H = 1e-6;

    @Test
    void wholeLossGradientMatchesFiniteDifferences() {
        AvcaConfig c = TestBatches.tiny();
        TrainingBatch batch = TestBatches.batch(c, 4, 7);
        try (SameDiffAvcaNetwork net = SameDiffAvcaNetwork.builder().setConfig(c).optInitSeed(3)
                .optDataType(DataType.DOUBLE).build()) {
            Map<String, INDArray> grads = net.lossAndGradients(batch, 1).getGradients();
            List<String> failures = new ArrayList<>();
            int checked = 0;
            for (String name : net.trainableNames()) {
                INDArray p = net.array(name);
                INDArray g = grads.get(name);
                assertTrue(g != null, "no gradient for " + name);
                long n = p.length();
                // two elements of every array keep the test to seconds of SameDiff execution per array
                long[] idx = n <= 2 ? range(n) : new long[] {(7 * n) / 11, n - 1};
                for (long i : idx) {
                    double orig = p.getDouble(i);
                    p.putScalar(i, orig + H);
                    double lp = loss(net, batch);
                    p.putScalar(i, orig - H);
                    double lm = loss(net, batch);
                    p.putScalar(i, orig);
                    double numeric = (lp - lm) / (2 * H);
                    double analytic = g.getDouble(i);
                    double tol = 1e-6 + 1e-4 * Math.max(Math.abs(numeric), Math.abs(analytic));
                    if (Math.abs(numeric - analytic) > tol) {
                        failures.add(name + "[" + i + "]: analytic " + analytic + " numeric " + numeric);
                    }
                    checked++;
                }
            }
            assertTrue(checked > 90, "checked only " + checked);
            assertEquals(List.of(), failures);
        }
    }

    private static double loss(SameDiffAvcaNetwork net, TrainingBatch batch) {
        return net.trainingOutputs(batch, 1).get(AvcaGraph.LOSS).getDouble(0);
    }

    private static long[] range(long n) {
        long[] r = new long[(int) n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
