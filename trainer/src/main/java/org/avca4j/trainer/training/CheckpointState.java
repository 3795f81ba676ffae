package org.avca4j.trainer.training;

import java.util.List;

/**
 * The trainer's state after an epoch, written beside the network's checkpoint as {@code
 * checkpoint-epoch-NNN.json}. With the network's file it is everything a resumed run needs.
 *
 * @param format version of this layout
 * @param stage the stage
 * @param epoch the epoch just completed (0-based)
 * @param scheduler the learning-rate schedule after this epoch's step
 * @param bestEpoch the epoch with the best validation HM so far (the first on ties)
 * @param bestHm its HM
 * @param bestBeta its β
 * @param history the records of epochs 0..epoch
 * @param spec what the run was started with
 */
record CheckpointState(
        int format,
        Stage stage,
        int epoch,
        ReduceLrOnPlateau.State scheduler,
        int bestEpoch,
        double bestHm,
        double bestBeta,
        List<EpochRecord> history,
        RunSpec spec) {

    static final int FORMAT = 1;

    CheckpointState {
        history = List.copyOf(history);
    }
}
