package org.avca4j.trainer.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The differentiable building blocks of the AVCA graph, written from SameDiff ops whose gradients
 * are known to be correct in ND4J 1.0.0-M2.1 (its fused batch-norm has no working gradient, its
 * layer norm has no epsilon, its GELU is an approximation and its dropout has no gradient).
 */
public final class GraphLayers {

    /** PyTorch's BatchNorm1d and LayerNorm epsilon. */
    static final double NORM_EPS = 1e-5;

    /** The constant PyTorch's TripletMarginLoss adds to the difference before taking the norm. */
    static final double TRIPLET_EPS = 1e-6;

    /** The margin of the triplet terms. */
    static final double TRIPLET_MARGIN = 1.0;

    private GraphLayers() {}

    /** {@code x·W + b}; {@code b} may be null. */
    public static SDVariable linear(SameDiff sd, SDVariable x, SDVariable w, SDVariable b) {
        SDVariable y = sd.mmul(x, w);
        return b == null ? y : sd.nn.biasAdd(y, b, false);
    }

    /**
     * The batch statistics of a training-mode BatchNorm call and its output; {@code rows} is the
     * number of rows counted, {@code [1]}, where the call weighs its rows (else null).
     */
    record BatchNormResult(
            SDVariable output, SDVariable mean, SDVariable biasedVar, SDVariable rows) {

        BatchNormResult(SDVariable output, SDVariable mean, SDVariable biasedVar) {
            this(output, mean, biasedVar, null);
        }
    }

    /**
     * Training-mode BatchNorm over the rows of {@code x [n, c]}: normalises with the batch mean and
     * the biased batch variance.
     */
    static BatchNormResult batchNormTrain(
            SameDiff sd, SDVariable x, SDVariable gamma, SDVariable beta) {
        SDVariable mean = x.mean(0);
        SDVariable centred = sd.nn.biasAdd(x, mean.neg(), false);
        SDVariable var = sd.math.square(centred).mean(0);
        SDVariable scale = gamma.mul(sd.math.rsqrt(var.add(NORM_EPS)));
        SDVariable y = sd.nn.biasAdd(centred.mul(scale), beta, false);
        return new BatchNormResult(y, mean, var);
    }

    /**
     * Training-mode BatchNorm over the rows of {@code x [n, c]} weighted by {@code w [n, 1]}: mean
     * {@code Σ w·x / Σ w}, biased variance {@code Σ w·(x−mean)² / Σ w}; every row is normalised
     * with them. With 0/1 weights, the statistics of the rows weighted 1 alone.
     */
    static BatchNormResult batchNormTrainWeighted(
            SameDiff sd, SDVariable x, SDVariable w, SDVariable gamma, SDVariable beta) {
        SDVariable count = w.sum();
        SDVariable mean = x.mul(w).sum(0).div(count);
        SDVariable centred = sd.nn.biasAdd(x, mean.neg(), false);
        SDVariable var = sd.math.square(centred).mul(w).sum(0).div(count);
        SDVariable scale = gamma.mul(sd.math.rsqrt(var.add(NORM_EPS)));
        SDVariable y = sd.nn.biasAdd(centred.mul(scale), beta, false);
        return new BatchNormResult(y, mean, var, count.reshape(1));
    }

    /** Inference-mode BatchNorm with running statistics. */
    static SDVariable batchNormInfer(
            SameDiff sd,
            SDVariable x,
            SDVariable gamma,
            SDVariable beta,
            SDVariable runningMean,
            SDVariable runningVar) {
        SDVariable scale = gamma.mul(sd.math.rsqrt(runningVar.add(NORM_EPS)));
        SDVariable shift = beta.sub(runningMean.mul(scale));
        return sd.nn.biasAdd(x.mul(scale), shift, false);
    }

    /** LayerNorm over the last axis of {@code x [n, c]}. */
    public static SDVariable layerNorm(
            SameDiff sd, SDVariable x, SDVariable gamma, SDVariable beta) {
        SDVariable mean = x.mean(true, 1);
        SDVariable centred = x.sub(mean);
        SDVariable var = sd.math.square(centred).mean(true, 1);
        SDVariable normed = centred.mul(sd.math.rsqrt(var.add(NORM_EPS)));
        return sd.nn.biasAdd(normed.mul(gamma), beta, false);
    }

    /** Exact GELU: {@code 0.5·x·(1 + erf(x/√2))}. */
    public static SDVariable gelu(SameDiff sd, SDVariable x) {
        SDVariable cdf = sd.math.erf(x.mul(1.0 / Math.sqrt(2.0))).add(1.0);
        return x.mul(cdf).mul(0.5);
    }

    /** Inverted dropout with a mask of zeros and {@code 1/keep}; null mask means no dropout. */
    public static SDVariable dropout(SDVariable x, SDVariable mask) {
        return mask == null ? x : x.mul(mask);
    }

    /**
     * PyTorch's TripletMarginLoss (margin 1, p 2, mean): mean over rows of {@code max(0, ‖a−p+1e-6‖
     * − ‖a−n+1e-6‖ + 1)}.
     */
    static SDVariable triplet(
            SameDiff sd, SDVariable anchor, SDVariable positive, SDVariable negative) {
        return tripletPerRow(sd, anchor, positive, negative, TRIPLET_MARGIN).mean();
    }

    /**
     * The per-row triplet loss {@code max(0, ‖a−p+1e-6‖ − ‖a−n+1e-6‖ + margin)}, shape {@code [n]}:
     * PyTorch's TripletMarginLoss before its mean.
     */
    static SDVariable tripletPerRow(
            SameDiff sd,
            SDVariable anchor,
            SDVariable positive,
            SDVariable negative,
            double margin) {
        SDVariable dPos = anchor.sub(positive).add(TRIPLET_EPS).norm2(1);
        SDVariable dNeg = anchor.sub(negative).add(TRIPLET_EPS).norm2(1);
        return sd.nn.relu(dPos.sub(dNeg).add(margin), 0);
    }

    /** The smallest norm {@link #l2Normalize} divides by (PyTorch's F.normalize). */
    static final double NORMALIZE_EPS = 1e-12;

    /** {@code x / max(‖x‖₂, 1e-12)} per row of {@code x [n, c]}. */
    static SDVariable l2Normalize(SameDiff sd, SDVariable x) {
        SDVariable norm = x.norm2(true, 1);
        SDVariable clamped = sd.nn.relu(norm.sub(NORMALIZE_EPS), 0).add(NORMALIZE_EPS);
        return x.div(clamped);
    }

    /** Mean squared error over all elements. */
    public static SDVariable mse(SameDiff sd, SDVariable a, SDVariable b) {
        return sd.math.square(a.sub(b)).mean();
    }
}
