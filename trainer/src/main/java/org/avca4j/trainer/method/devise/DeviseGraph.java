package org.avca4j.trainer.method.devise;

import java.util.Map;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.SingleEmbeddingGraph;
import org.avca4j.trainer.model.GraphLayers;
import org.avca4j.trainer.model.PassPlan;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bilinear model and its three losses (docs/baselines.md#devise-family): {@code x̃ =
 * Dropout(x)}, {@code T̃ = Dropout(E_train)} (one mask for the whole batch), {@code e = x̃·W} with
 * W {@code [D, 300]} from U(±1/√D) and no bias, scores {@code s = e·T̃ᵀ}, hinge costs {@code
 * cost_ic = max(0, m + s_ic − s_iy)} for c ≠ y and 0 for c = y, nothing detached.
 */
final class DeviseGraph {

    /** The weight of e(x). */
    static final String WEIGHT = "W";

    /** The constant added to the violation count in ALE's rank weight. */
    static final double RANK_EPS = 1e-8;

    private DeviseGraph() {}

    static SingleEmbeddingGraph build(
            MethodContext context, DeviseSettings settings, DataType dataType) {
        SingleEmbeddingGraph g = new SingleEmbeddingGraph(context, dataType);
        SameDiff sd = g.sameDiff();
        PassPlan pass = g.pass();
        int d = g.inputDim();
        int classes = context.trainClassCount();
        SDVariable w = g.store().linearWeight(WEIGHT, d, context.textDim());
        SDVariable x = GraphLayers.dropout(g.input(), pass.mask(1, d, settings.dropout()));
        SDVariable text =
                GraphLayers.dropout(
                        g.classText(),
                        pass.fixedMask(classes, context.textDim(), settings.dropout()));
        SDVariable scores = sd.mmul(sd.mmul(x, w), text, false, true, false);
        SDVariable own = scores.mul(g.labels()).sum(true, 1);
        SDVariable cost =
                sd.nn.relu(scores.sub(own).add(settings.effectiveMargin()), 0)
                        .mul(g.labels().rsub(1.0));
        SDVariable loss =
                switch (settings.loss()) {
                    case DEVISE -> cost.sum(1).mean();
                    case SJE -> cost.max(1).mean();
                    case ALE ->
                            aleWeight(sd, cost, classes, dataType).mul(cost.sum(true, 1)).mean();
                };
        g.setLoss(loss, Map.of());
        g.setEmbedding(WEIGHT);
        return g;
    }

    /**
     * ALE's rank weight {@code H(r)/(r + 1e-8)} per clip {@code [B, 1]}, with {@code r} the number
     * of positive costs and {@code H(r) = Σ_{k≤r} 1/k}. Both are written with {@code sign}, whose
     * gradient is zero, so the weight is a constant of the gradient as in the reference: {@code r =
     * Σ_c sign(cost_ic)} (costs are ≥ 0) and {@code H(r) = Σ_k [k ≤ r]/k} with {@code [k ≤ r] =
     * (sign(r − k + ½) + 1)/2}.
     */
    private static SDVariable aleWeight(
            SameDiff sd, SDVariable cost, int classes, DataType dataType) {
        SDVariable r = sd.math.sign(cost).sum(true, 1);
        int kMax = Math.max(classes, 1);
        double[] k = new double[kMax];
        double[] inverse = new double[kMax];
        for (int i = 0; i < kMax; i++) {
            k[i] = i + 1 - 0.5;
            inverse[i] = 1.0 / (i + 1);
        }
        SDVariable ks = sd.constant(Nd4j.createFromArray(k).reshape(1, kMax).castTo(dataType));
        SDVariable inv =
                sd.constant(Nd4j.createFromArray(inverse).reshape(1, kMax).castTo(dataType));
        SDVariable atMostR = sd.math.sign(r.sub(ks)).add(1.0).mul(0.5);
        SDVariable harmonic = atMostR.mul(inv).sum(true, 1);
        return harmonic.div(r.add(RANK_EPS));
    }
}
