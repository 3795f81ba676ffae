package org.avca4j.trainer.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseBroadcastOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Forward and hand-derived backward of the layers of {@link GraphLayers} on plain ND4J arrays, for
 * {@link FusedAvcaNetwork}: each normalisation's gradient is one fused expression, each product one
 * gemm that accumulates straight into the parameter's gradient. Arrays are {@code [rows, width]}.
 */
final class FusedLayers {

    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    /** Columns of ones, one per (row count, type): the left operand of {@link #columnSums}. */
    private static final Map<String, INDArray> ONES = new ConcurrentHashMap<>();

    private FusedLayers() {}

    /**
     * {@code into ← beta·into + scale·Σ_rows x} for {@code x} of {@code [rows, width]} and {@code
     * into} of {@code width} elements ({@code 'c'}-contiguous, as every parameter, gradient and
     * fresh array here is), as one gemm with a column of ones. ND4J's reduction over dimension 0 of
     * a {@code 'c'}-ordered array walks it column by column: 210–270 µs for {@code [256, 512]}
     * floats against 57 µs for the gemm.
     *
     * @return {@code into}
     */
    static INDArray columnSums(INDArray x, double scale, INDArray into, double beta) {
        if (into.length() != x.columns() || into.elementWiseStride() != 1) {
            // a reshape of anything else could copy, and the result would silently be lost
            throw new IllegalStateException(
                    "columnSums needs a contiguous target of "
                            + x.columns()
                            + " elements, got shape "
                            + java.util.Arrays.toString(into.shape()));
        }
        INDArray row = into.reshape(1, x.columns());
        Nd4j.gemm(onesColumn(x.rows(), x.dataType()), x, row, true, false, scale, beta);
        return into;
    }

    /** The column sums of {@code x} times {@code scale}, as a new array of {@code width}. */
    static INDArray columnSums(INDArray x, double scale) {
        return columnSums(
                x, scale, Nd4j.createUninitialized(x.dataType(), new long[] {x.columns()}), 0.0);
    }

