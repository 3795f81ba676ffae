package org.avca4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** PyTorch's Adam with L2 weight decay, against updates worked out from its formulas. */
class AdamL2OptimizerTest {

    @Test
    void twoStepsMatchPyTorchFormulas() {
        AdamSettings s = new AdamSettings(0.9, 0.999, 1e-8, 0.01);
        double[] p = {1.0, -2.0};
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("p", Nd4j.createFromArray(p.clone()));
        AdamL2Optimizer adam = new AdamL2Optimizer(s, params);
        double[][] grads = {{0.5, -0.25}, {-1.0, 0.125}};
        double[] lrs = {0.1, 0.05};
        double[] m = new double[2];
        double[] v = new double[2];
        for (int t = 1; t <= 2; t++) {
            adam.step(params, Map.of("p", Nd4j.createFromArray(grads[t - 1].clone())), lrs[t - 1]);
            for (int i = 0; i < 2; i++) {
                double g = grads[t - 1][i] + 0.01 * p[i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double mHat = m[i] / (1 - Math.pow(0.9, t));
                double vHat = v[i] / (1 - Math.pow(0.999, t));
                p[i] -= lrs[t - 1] * mHat / (Math.sqrt(vHat) + 1e-8);
            }
            assertArrayEquals(p, params.get("p").toDoubleVector(), 1e-12, "step " + t);
        }
        assertArrayEquals(m, adam.firstMoments().get("p").toDoubleVector(), 1e-15);
        assertArrayEquals(v, adam.secondMoments().get("p").toDoubleVector(), 1e-15);
    }
}
