package org.avca4j.trainer.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.model.TrainingBatch;
import org.avca4j.trainer.testing.TinyInputs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The gradient of the whole loss of ALE, SJE, DEVISE and APN (both cross-entropies) against central
 * finite differences in double precision, with dropout on (the masks are fixed by the step seed)
 * and with normalised inputs: for every trained array, the derivative along a random ±1 direction
 * over all its elements.
 */
class SingleEmbeddingGradientCheckTest {

    private static final double H = 1e-6;

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("ale", Map.of()),
                Arguments.of("sje", Map.of()),
                Arguments.of("devise", Map.of()),
                Arguments.of("devise", Map.of("norm_inputs", "true", "honour_margin", "true")),
                Arguments.of("apn", Map.of()),
                Arguments.of("apn", Map.of("ce_on_logits", "true", "norm_inputs", "true")));
    }

    private static SingleEmbeddingNetwork create(
            String id, Map<String, String> overrides, MethodContext c) {
        GzslMethod m = Methods.of(id);
        MethodSettings s = m.settings(DatasetName.UCF, FeatureSet.MAIN, overrides);
        return ((SingleEmbeddingMethod<?>) m).create(c, s, DataType.DOUBLE);
    }

    @ParameterizedTest
    @MethodSource("networks")
    void wholeLossGradientMatchesFiniteDifferences(String id, Map<String, String> overrides) {
        MethodContext c = TinyInputs.randomContext(3, 4, 5, new int[] {0, 2, 3, 6}, 11);
        TrainingBatch batch = TinyInputs.random(c, 6, 12);
        SplittableRandom random = new SplittableRandom(5);
        try (SingleEmbeddingNetwork net = create(id, overrides, c)) {
            // APN's initial weights are tiny: spread them so that every term is far from flat
            for (INDArray p : net.parameters().values()) {
                for (long i = 0; i < p.length(); i++) {
                    p.putScalar(i, random.nextGaussian());
                }
            }
            Map<String, INDArray> grads = net.gradients(batch, 3);
            assertEquals(net.parameters().keySet(), grads.keySet());
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, INDArray> e : net.parameters().entrySet()) {
                INDArray p = e.getValue();
                INDArray g = grads.get(e.getKey());
                INDArray direction = p.ulike();
                for (long i = 0; i < direction.length(); i++) {
                    direction.putScalar(i, random.nextBoolean() ? 1.0 : -1.0);
                }
                INDArray orig = p.dup();
                p.addi(direction.mul(H));
                double lp = net.loss(batch, 3).total();
                p.assign(orig).subi(direction.mul(H));
                double lm = net.loss(batch, 3).total();
                p.assign(orig);
                double numeric = (lp - lm) / (2 * H);
                double analytic = g.mul(direction).sumNumber().doubleValue();
                double scale = Transforms.abs(g, true).sumNumber().doubleValue();
                assertTrue(scale > 0, e.getKey() + " has a zero gradient");
                if (Math.abs(numeric - analytic) > 1e-7 + 1e-5 * scale) {
                    failures.add(e.getKey() + ": analytic " + analytic + " numeric " + numeric);
                }
            }
            assertEquals(List.of(), failures);
        }
    }
}
