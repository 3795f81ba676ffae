package org.avca4j.trainer.method.fvaegan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The critic's WGAN-GP terms and the generator's VAE terms on one-row inputs whose values are
 * worked out by hand (docs/baselines.md#f-vaegan-d2).
 */
class FvaeganLossTermsTest {

    private static final double TOL = 1e-9;

    /**
     * D with a 2-d feature, a 1-d condition and 2 hidden units: x = (0.6, 0.8), x̃ = (0, 1), c =
     * 0.5, α = 0.25, so x̂ = x̃ + α(x − x̃) = (0.15, 0.95). W1ₓ = [[1, −2], [0.5, 1]], W1_c = [0.3,
     * −0.4], b1 = (0.1, −1), w2 = (2, −1), b2 = 0.5.
     *
     * <ul>
     *   <li>h(x̂) = (0.15 + 0.475 + 0.15 + 0.1, −0.3 + 0.95 − 0.2 − 1) = (0.875, −0.55): slopes (1,
     *       0.2), so ∇ₓ̂D = W1ₓ·(2·1, −1·0.2) = (2 + 0.4, 1 − 0.2) = (2.4, 0.8), ‖·‖ = √6.4, and GP
     *       = 10·(√6.4 − 1)².
     *   <li>D(x) : h = (1.25, −1.6) → (1.25, −0.32) → 2.5 + 0.32 + 0.5 = 3.32; D(x̃): h = (0.75,
     *       −0.2) → (0.75, −0.04) → 1.5 + 0.04 + 0.5 = 2.04; mean D(x) − mean D(x̃) = 1.28.
     * </ul>
     */
    @Test
    void gradientPenaltyAndWassersteinTermOfDMatchHandValues() {
        FvaeganSettings s = TinyNetworks.settings(2, 2, Map.of());
        try (FvaeganNetwork net = TinyNetworks.network(1, 1, 1, s, TinyNetworks.doubles(), 1)) {
            TinyNetworks.set(net, "D.w1x", 1, -2, 0.5, 1);
            TinyNetworks.set(net, "D.w1c", 0.3, -0.4);
            TinyNetworks.set(net, "D.b1", 0.1, -1);
            TinyNetworks.set(net, "D.w2", 2, -1);
            TinyNetworks.set(net, "D.b2", 0.5);
            Map<String, INDArray> out = new LinkedHashMap<>();
            net.runCritic(
                    TinyNetworks.array(net, 1, 2, 0.6, 0.8),
                    TinyNetworks.array(net, 1, 1, 0.5),
                    TinyNetworks.array(net, 1, 2, 0, 1),
                    TinyNetworks.array(net, 1, 1, 0.25),
                    TinyNetworks.array(net, 1, 1, 0.5),
                    out,
                    new LinkedHashMap<>());
            double gp = 10 * Math.pow(Math.sqrt(6.4) - 1, 2);
            assertEquals(gp, out.get(FvaeganGraphs.D_PENALTY).getDouble(0), TOL);
            assertEquals(1.28, out.get(FvaeganGraphs.D_WASSERSTEIN).getDouble(0), TOL);
        }
    }

    /**
     * E's hidden layer is zeroed, so μ = E.mu.b = (0.5, −1) and log σ² = E.logvar.b = (0, ln 2);
     * G's weights are zeroed, so x_r = σ(G.b2) whatever z. With x = (0.6, 0.8):
     *
     * <ul>
     *   <li>KL = −½[(1 + 0 − 0.25 − 1) + (1 + ln 2 − 1 − 2)] = ½(2.25 − ln 2).
     *   <li>G.b2 = (0, ln 3): x_r = (0.5, 0.75), BCE = −[ln 0.5 + 0.8 ln 0.75 + 0.2 ln 0.25].
     *   <li>G.b2 = (−200, ln 3): log x_r,1 = −200 is clamped to −100, log(1 − x_r,1) ≈ −e⁻²⁰⁰, so
     *       BCE = 0.6·100 − [0.8 ln 0.75 + 0.2 ln 0.25].
     * </ul>
     */
    @Test
    void bceWithClampedLogsAndKlMatchHandValues() {
        FvaeganSettings s = TinyNetworks.settings(2, 2, Map.of());
        try (FvaeganNetwork net = TinyNetworks.network(1, 1, 1, s, TinyNetworks.doubles(), 1)) {
            for (String name :
                    new String[] {"E.w1", "E.b1", "E.mu.w", "E.logvar.w", "G.w1", "G.b1", "G.w2"}) {
                TinyNetworks.zero(net, name);
            }
            TinyNetworks.set(net, "E.mu.b", 0.5, -1);
            TinyNetworks.set(net, "E.logvar.b", 0, Math.log(2));
            double kl = 0.5 * (2.25 - Math.log(2));
            double tail = -(0.8 * Math.log(0.75) + 0.2 * Math.log(0.25));

            TinyNetworks.set(net, "G.b2", 0, Math.log(3));
            Map<String, INDArray> out = generator(net);
            assertEquals(kl, out.get(FvaeganGraphs.KL).getDouble(0), TOL);
            assertEquals(-Math.log(0.5) + tail, out.get(FvaeganGraphs.BCE).getDouble(0), TOL);
            double total =
                    1e5 * out.get(FvaeganGraphs.G_COST).getDouble(0)
                            + out.get(FvaeganGraphs.BCE).getDouble(0)
                            + kl;
            assertEquals(total, out.get(FvaeganGraphs.GENERATOR_LOSS).getDouble(0), 1e-6);

            TinyNetworks.set(net, "G.b2", -200, Math.log(3));
            out = generator(net);
            assertEquals(60 + tail, out.get(FvaeganGraphs.BCE).getDouble(0), TOL);
        }
    }

    private static Map<String, INDArray> generator(FvaeganNetwork net) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        net.runGenerator(
                TinyNetworks.array(net, 1, 2, 0.6, 0.8),
                TinyNetworks.array(net, 1, 1, 0.5),
                TinyNetworks.array(net, 1, 2, 0.3, -0.7),
                TinyNetworks.array(net, 1, 2, 1.5, -0.2),
                out,
                new LinkedHashMap<>());
        return out;
    }
}
