package org.avca4j.trainer.model;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One {@link EmbeddingBlock} (Linear → BatchNorm → ReLU → Dropout, once or twice) on plain ND4J
 * arrays with its hand-derived backward, for {@link FusedAvcaNetwork}. Training calls record their
 * BatchNorm statistics in a {@link BatchNormLog} and draw their masks from a {@link MaskSource} in
 * the order of the SameDiff graph.
 */
final class FusedBlock {

    /** The forward cache of one training call. */
    static final class Call {
        private final INDArray input;
        private FusedLayers.Norm norm1;
        private INDArray gate1;
        private INDArray hidden;
        private FusedLayers.Norm norm2;
        private INDArray gate2;
        private INDArray output;

        private Call(INDArray input) {
            this.input = input;
        }

        /** The call's output (after the last ReLU and dropout). */
        INDArray output() {
            return output;
        }
    }

    private final EmbeddingBlock block;
    private final Layer first;
    private final Layer second;

    /** One Linear → BatchNorm layer's arrays and gradients. */
    private record Layer(
            INDArray w,
            INDArray b,
            INDArray gamma,
            INDArray beta,
            INDArray dw,
            INDArray db,
            INDArray dGamma,
            INDArray dBeta,
            BatchNormLayer bn) {

        static Layer of(
                ParameterStore store, Map<String, INDArray> grads, String fc, BatchNormLayer bn) {
            String g = bn.name() + ".gamma";
            String be = bn.name() + ".beta";
            return new Layer(
                    store.array(fc + ".W"),
                    store.array(fc + ".b"),
                    store.array(g),
                    store.array(be),
                    grads.get(fc + ".W"),
                    grads.get(fc + ".b"),
                    grads.get(g),
                    grads.get(be),
                    bn);
        }

        FusedLayers.BatchNorm train(INDArray x, BatchNormLog log) {
            FusedLayers.BatchNorm r =
                    FusedLayers.batchNorm(FusedLayers.product(x, w, false, false), b, gamma, beta);
            log.record(bn, r, x.rows());
            return r;
        }

        INDArray backward(INDArray x, FusedLayers.Norm norm, INDArray dy, boolean inputGradient) {
            INDArray dh = FusedLayers.batchNormBackward(norm, dy, dGamma, dBeta);
            return FusedLayers.linearBackward(x, dh, w, dw, db, inputGradient);
        }

        INDArray infer(INDArray x, ParameterStore store) {
            return FusedLayers.batchNormInfer(
                    FusedLayers.linear(x, w, b),
                    gamma,
                    beta,
                    store.array(bn.name() + ".mean"),
                    store.array(bn.name() + ".var"));
        }
    }

    private final ParameterStore store;

    FusedBlock(EmbeddingBlock block, ParameterStore store, Map<String, INDArray> grads) {
        this.block = block;
        this.store = store;
        this.first = Layer.of(store, grads, block.name() + ".fc1", block.bn1());
        this.second =
                block.bn2() == null
                        ? null
                        : Layer.of(store, grads, block.name() + ".fc2", block.bn2());
    }

    /**
     * A training-mode call, as {@link EmbeddingBlock#train}.
     *
     * @param outputUsed false for calls kept only for their statistics: no last ReLU and dropout
     *     (and no mask drawn for them), no cache for a backward
     */
    Call train(INDArray x, MaskSource masks, BatchNormLog log, boolean outputUsed) {
        Call c = new Call(x);
        FusedLayers.BatchNorm r = first.train(x, log);
        boolean last = second == null;
        if (last && !outputUsed) {
            return c;
        }
        c.norm1 = r.cache();
        int width1 = last ? block.out() : block.hidden();
        c.gate1 = FusedLayers.reluGate(r.output(), masks.next(x.rows(), width1, block.dropout()));
        INDArray h = r.output().muli(c.gate1);
        if (last) {
            c.output = h;
            return c;
        }
        c.hidden = h;
        r = second.train(h, log);
        if (!outputUsed) {
            return c;
        }
        c.norm2 = r.cache();
        c.gate2 =
                FusedLayers.reluGate(
                        r.output(), masks.next(x.rows(), block.out(), block.dropout()));
        c.output = r.output().muli(c.gate2);
        return c;
    }

    /**
     * Accumulates the parameters' gradients of a call whose output has gradient {@code dOut}.
     *
     * @return the input's gradient, or null when {@code inputGradient} is false
     */
    INDArray backward(Call c, INDArray dOut, boolean inputGradient) {
        if (second == null) {
            return first.backward(c.input, c.norm1, dOut.mul(c.gate1), inputGradient);
        }
        INDArray dh = second.backward(c.hidden, c.norm2, dOut.mul(c.gate2), true);
        return first.backward(c.input, c.norm1, dh.muli(c.gate1), inputGradient);
    }

    /** An inference-mode call: running statistics, no dropout. */
    INDArray infer(INDArray x) {
        INDArray h = first.infer(x, store);
        Transforms.relu(h, false);
        if (second == null) {
            return h;
        }
        h = second.infer(h, store);
        return Transforms.relu(h, false);
    }
}
