package org.avca4j.trainer.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One BatchNorm layer: its trained scale and shift and its running statistics, which are kept
 * outside the gradient and updated from each training call's batch statistics as PyTorch does.
 */
final class BatchNormLayer {

    private final String name;
    private final int width;
    private final double momentum;
    private final SDVariable gamma;
    private final SDVariable beta;
    private final SDVariable runningMean;
    private final SDVariable runningVar;
    private final INDArray runningMeanArr;
    private final INDArray runningVarArr;

    BatchNormLayer(ParameterStore store, String name, int width, double momentum) {
        this.name = name;
        this.width = width;
        this.momentum = momentum;
        this.gamma = store.scale(name + ".gamma", width);
        this.beta = store.shift(name + ".beta", width);
        this.runningMean = store.constantState(name + ".mean", width, 0.0);
        this.runningVar = store.constantState(name + ".var", width, 1.0);
        this.runningMeanArr = store.array(name + ".mean");
        this.runningVarArr = store.array(name + ".var");
    }

    String name() {
        return name;
    }

    double momentum() {
        return momentum;
    }

    /** Training mode: records the call's statistics in the pass. */
    SDVariable train(SameDiff sd, SDVariable x, PassPlan pass) {
        return train(sd, x, pass, 0);
    }

    /** Training mode over a fixed number of rows (0: the batch's clips). */
    SDVariable train(SameDiff sd, SDVariable x, PassPlan pass, int fixedRows) {
        GraphLayers.BatchNormResult r = GraphLayers.batchNormTrain(sd, x, gamma, beta);
        pass.record(this, r, width, fixedRows);
        return r.output();
    }

    /** Training mode over {@code rowsPerClip} rows of each clip of the batch. */
    SDVariable trainPerClip(SameDiff sd, SDVariable x, PassPlan pass, int rowsPerClip) {
        GraphLayers.BatchNormResult r = GraphLayers.batchNormTrain(sd, x, gamma, beta);
        pass.recordPerClip(this, r, width, rowsPerClip);
        return r.output();
    }

    /**
     * Training mode with row weights {@code [rows, 1]} (0 leaves a row out of the statistics); the
     * call's row count is the weights' sum.
     */
    SDVariable trainWeighted(SameDiff sd, SDVariable x, PassPlan pass, SDVariable rowWeights) {
        GraphLayers.BatchNormResult r =
                GraphLayers.batchNormTrainWeighted(sd, x, rowWeights, gamma, beta);
        pass.recordCounted(this, r, width);
        return r.output();
    }

    /** Inference mode: normalises with the running statistics. */
    SDVariable infer(SameDiff sd, SDVariable x) {
        return GraphLayers.batchNormInfer(sd, x, gamma, beta, runningMean, runningVar);
    }

    /**
     * {@code running = (1−momentum)·running + momentum·batch}, with the batch variance made
     * unbiased ({@code ·n/(n−1)}) as PyTorch does.
     */
    void updateRunningStatistics(INDArray batchMean, INDArray biasedBatchVar, long n) {
        RunningAverages.update(runningMeanArr, batchMean, momentum, 1.0);
        RunningAverages.update(runningVarArr, biasedBatchVar, momentum, n / (double) (n - 1));
    }
}
