package org.avca4j.trainer.method.apn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.SingleEmbeddingGraph;
import org.avca4j.trainer.model.GraphLayers;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * APN on feature vectors (docs/baselines.md#apn): two bias-free maps {@code g = x·A} and {@code h =
 * x·P}, A and P {@code [D, 300]} drawn from 2e-4·U[0,1); the loss {@code CE(g) + MSE(g, w_y) +
 * CE(h) + MSE(h, w_y)} with the class probabilities {@code softmax(g·E_trainᵀ)}, and the
 * cross-entropy taken of those probabilities (a second softmax) as the reference does, or of the
 * scores with {@link ApnSettings#ceOnLogits}.
 */
final class ApnGraph {

    /** The weight of g, the inference embedding. */
    static final String ATTRIBUTES = "A";

    /** The weight of h (training only). */
    static final String PROTOTYPES = "P";

    /** The upper bound of both weights' initial values. */
    static final double INIT_SCALE = 2e-4;

    private ApnGraph() {}

    static SingleEmbeddingGraph build(
            MethodContext context, ApnSettings settings, DataType dataType) {
        SingleEmbeddingGraph g = new SingleEmbeddingGraph(context, dataType);
        SameDiff sd = g.sameDiff();
        int d = g.inputDim();
        int t = context.textDim();
        SDVariable a = g.store().uniformWeight(ATTRIBUTES, 0, INIT_SCALE, d, t);
        SDVariable p = g.store().uniformWeight(PROTOTYPES, 0, INIT_SCALE, d, t);
        SDVariable own = sd.mmul(g.labels(), g.classText());
        SDVariable gx = sd.mmul(g.input(), a);
        SDVariable hx = sd.mmul(g.input(), p);
        Map<String, SDVariable> terms = new LinkedHashMap<>();
        terms.put("ce_g", crossEntropy(sd, g, gx, settings.ceOnLogits()));
        terms.put("mse_g", GraphLayers.mse(sd, gx, own));
        terms.put("ce_h", crossEntropy(sd, g, hx, settings.ceOnLogits()));
        terms.put("mse_h", GraphLayers.mse(sd, hx, own));
        SDVariable total = null;
        for (SDVariable term : terms.values()) {
            total = total == null ? term : total.add(term);
        }
        g.setLoss(total, terms);
        g.setEmbedding(ATTRIBUTES);
        return g;
    }

    /**
     * The batch mean of {@code −log softmax(z)_y}, with z the probabilities {@code
     * softmax(e·E_trainᵀ)} (reference) or the scores {@code e·E_trainᵀ} themselves (fix).
     */
    private static SDVariable crossEntropy(
            SameDiff sd, SingleEmbeddingGraph g, SDVariable e, boolean onLogits) {
        SDVariable scores = sd.mmul(e, g.classText(), false, true, false);
        SDVariable z = onLogits ? scores : sd.math.exp(logSoftmax(sd, scores));
        return logSoftmax(sd, z).mul(g.labels()).sum(1).mean().neg();
    }

    /**
     * {@code z − max(z) − log Σ exp(z − max(z))} over each row, written out: ND4J 1.0.0-M2.1's
     * log-softmax op fails to build with an axis argument.
     */
    private static SDVariable logSoftmax(SameDiff sd, SDVariable z) {
        SDVariable shifted = z.sub(z.max(true, 1));
        return shifted.sub(sd.math.log(sd.math.exp(shifted).sum(true, 1)));
    }
}
