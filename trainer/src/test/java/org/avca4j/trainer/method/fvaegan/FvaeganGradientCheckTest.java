package org.avca4j.trainer.method.fvaegan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The gradients of the critic's loss (both critics' Wasserstein terms and gradient penalties) and
 * of the generator/encoder loss against central finite differences in double precision, along a
 * random ±1 direction per trained array. The penalty's own gradient is the part SameDiff cannot
 * derive by double backward: this checks the hand-written input gradient of CriticLayers.
 */
class FvaeganGradientCheckTest {

    private static final double H = 1e-6;

    @Test
    void criticLossGradientMatchesFiniteDifferences() {
        FvaeganSettings s = TinyNetworks.settings(3, 5, Map.of());
        try (FvaeganNetwork net = TinyNetworks.network(2, 2, 3, s, TinyNetworks.doubles(), 3)) {
            // N(0, 0.02) weights give near-zero penalties' arguments; larger ones test more.
            SplittableRandom random = new SplittableRandom(11);
            for (String name : net.parameters().keySet()) {
                if (name.startsWith("D")) {
                    scale(net.parameters().get(name), random);
                }
            }
            INDArray x = TinyNetworks.gaussian(net, 4, 4, random);
            INDArray c = TinyNetworks.gaussian(net, 4, 3, random);
            INDArray fake = TinyNetworks.gaussian(net, 4, 4, random);
            INDArray a1 = TinyNetworks.array(net, 4, 1, 0.1, 0.5, 0.7, 0.95);
            INDArray a2 = TinyNetworks.array(net, 4, 1, 0.3, 0.2, 0.9, 0.6);
            Map<String, INDArray> grads = new LinkedHashMap<>();
            Map<String, INDArray> out = new LinkedHashMap<>();
            net.runCritic(x, c, fake, a1, a2, out, grads);
            assertTrue(
                    out.get(FvaeganGraphs.D_PENALTY).getDouble(0) > 0.1,
                    "penalty too small to test");
            check(net, grads, "D", n -> critic(n, x, c, fake, a1, a2), random);
        }
    }

    @Test
    void generatorLossGradientMatchesFiniteDifferences() {
        FvaeganSettings s = TinyNetworks.settings(3, 5, Map.of("gan_weight", "1"));
        try (FvaeganNetwork net = TinyNetworks.network(2, 2, 3, s, TinyNetworks.doubles(), 4)) {
            SplittableRandom random = new SplittableRandom(12);
            for (String name : net.parameters().keySet()) {
                scale(net.parameters().get(name), random);
            }
            INDArray x =
                    TinyNetworks.array(
                            net, 3, 4, 0.5, 0.5, 0.5, 0.5, 0.1, -0.3, 0.9, 0.3, 0.7, 0.1, 0.1, 0.7);
            INDArray c = TinyNetworks.gaussian(net, 3, 3, random);
            INDArray z = TinyNetworks.gaussian(net, 3, 3, random);
            INDArray eps = TinyNetworks.gaussian(net, 3, 3, random);
            Map<String, INDArray> grads = new LinkedHashMap<>();
            net.runGenerator(x, c, z, eps, new LinkedHashMap<>(), grads);
            check(net, grads, "G", n -> generator(n, x, c, z, eps), random);
            check(net, grads, "E", n -> generator(n, x, c, z, eps), random);
        }
    }

    private static void check(
            FvaeganNetwork net,
            Map<String, INDArray> grads,
            String prefix,
            ToDoubleFunction<FvaeganNetwork> loss,
            SplittableRandom random) {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, INDArray> e : net.parameters().entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            INDArray p = e.getValue();
            INDArray g = grads.get(e.getKey());
            assertNotNull(g, "no gradient for " + e.getKey());
            INDArray direction = p.ulike();
            for (long i = 0; i < direction.length(); i++) {
                direction.putScalar(i, random.nextBoolean() ? 1.0 : -1.0);
            }
            INDArray orig = p.dup();
            p.addi(direction.mul(H));
            double lp = loss.applyAsDouble(net);
            p.assign(orig).subi(direction.mul(H));
            double lm = loss.applyAsDouble(net);
            p.assign(orig);
            double numeric = (lp - lm) / (2 * H);
            double analytic = g.mul(direction).sumNumber().doubleValue();
            double scale = Transforms.abs(g, true).sumNumber().doubleValue();
            if (Math.abs(numeric - analytic) > 1e-7 + 1e-5 * scale) {
                failures.add(e.getKey() + ": analytic " + analytic + " numeric " + numeric);
            }
            checked++;
        }
        assertTrue(checked >= 4, "too few arrays checked for " + prefix + ": " + checked);
        assertEquals(List.of(), failures);
    }

    private static double critic(
            FvaeganNetwork net, INDArray x, INDArray c, INDArray fake, INDArray a1, INDArray a2) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        net.runCritic(x, c, fake, a1, a2, out, new LinkedHashMap<>());
        return out.get(FvaeganGraphs.CRITIC_LOSS).getDouble(0);
    }

    private static double generator(
            FvaeganNetwork net, INDArray x, INDArray c, INDArray z, INDArray eps) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        net.runGenerator(x, c, z, eps, out, new LinkedHashMap<>());
        return out.get(FvaeganGraphs.GENERATOR_LOSS).getDouble(0);
    }

    /** Replaces the values by N(0, 0.5²). */
    private static void scale(INDArray p, SplittableRandom random) {
        for (long i = 0; i < p.length(); i++) {
            p.putScalar(i, 0.5 * random.nextGaussian());
        }
    }
}
