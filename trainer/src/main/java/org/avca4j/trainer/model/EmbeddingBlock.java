package org.avca4j.trainer.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The reference's EmbeddingNet (docs/method.md#model): Linear → BatchNorm → ReLU → Dropout, twice
 * when the block has a hidden layer (the first BatchNorm with momentum 0.1, the second with m),
 * once otherwise (momentum 0.1, m ignored).
 */
final class EmbeddingBlock {

    /**
     * PyTorch's BatchNorm1d default momentum, used wherever docs/method.md#model does not say m.
     */
    static final double DEFAULT_MOMENTUM = 0.1;

    private final String name;
    private final int hidden;
    private final int out;
    private final double dropout;
    private final SDVariable fc1W;
    private final SDVariable fc1b;
    private final BatchNormLayer bn1;
    private final SDVariable fc2W;
    private final SDVariable fc2b;
    private final BatchNormLayer bn2;

    /**
     * @param hidden hidden width, or 0 for a block without a hidden layer
     */
    EmbeddingBlock(
            ParameterStore store,
            String name,
            int in,
            int hidden,
            int out,
            double dropout,
            double momentum) {
        this.name = name;
        this.hidden = hidden;
        this.out = out;
        this.dropout = dropout;
        int first = hidden > 0 ? hidden : out;
        this.fc1W = store.linearWeight(name + ".fc1.W", in, first);
        this.fc1b = store.linearBias(name + ".fc1.b", in, first);
        this.bn1 = new BatchNormLayer(store, name + ".bn1", first, DEFAULT_MOMENTUM);
        if (hidden > 0) {
            this.fc2W = store.linearWeight(name + ".fc2.W", hidden, out);
            this.fc2b = store.linearBias(name + ".fc2.b", hidden, out);
            this.bn2 = new BatchNormLayer(store, name + ".bn2", out, momentum);
        } else {
            this.fc2W = null;
            this.fc2b = null;
            this.bn2 = null;
        }
    }

    String name() {
        return name;
    }

    /** Hidden width, 0 for a block without a hidden layer. */
    int hidden() {
        return hidden;
    }

    /** Output width. */
    int out() {
        return out;
    }

    /** The dropout probability after each ReLU. */
    double dropout() {
        return dropout;
    }

    /** The first BatchNorm. */
    BatchNormLayer bn1() {
        return bn1;
    }

    /** The second BatchNorm, or null for a block without a hidden layer. */
    BatchNormLayer bn2() {
        return bn2;
    }

    /**
     * A training-mode call: one BatchNorm batch per layer, recorded in {@code pass}.
     *
     * @param outputUsed false for calls kept only for their statistics; their last ReLU and
     *     dropout, which no statistic depends on, are left out
     */
    SDVariable train(SameDiff sd, SDVariable x, PassPlan pass, boolean outputUsed) {
        SDVariable h = bn1.train(sd, GraphLayers.linear(sd, x, fc1W, fc1b), pass);
        if (bn2 == null) {
            return outputUsed ? reluDropout(sd, h, pass, out) : h;
        }
        h = reluDropout(sd, h, pass, hidden);
        h = bn2.train(sd, GraphLayers.linear(sd, h, fc2W, fc2b), pass);
        return outputUsed ? reluDropout(sd, h, pass, out) : h;
    }

    /** An inference-mode call: running statistics, no dropout. */
    SDVariable infer(SameDiff sd, SDVariable x) {
        SDVariable h = sd.nn.relu(bn1.infer(sd, GraphLayers.linear(sd, x, fc1W, fc1b)), 0);
        if (bn2 == null) {
            return h;
        }
        return sd.nn.relu(bn2.infer(sd, GraphLayers.linear(sd, h, fc2W, fc2b)), 0);
    }

    private SDVariable reluDropout(SameDiff sd, SDVariable x, PassPlan pass, int width) {
        return GraphLayers.dropout(sd.nn.relu(x, 0), pass.mask(1, width, dropout));
    }
}
