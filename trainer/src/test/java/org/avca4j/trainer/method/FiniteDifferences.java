package org.avca4j.trainer.method;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.avca4j.trainer.model.MethodGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The gradient of a method's whole loss against central finite differences in double precision: for
 * every trained array, the derivative along a random ±1 direction over all its elements.
 */
public final class FiniteDifferences {

    private static final double H = 1e-6;

    private FiniteDifferences() {}

    /**
     * @return one line per array whose analytic and numeric derivatives differ, empty if none
     */
    public static List<String> failures(MethodGraph g, Map<String, float[]> batch, int n) {
        Map<String, INDArray> grads = g.lossAndGradients(batch, n, 1).getGradients();
        Map<String, INDArray> copies = new java.util.LinkedHashMap<>();
        grads.forEach((k, v) -> copies.put(k, v.dup()));
        SplittableRandom random = new SplittableRandom(5);
        List<String> failures = new ArrayList<>();
        for (String name : g.trainableNames()) {
            INDArray p = g.array(name);
            INDArray grad = copies.get(name);
            if (grad == null) {
                failures.add(name + ": no gradient");
                continue;
            }
            INDArray direction = p.ulike();
            for (long i = 0; i < direction.length(); i++) {
                direction.putScalar(i, random.nextBoolean() ? 1.0 : -1.0);
            }
            INDArray orig = p.dup();
            p.addi(direction.mul(H));
            double lp = g.lossTerms(batch, n, 1).get("total");
            p.assign(orig).subi(direction.mul(H));
            double lm = g.lossTerms(batch, n, 1).get("total");
            p.assign(orig);
            double numeric = (lp - lm) / (2 * H);
            double analytic = grad.mul(direction).sumNumber().doubleValue();
            double scale = Transforms.abs(grad, true).sumNumber().doubleValue();
            if (Math.abs(numeric - analytic) > 1e-7 + 1e-5 * scale) {
                failures.add(name + ": analytic " + analytic + " numeric " + numeric);
            }
        }
        return failures;
    }
}
