package org.avca4j.trainer.training;

import java.util.List;

/**
 * The outcome of training one stage.
 *
 * @param stage the stage
 * @param history one record per epoch, in order
 * @param bestEpoch E*: the 0-based epoch with the best validation HM (the first on ties)
 * @param bestHm its validation HM
 * @param bestBeta β*: the β of that epoch's best HM
 * @param finalLearningRate the learning rate the schedule would give a next epoch
 */
public record StageResult(
        Stage stage,
        List<EpochRecord> history,
        int bestEpoch,
        double bestHm,
        double bestBeta,
        double finalLearningRate) {

    public StageResult {
        history = List.copyOf(history);
    }

    /**
     * This result with every epoch's {@code seconds} set to 0: what two runs of the same seed agree
     * on.
     */
    public StageResult withoutTiming() {
        return new StageResult(
                stage,
                history.stream().map(EpochRecord::withoutTiming).toList(),
                bestEpoch,
                bestHm,
                bestBeta,
                finalLearningRate);
    }
}
