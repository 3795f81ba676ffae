package org.avca4j.trainer.model;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The EmbeddingNet of TCaF and ClipClap-GZSL (SUCCESSORS-SPEC §0): with a hidden layer, Linear →
 * BatchNorm → ReLU → Dropout → Linear → BatchNorm → ReLU → Dropout; without one, Linear → BatchNorm
 * → ReLU → Dropout. Every BatchNorm has momentum 0.1; outputs are post-ReLU. Every training call is
 * its own BatchNorm batch, recorded in the graph's training pass.
 */
public final class SuccessorEmbeddingNet {

    private final MethodGraph graph;
    private final double dropout;
    private final MethodGraph.Dense fc1;
    private final MethodGraph.Norm bn1;
    private final MethodGraph.Dense fc2;
    private final MethodGraph.Norm bn2;
    private final int width1;
    private final int out;

    /**
     * @param name prefix of the arrays ("name.fc1.W", "name.bn1.gamma", …)
     * @param hidden width of the hidden layer, or 0 for none
     * @param dropout dropout after each ReLU, in [0, 1)
     * @throws IllegalArgumentException if a width is not positive or the dropout is out of range
     */
    public SuccessorEmbeddingNet(
            MethodGraph graph, String name, int in, int hidden, int out, double dropout) {
        if (in < 1 || out < 1 || hidden < 0) {
            throw new IllegalArgumentException(
                    name + ": widths in/hidden/out " + in + "/" + hidden + "/" + out);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException(name + ": dropout must be in [0,1), got " + dropout);
        }
        this.graph = graph;
        this.dropout = dropout;
        this.out = out;
        this.width1 = hidden > 0 ? hidden : out;
        this.fc1 = graph.dense(name + ".fc1", in, width1);
        this.bn1 = graph.norm(name + ".bn1", width1);
        this.fc2 = hidden > 0 ? graph.dense(name + ".fc2", hidden, out) : null;
        this.bn2 = hidden > 0 ? graph.norm(name + ".bn2", out) : null;
    }

    /** A training-mode call over the batch's rows. */
    public SDVariable train(SDVariable x) {
        SDVariable h = drop(relu(bn1.train(fc1.apply(x))), width1, 0);
        return fc2 == null ? h : drop(relu(bn2.train(fc2.apply(h))), out, 0);
    }

    /** A training-mode call over a fixed number of rows (e.g. every training class's text). */
    public SDVariable trainRows(SDVariable x, int rows) {
        SDVariable h = drop(relu(bn1.train(fc1.apply(x), rows)), width1, rows);
        return fc2 == null ? h : drop(relu(bn2.train(fc2.apply(h), rows)), out, rows);
    }

    /** An inference-mode call: running statistics, no dropout. */
    public SDVariable infer(SDVariable x) {
        SDVariable h = relu(bn1.infer(fc1.apply(x)));
        return fc2 == null ? h : relu(bn2.infer(fc2.apply(h)));
    }

    private SDVariable drop(SDVariable x, int width, int fixedRows) {
        if (dropout == 0) {
            return x;
        }
        return GraphLayers.dropout(
                x,
                fixedRows > 0
                        ? graph.pass().fixedMask(fixedRows, width, dropout)
                        : graph.pass().mask(1, width, dropout));
    }

    private SDVariable relu(SDVariable x) {
        return graph.sameDiff().nn.relu(x, 0);
    }
}
