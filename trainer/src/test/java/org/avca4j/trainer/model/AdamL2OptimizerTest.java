package org.avca4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void aStepSplitBetweenTwoThreadsGivesTheSameBits() throws Exception {
        AdamSettings s = new AdamSettings(0.9, 0.999, 1e-8, 0.01);
        java.util.Random r = new java.util.Random(5);
        // 5,000 floats in two arrays: the halves split inside the first one, at 2,048
        float[] w = new float[3500];
        float[] b = new float[1500];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextGaussian();
        }
        Map<String, INDArray> start = new LinkedHashMap<>();
        start.put("w", Nd4j.createFromArray(w).reshape(70, 50));
        start.put("b", Nd4j.createFromArray(b));
        FlatArrays whole = FlatArrays.copyOf(start);
        FlatArrays split = FlatArrays.copyOf(start);
        FlatArrays wholeGrads = FlatArrays.zerosLike(start);
        FlatArrays splitGrads = FlatArrays.zerosLike(start);
        AdamL2Optimizer one = new AdamL2Optimizer(s, whole);
        AdamL2Optimizer two = new AdamL2Optimizer(s, split);
        java.util.concurrent.ExecutorService helper = HelperThreads.single("test-adam-half");
        try {
            for (int t = 1; t <= 3; t++) {
                INDArray g = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5000).subi(0.5);
                wholeGrads.buffer().assign(g);
                splitGrads.buffer().assign(g);
                one.step(whole, wholeGrads, 0.01);
                two.step(split, splitGrads, 0.01, helper);
                assertArrayEquals(
                        whole.buffer().toFloatVector(),
                        split.buffer().toFloatVector(),
                        "step " + t);
                for (String name : start.keySet()) {
                    assertArrayEquals(
                            one.firstMoments().get(name).ravel().toFloatVector(),
                            two.firstMoments().get(name).ravel().toFloatVector());
                    assertArrayEquals(
                            one.secondMoments().get(name).ravel().toFloatVector(),
                            two.secondMoments().get(name).ravel().toFloatVector());
                }
            }
            // and it did move the parameters of both halves
            assertTrue(split.buffer().getFloat(0) != w[0]);
            assertTrue(split.buffer().getFloat(4999) != b[1499]);
        } finally {
            helper.shutdownNow();
        }
    }

    @Test
    void flatStepRefusesAnOptimiserWithOneArrayPerParameter() {
        Map<String, INDArray> params = Map.of("p", Nd4j.createFromArray(1.0, 2.0));
        AdamL2Optimizer adam = new AdamL2Optimizer(new AdamSettings(0.9, 0.999, 1e-8, 0), params);
        FlatArrays flat = FlatArrays.copyOf(params);
        assertThrows(IllegalStateException.class, () -> adam.step(flat, flat, 0.1));
    }
}