    private static INDArray onesColumn(long rows, DataType type) {
        return ONES.computeIfAbsent(
                rows + "/" + type,
                k -> {
                    try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                        return Nd4j.ones(type, rows, 1);
                    }
                });
    }

    /**
     * {@code op(a)·op(b)} into a new {@code 'c'}-ordered array ({@code op} transposes when asked).
     * ND4J's own {@code mmul} and {@code gemm} return {@code 'f'}-ordered results, and every
     * element-wise operation that then mixes them with the {@code 'c'}-ordered parameters, masks
     * and gradients takes ND4J's slow index-by-index path.
     */
    static INDArray product(INDArray a, INDArray b, boolean transposeA, boolean transposeB) {
        long rows = transposeA ? a.columns() : a.rows();
        long cols = transposeB ? b.rows() : b.columns();
        INDArray c = Nd4j.createUninitialized(a.dataType(), new long[] {rows, cols}, 'c');
        return Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, 0.0);
    }

    /** {@code x·W + b}. */
    static INDArray linear(INDArray x, INDArray w, INDArray b) {
        INDArray y = product(x, w, false, false);
        return b == null ? y : y.addiRowVector(b);
    }

    /**
     * The backward of {@link #linear}: {@code dW += xᵀ·dy}, {@code db += Σ dy}.
     *
     * @return {@code dy·Wᵀ}, or null when {@code inputGradient} is false
     */
    static INDArray linearBackward(
            INDArray x, INDArray dy, INDArray w, INDArray dw, INDArray db, boolean inputGradient) {
        Nd4j.gemm(x, dy, dw, true, false, 1.0, 1.0);
        if (db != null) {
            columnSums(dy, 1.0, db, 1.0);
        }
        return inputGradient ? product(dy, w, false, true) : null;
    }

    /** What the backward of a normalisation needs from its forward. */
    record Norm(INDArray normed, INDArray scale) {}

    /** A training-mode BatchNorm call: its output, its statistics and its backward cache. */
    record BatchNorm(INDArray output, INDArray mean, INDArray biasedVar, Norm cache) {}

    /**
     * Training-mode BatchNorm over the rows (batch mean, biased batch variance) of {@code x + b},
     * given {@code x} (a product, overwritten with the normalised values) and the Linear bias
     * {@code b} (may be null): the bias only shifts the batch mean, which the normalisation
     * subtracts, so it is added to the recorded mean instead of to every row.
     */
    static BatchNorm batchNorm(INDArray x, INDArray b, INDArray gamma, INDArray beta) {
        long n = x.rows();
        INDArray mean = columnSums(x, 1.0 / n);
        INDArray centred = x.subiRowVector(mean);
        INDArray var = columnSums(centred.mul(centred), 1.0 / n);
        INDArray rstd = Transforms.sqrt(var.add(GraphLayers.NORM_EPS), false).rdivi(1.0);
        INDArray normed = centred.muliRowVector(rstd);
        INDArray y = broadcast(new BroadcastMulOp(normed, gamma, normed.ulike(), 1));
        y.addiRowVector(beta);
        return new BatchNorm(
                y, b == null ? mean : mean.addi(b), var, new Norm(normed, rstd.muli(gamma)));
    }

    /**
     * The backward of {@link #batchNorm}: {@code dγ += Σ dy·x̂}, {@code dβ += Σ dy}, and {@code dx
     * = γ/σ · (dy − mean(dy) − x̂·mean(dy·x̂))} over the rows.
     */
    static INDArray batchNormBackward(Norm c, INDArray dy, INDArray dGamma, INDArray dBeta) {
        long n = dy.rows();
        INDArray dyNormed = columnSums(dy.mul(c.normed()), 1.0);
        INDArray dySum = columnSums(dy, 1.0);
        dGamma.addi(dyNormed);
        dBeta.addi(dySum);
        INDArray dx =
                broadcast(new BroadcastMulOp(c.normed(), dyNormed.divi(n), c.normed().ulike(), 1));
        return dx.rsubi(dy).subiRowVector(dySum.divi(n)).muliRowVector(c.scale());
    }

    /** Runs a broadcast op and returns its output (an array it was given). */
    private static INDArray broadcast(BaseBroadcastOp op) {
        Nd4j.exec(op);
        return op.z();
    }

    /** Inference-mode BatchNorm with running statistics. */
    static INDArray batchNormInfer(
            INDArray x, INDArray gamma, INDArray beta, INDArray runningMean, INDArray runningVar) {
        INDArray scale =
                Transforms.sqrt(runningVar.add(GraphLayers.NORM_EPS), false).rdivi(1.0).muli(gamma);
        INDArray shift = beta.sub(runningMean.mul(scale));
        return x.mulRowVector(scale).addiRowVector(shift);
    }

    /** A LayerNorm call's output and backward cache. */
    record LayerNorm(INDArray output, Norm cache) {}

    /** LayerNorm over each row; the cache's scale is the column {@code 1/σ} of each row. */
    static LayerNorm layerNorm(INDArray x, INDArray gamma, INDArray beta) {
        long n = x.rows();
        INDArray mean = x.mean(1).reshape(n, 1);
        INDArray centred = broadcast(new BroadcastSubOp(x, mean, x.ulike(), 0));
        INDArray var = centred.mul(centred).mean(1).reshape(n, 1);
        INDArray rstd = Transforms.sqrt(var.addi(GraphLayers.NORM_EPS), false).rdivi(1.0);
        INDArray normed = centred.muliColumnVector(rstd);
        INDArray y = broadcast(new BroadcastMulOp(normed, gamma, normed.ulike(), 1));
        return new LayerNorm(y.addiRowVector(beta), new Norm(normed, rstd));
    }

    /**
     * The backward of {@link #layerNorm}: {@code dγ += Σ dy·x̂}, {@code dβ += Σ dy}, and with
     * {@code g = dy·γ}, {@code dx = (g − mean(g) − x̂·mean(g·x̂)) / σ} per row.
     */
    static INDArray layerNormBackward(
            Norm c, INDArray dy, INDArray gamma, INDArray dGamma, INDArray dBeta) {
        long n = dy.rows();
        columnSums(dy.mul(c.normed()), 1.0, dGamma, 1.0);
        columnSums(dy, 1.0, dBeta, 1.0);
        INDArray g = broadcast(new BroadcastMulOp(dy, gamma, dy.ulike(), 1));
        INDArray gMean = g.mean(1).reshape(n, 1);
        INDArray gnMean = g.mul(c.normed()).mean(1).reshape(n, 1);
        return g.subiColumnVector(gMean)
                .subi(broadcast(new BroadcastMulOp(c.normed(), gnMean, c.normed().ulike(), 0)))
                .muliColumnVector(c.scale());
    }

    /**
     * The gate of ReLU followed by dropout: {@code 1[x>0]·mask} (mask may be null), so that the
     * output is {@code x·gate} and the backward {@code dy·gate}.
     */
    static INDArray reluGate(INDArray x, INDArray mask) {
        INDArray gate = x.ulike();
        Nd4j.exec(new Step(x, gate, 0.0));
        return mask == null ? gate : gate.muli(mask);
    }

    /** Exact GELU's value and derivative at {@code x}: {@code [gelu(x), gelu'(x)]}. */
    static INDArray[] gelu(INDArray x) {
        INDArray cdf = x.mul(INV_SQRT2);
        Nd4j.exec(new Erf(cdf, cdf));
        cdf.addi(1.0).muli(0.5);
        INDArray density = Transforms.exp(x.mul(x).muli(-0.5), false).muli(INV_SQRT_2PI);
        INDArray derivative = density.muli(x).addi(cdf);
        return new INDArray[] {x.mul(cdf), derivative};
    }
}
