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
 * @param networkSha256 the SHA-256 digest (hex) of the network's checkpoint file of this epoch;
 *     null in files of format 1, written before checkpoints carried digests
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
        RunSpec spec,
        String networkSha256) {

    /** The current layout: with the network file's digest, and the file's own ({@code sha256}). */
    static final int FORMAT = 2;

    /** The first layout, without digests; still read (with a warning). */
    static final int FORMAT_WITHOUT_DIGESTS = 1;

    CheckpointState {
        history = List.copyOf(history);
    }

    /** This state recording the digest of its network file. */
    CheckpointState withNetworkSha256(String digest) {
        return new CheckpointState(
                format, stage, epoch, scheduler, bestEpoch, bestHm, bestBeta, history, spec,
                digest);
    }
}
