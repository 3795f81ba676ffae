package org.avca4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void flatStepMatchesOneArrayPerParameter() {
        AdamSettings s = new AdamSettings(0.9, 0.999, 1e-8, 0.01);
        Map<String, INDArray> perArray = new LinkedHashMap<>();
        perArray.put(
                "w", Nd4j.createFromArray(new double[][] {{1.0, -2.0, 0.5}, {0.25, 3.0, -1.5}}));
        perArray.put("b", Nd4j.createFromArray(0.75, -0.125));
        FlatArrays flat = FlatArrays.copyOf(perArray);
        FlatArrays flatGrads = FlatArrays.zerosLike(perArray);
        AdamL2Optimizer separate = new AdamL2Optimizer(s, perArray);
        AdamL2Optimizer together = new AdamL2Optimizer(s, flat);
        for (int t = 1; t <= 3; t++) {
            Map<String, INDArray> grads = new LinkedHashMap<>();
            grads.put("w", Nd4j.createFromArray(new double[][] {{0.5, -t, 2.0}, {t, 0.1, -0.3}}));
            grads.put("b", Nd4j.createFromArray(-0.5 * t, 0.25));
            for (Map.Entry<String, INDArray> e : grads.entrySet()) {
                flatGrads.views().get(e.getKey()).assign(e.getValue());
            }
            separate.step(perArray, grads, 0.1 / t);
            together.step(flat, flatGrads, 0.1 / t);
            for (String name : perArray.keySet()) {
                assertArrayEquals(
                        perArray.get(name).ravel().toDoubleVector(),
                        flat.views().get(name).ravel().toDoubleVector(),
                        1e-15,
                        name + " after step " + t);
                assertArrayEquals(
                        separate.secondMoments().get(name).ravel().toDoubleVector(),
                        together.secondMoments().get(name).ravel().toDoubleVector(),
                        1e-15,
                        "second moment of " + name);
            }
        }
        assertEquals(3, together.steps());
    }

    @Test
    void flatStepRefusesAnOptimiserWithOneArrayPerParameter() {
        Map<String, INDArray> params = Map.of("p", Nd4j.createFromArray(1.0, 2.0));
        AdamL2Optimizer adam = new AdamL2Optimizer(new AdamSettings(0.9, 0.999, 1e-8, 0), params);
        FlatArrays flat = FlatArrays.copyOf(params);
        assertThrows(IllegalStateException.class, () -> adam.step(flat, flat, 0.1));
    }
}
