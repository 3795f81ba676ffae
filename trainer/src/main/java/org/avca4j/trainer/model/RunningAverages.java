package org.avca4j.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The exponential moving average of PyTorch's BatchNorm, in place. */
final class RunningAverages {

    private RunningAverages() {}

    /** {@code running = (1−momentum)·running + momentum·factor·batch}, in place. */
    static void update(INDArray running, INDArray batch, double momentum, double factor) {
        running.muli(1.0 - momentum);
        Nd4j.getBlasWrapper()
                .level1()
                .axpy(
                        running.length(),
                        momentum * factor,
                        batch.castTo(running.dataType()),
                        running);
    }
}
