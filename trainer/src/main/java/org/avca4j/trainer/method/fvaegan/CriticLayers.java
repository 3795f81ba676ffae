package org.avca4j.trainer.method.fvaegan;

import org.avca4j.trainer.model.GraphLayers;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * One critic, D ({@code MLP_CRITIC}: [x ‖ c] → Linear → LeakyReLU(0.2) → Linear(·, 1)) or D2
 * ({@code MLP_CRITIC_V}: x alone), as SameDiff variables (or placeholders, where the generator's
 * graph only reads a frozen critic). The first layer's weight is held as two blocks, the rows that
 * multiply x and the rows that multiply c, so that the gradient with respect to x alone is the
 * product with the first block.
 *
 * <p>The gradient penalty needs ∇ₓD inside a loss that is differentiated again. SameDiff (ND4J
 * 1.0.0-M2.1) has no double backward, so the input gradient of this two-layer MLP is written out:
 * ∇ₓD(x, c) = W1ₓ·(w2 ⊙ σ'(h)) with h the first layer's pre-activation and σ' the LeakyReLU's slope
 * (1 where h &gt; 0, else 0.2). The slope is a step function of h, so its own derivative is zero
 * almost everywhere, exactly what PyTorch's double backward of {@code leaky_relu} uses; it is built
 * from {@code sign}, whose SameDiff gradient is zero (docs/baselines.md#f-vaegan-d2).
 *
 * @param w1x first-layer weight rows of x {@code [featureDim, hidden]}
 * @param w1c first-layer weight rows of c {@code [textDim, hidden]}, null for D2
 * @param b1 first-layer bias {@code [hidden]}
 * @param w2 second-layer weight {@code [hidden, 1]}
 * @param b2 second-layer bias {@code [1]}
 */
record CriticLayers(SDVariable w1x, SDVariable w1c, SDVariable b1, SDVariable w2, SDVariable b2) {

    /** The slope of the negative half of the LeakyReLU. */
    static final double LEAKY_SLOPE = 0.2;

    /** The first layer's pre-activation h. */
    SDVariable hidden(SameDiff sd, SDVariable x, SDVariable c) {
        SDVariable h = sd.mmul(x, w1x);
        if (w1c != null) {
            h = h.add(sd.mmul(c, w1c));
        }
        return sd.nn.biasAdd(h, b1, false);
    }

    /** The critic's score {@code [n, 1]}. */
    SDVariable score(SameDiff sd, SDVariable x, SDVariable c) {
        return GraphLayers.linear(sd, sd.nn.leakyRelu(hidden(sd, x, c), LEAKY_SLOPE), w2, b2);
    }

    /** ∇ₓ of the score of each row, {@code [n, featureDim]}. */
    SDVariable inputGradient(SameDiff sd, SDVariable x, SDVariable c) {
        // slope = 0.6 + 0.4·sign(h): 1 for h > 0, 0.2 for h < 0 (0.6 at exactly 0, a null set).
        SDVariable slope =
                sd.math.sign(hidden(sd, x, c)).mul(1 - LEAKY_SLOPE).add(1 + LEAKY_SLOPE).mul(0.5);
        SDVariable upstream = slope.mul(sd.transpose(w2));
        return sd.mmul(upstream, sd.transpose(w1x));
    }

    /**
     * The WGAN-GP penalty λ·mean_i(‖∇ₓ̂ D(x̂_i, c_i)‖₂ − 1)² at x̂ = αx + (1−α)x̃.
     *
     * @param alpha {@code [n, 1]} interpolation weights
     */
    SDVariable penalty(
            SameDiff sd,
            SDVariable real,
            SDVariable fake,
            SDVariable alpha,
            SDVariable c,
            double lambda) {
        SDVariable interpolated = fake.add(real.sub(fake).mul(alpha));
        SDVariable grad = inputGradient(sd, interpolated, c);
        SDVariable norm = sd.math.sqrt(sd.math.square(grad).sum(1));
        return sd.math.square(norm.sub(1.0)).mean().mul(lambda);
    }

    /** −mean D(real) + mean D(fake) + penalty: the critic's WGAN-GP loss. */
    SDVariable loss(
            SameDiff sd,
            SDVariable real,
            SDVariable fake,
            SDVariable alpha,
            SDVariable c,
            double lambda,
            String wassersteinName,
            String penaltyName) {
        SDVariable w = score(sd, real, c).mean().sub(score(sd, fake, c).mean());
        w.rename(wassersteinName);
        SDVariable gp = penalty(sd, real, fake, alpha, c, lambda);
        gp.rename(penaltyName);
        return gp.sub(w);
    }
}
