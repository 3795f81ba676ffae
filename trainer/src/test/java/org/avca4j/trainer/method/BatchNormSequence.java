package org.avca4j.trainer.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.avca4j.trainer.model.MethodGraph;

/**
 * The expected BatchNorm running statistics after one step: PyTorch's update {@code r ← 0.9·r +
 * 0.1·batch} (unbiased variance) applied call by call in a given order, from the initial state
 * (mean 0, variance 1).
 */
public final class BatchNormSequence {

    private final Map<String, double[]> means = new LinkedHashMap<>();
    private final Map<String, double[]> vars = new LinkedHashMap<>();

    /** Applies one call's statistics to a layer (e.g. "f_a.bn1"). */
    public BatchNormSequence call(String layer, ReferenceMath.Call call) {
        double[] m = means.computeIfAbsent(layer, k -> new double[call.mean().length]);
        double[] v =
                vars.computeIfAbsent(
                        layer,
                        k -> {
                            double[] ones = new double[call.mean().length];
                            java.util.Arrays.fill(ones, 1.0);
                            return ones;
                        });
        for (int j = 0; j < m.length; j++) {
            m[j] = 0.9 * m[j] + 0.1 * call.mean()[j];
            v[j] = 0.9 * v[j] + 0.1 * call.unbiasedVar()[j];
        }
        return this;
    }

    /**
     * Asserts that a graph's running statistics ({@code <layer>.mean}, {@code <layer>.var}) equal
     * these to 1e-12, for every layer called.
     *
     * @throws AssertionError naming the first layer and statistic that differs
     */
    public void assertMatches(MethodGraph g) {
        for (String layer : means.keySet()) {
            assertArrayEquals(
                    means.get(layer),
                    g.array(layer + ".mean").toDoubleVector(),
                    1e-12,
                    layer + " mean");
            assertArrayEquals(
                    vars.get(layer),
                    g.array(layer + ".var").toDoubleVector(),
                    1e-12,
                    layer + " var");
        }
    }

    public Map<String, double[]> means() {
        return means;
    }

    public Map<String, double[]> vars() {
        return vars;
    }
}
