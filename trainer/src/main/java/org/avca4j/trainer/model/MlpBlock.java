package org.avca4j.trainer.model;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The comparison methods' embedding and decoder nets (docs/baselines.md): Linear → BatchNorm → ReLU
 * → Dropout → Linear, followed by the method's output step. Unlike AVCA's {@link EmbeddingBlock},
 * the second Linear has no BatchNorm and no dropout. Every training call is its own BatchNorm
 * batch.
 */
public final class MlpBlock {

    /** What follows the second Linear. */
    public enum Output {
        /** Nothing (AVGZSLNet's embedding nets). */
        LINEAR,
        /** A ReLU (CJME's embedding nets). */
        RELU,
        /** Row-wise {@code x / max(‖x‖₂, 1e-12)} (AVGZSLNet's decoder). */
        L2_NORMALIZED
    }

    private final MethodGraph graph;
    private final int hidden;
    private final double dropout;
    private final Output output;
    private final MethodGraph.Dense fc1;
    private final MethodGraph.Norm bn;
    private final MethodGraph.Dense fc2;

    MlpBlock(
            MethodGraph graph,
            String name,
            int in,
            int hidden,
            int out,
            double dropout,
            Output output) {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException(name + ": dropout must be in [0,1), got " + dropout);
        }
        this.graph = graph;
        this.hidden = hidden;
        this.dropout = dropout;
        this.output = output;
        this.fc1 = graph.dense(name + ".fc1", in, hidden);
        this.bn = graph.norm(name + ".bn1", hidden);
        this.fc2 = graph.dense(name + ".fc2", hidden, out);
    }

    /** A training-mode call over a batch of clips (or class embeddings of the batch). */
    public SDVariable train(SDVariable x) {
        SDVariable h = bn.train(fc1.apply(x));
        return finish(GraphLayers.dropout(relu(h), graph.pass().mask(1, hidden, dropout)));
    }

    /** A training-mode call over a fixed number of rows, e.g. every training class's embedding. */
    public SDVariable trainRows(SDVariable x, int rows) {
        SDVariable h = bn.train(fc1.apply(x), rows);
        return finish(GraphLayers.dropout(relu(h), graph.pass().fixedMask(rows, hidden, dropout)));
    }

    /**
     * A training-mode call whose output no loss uses (CJME's and AVGZSLNet's f_t(w⁻)): only its
     * BatchNorm statistics, which the reference updates all the same, are computed.
     */
    public void trainStatisticsOnly(SDVariable x) {
        bn.train(fc1.apply(x));
    }

    /** An inference-mode call: running statistics, no dropout. */
    public SDVariable infer(SDVariable x) {
        return finish(relu(bn.infer(fc1.apply(x))));
    }

    private SDVariable relu(SDVariable x) {
        return graph.sameDiff().nn.relu(x, 0);
    }

    private SDVariable finish(SDVariable h) {
        SDVariable y = fc2.apply(h);
        return switch (output) {
            case LINEAR -> y;
            case RELU -> relu(y);
            case L2_NORMALIZED -> GraphLayers.l2Normalize(graph.sameDiff(), y);
        };
    }
}
