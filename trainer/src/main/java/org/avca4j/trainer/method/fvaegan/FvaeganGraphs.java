package org.avca4j.trainer.method.fvaegan;

import org.avca4j.trainer.model.GraphLayers;
import org.avca4j.trainer.model.ParameterStore;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The two SameDiff graphs of f-VAEGAN-D2 (docs/baselines.md#f-vaegan-d2). The critic graph holds D
 * and D2 as variables and takes the generated features as input; the generator graph holds G and E
 * as variables and reads D's current weights as inputs, so each graph's gradient function
 * differentiates exactly the networks its step updates.
 */
final class FvaeganGraphs {

    // Inputs.
    static final String X = "x";
    static final String C = "c";
    static final String X_FAKE = "x_fake";
    static final String ALPHA_D = "alpha_d";
    static final String ALPHA_D2 = "alpha_d2";
    static final String Z = "z";
    static final String EPS = "eps";

    // Critic outputs.
    static final String CRITIC_LOSS = "critic_loss";
    static final String D_WASSERSTEIN = "d_wasserstein";
    static final String D_PENALTY = "d_penalty";
    static final String D2_WASSERSTEIN = "d2_wasserstein";
    static final String D2_PENALTY = "d2_penalty";

    // Generator outputs.
    static final String GENERATOR_LOSS = "generator_loss";
    static final String BCE = "bce";
    static final String KL = "kl";
    static final String G_COST = "g_cost";
    static final String GENERATED = "generated";

    /** The names of D's arrays: variables of the critic graph, inputs of the generator graph. */
    static final String[] D_ARRAYS = {"D.w1x", "D.w1c", "D.b1", "D.w2", "D.b2"};

    /** PyTorch's BCELoss clamps each log at −100. */
    static final double LOG_CLAMP = -100;

    /** The standard deviation of D's and D2's initial weights. */
    static final double CRITIC_INIT_STD = 0.02;

    private static final long CRITIC_STREAM = 0x435249544943L;
    private static final long GENERATOR_STREAM = 0x47454E45524154L;

    final SameDiff critic;
    final ParameterStore criticParams;
    final SameDiff generator;
    final ParameterStore generatorParams;

    FvaeganGraphs(int featureDim, int textDim, FvaeganSettings s, DataType dataType, long seed) {
        this.critic = SameDiff.create();
        this.criticParams = new ParameterStore(critic, dataType, seed ^ CRITIC_STREAM);
        this.generator = SameDiff.create();
        this.generatorParams = new ParameterStore(generator, dataType, seed ^ GENERATOR_STREAM);
        buildCritic(featureDim, textDim, s, dataType);
        buildGenerator(featureDim, textDim, s, dataType);
    }

    private void buildCritic(int f, int t, FvaeganSettings s, DataType dt) {
        SameDiff sd = critic;
        ParameterStore p = criticParams;
        SDVariable x = sd.placeHolder(X, dt, -1, f);
        SDVariable c = sd.placeHolder(C, dt, -1, t);
        SDVariable fake = sd.placeHolder(X_FAKE, dt, -1, f);
        SDVariable alphaD = sd.placeHolder(ALPHA_D, dt, -1, 1);
        SDVariable alphaD2 = sd.placeHolder(ALPHA_D2, dt, -1, 1);
        int h = s.criticHidden();
        CriticLayers d =
                new CriticLayers(
                        p.normalWeight(D_ARRAYS[0], f, h, CRITIC_INIT_STD),
                        p.normalWeight(D_ARRAYS[1], t, h, CRITIC_INIT_STD),
                        p.zeroBias(D_ARRAYS[2], h),
                        p.normalWeight(D_ARRAYS[3], h, 1, CRITIC_INIT_STD),
                        p.zeroBias(D_ARRAYS[4], 1));
        CriticLayers d2 =
                new CriticLayers(
                        p.normalWeight("D2.w1x", f, h, CRITIC_INIT_STD),
                        null,
                        p.zeroBias("D2.b1", h),
                        p.normalWeight("D2.w2", h, 1, CRITIC_INIT_STD),
                        p.zeroBias("D2.b2", 1));
        double lambda = s.gpLambda();
        SDVariable lossD = d.loss(sd, x, fake, alphaD, c, lambda, D_WASSERSTEIN, D_PENALTY);
        SDVariable lossD2 = d2.loss(sd, x, fake, alphaD2, null, lambda, D2_WASSERSTEIN, D2_PENALTY);
        lossD.add(lossD2.mul(s.udWeight())).rename(CRITIC_LOSS);
        sd.setLossVariables(CRITIC_LOSS);
    }

    private void buildGenerator(int f, int t, FvaeganSettings s, DataType dt) {
        SameDiff sd = generator;
        ParameterStore p = generatorParams;
        int latent = s.latentDim();
        SDVariable x = sd.placeHolder(X, dt, -1, f);
        SDVariable c = sd.placeHolder(C, dt, -1, t);
        SDVariable z = sd.placeHolder(Z, dt, -1, latent);
        SDVariable eps = sd.placeHolder(EPS, dt, -1, latent);
        int h = s.criticHidden();
        CriticLayers d =
                new CriticLayers(
                        sd.placeHolder(D_ARRAYS[0], dt, f, h),
                        sd.placeHolder(D_ARRAYS[1], dt, t, h),
                        sd.placeHolder(D_ARRAYS[2], dt, h),
                        sd.placeHolder(D_ARRAYS[3], dt, h, 1),
                        sd.placeHolder(D_ARRAYS[4], dt, 1));
        // G ("Decoder"): [z ‖ c] → Linear → ReLU → Linear → sigmoid; its logits are kept so that
        // the BCE's logs are log-sigmoids (finite where the sigmoid rounds to 0 or 1).
        int gIn = latent + t;
        int gh = s.decoderHidden();
        SDVariable gw1 = p.linearWeight("G.w1", gIn, gh);
        SDVariable gb1 = p.linearBias("G.b1", gIn, gh);
        SDVariable gw2 = p.linearWeight("G.w2", gh, f);
        SDVariable gb2 = p.linearBias("G.b2", gh, f);
        // E: [x ‖ c] → Linear → ReLU, then μ and log σ² by two Linear layers.
        int eIn = f + t;
        int eh = s.encoderHidden();
        SDVariable ew1 = p.linearWeight("E.w1", eIn, eh);
        SDVariable eb1 = p.linearBias("E.b1", eIn, eh);
        SDVariable muW = p.linearWeight("E.mu.w", eh, latent);
        SDVariable muB = p.linearBias("E.mu.b", eh, latent);
        SDVariable lvW = p.linearWeight("E.logvar.w", eh, latent);
        SDVariable lvB = p.linearBias("E.logvar.b", eh, latent);

        SDVariable eHidden = sd.nn.relu(GraphLayers.linear(sd, sd.concat(1, x, c), ew1, eb1), 0);
        SDVariable mu = GraphLayers.linear(sd, eHidden, muW, muB);
        SDVariable logVar = GraphLayers.linear(sd, eHidden, lvW, lvB);
        SDVariable zEnc = mu.add(sd.math.exp(logVar.mul(0.5)).mul(eps));

        SDVariable recLogits = generatorLogits(sd, zEnc, c, gw1, gb1, gw2, gb2);
        SDVariable reconstructed = sd.nn.sigmoid(recLogits);
        SDVariable generated =
                sd.nn.sigmoid(generatorLogits(sd, z, c, gw1, gb1, gw2, gb2)).rename(GENERATED);

        // BCE summed: −[x·max(log x_r, −100) + (1−x)·max(log(1−x_r), −100)], log σ(u) =
        // −softplus(−u).
        SDVariable logR = clampLog(sd.nn.softplus(recLogits.neg()).neg());
        SDVariable log1mR = clampLog(sd.nn.softplus(recLogits).neg());
        SDVariable bce = x.mul(logR).add(x.rsub(1.0).mul(log1mR)).sum().neg().rename(BCE);
        SDVariable kl =
                logVar.add(1.0)
                        .sub(sd.math.square(mu))
                        .sub(sd.math.exp(logVar))
                        .sum()
                        .mul(-0.5)
                        .rename(KL);
        SDVariable gCost =
                d.score(sd, reconstructed, c)
                        .mean()
                        .add(d.score(sd, generated, c).mean())
                        .neg()
                        .rename(G_COST);
        gCost.mul(s.ganWeight()).add(bce.add(kl).mul(s.vaeWeight())).rename(GENERATOR_LOSS);
        sd.setLossVariables(GENERATOR_LOSS);
    }

    private static SDVariable generatorLogits(
            SameDiff sd,
            SDVariable z,
            SDVariable c,
            SDVariable w1,
            SDVariable b1,
            SDVariable w2,
            SDVariable b2) {
        SDVariable hidden = sd.nn.relu(GraphLayers.linear(sd, sd.concat(1, z, c), w1, b1), 0);
        return GraphLayers.linear(sd, hidden, w2, b2);
    }

    /** max(v, −100), as relu(v + 100) − 100. */
    private static SDVariable clampLog(SDVariable v) {
        return v.getSameDiff().nn.relu(v.sub(LOG_CLAMP), 0).add(LOG_CLAMP);
    }
}
