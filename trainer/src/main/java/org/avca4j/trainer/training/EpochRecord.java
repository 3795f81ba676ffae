package org.avca4j.trainer.training;

import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.model.StepLosses;

/**
 * What one epoch did: the mean loss terms over its steps, the learning rate it trained with, and
 * its validation figures (fractions in [0, 1], as {@link GzslResult}). One line of {@code
 * metrics.jsonl}, with these names as keys.
 *
 * @param stage the stage
 * @param epoch 0-based epoch index
 * @param loss mean total loss
 * @param lossRec mean l_rec
 * @param lossCt mean l_ct
 * @param lossW mean l_w
 * @param lossT mean l_t
 * @param lossR mean l_r
 * @param lr the learning rate of this epoch's steps
 * @param valSeen validation S at the chosen β
 * @param valUnseen validation U at the chosen β
 * @param valHm validation HM at the chosen β
 * @param valZsl validation ZSL
 * @param beta the β with the best validation HM
 * @param seconds wall-clock seconds of training and validation
 */
public record EpochRecord(
        Stage stage,
        int epoch,
        double loss,
        double lossRec,
        double lossCt,
        double lossW,
        double lossT,
        double lossR,
        double lr,
        double valSeen,
        double valUnseen,
        double valHm,
        double valZsl,
        double beta,
        double seconds) {

    /** Combines the parts of an epoch into its record. */
    static EpochRecord of(
            Stage stage,
            int epoch,
            StepLosses meanLosses,
            double lr,
            GzslResult validation,
            double seconds) {
        return new EpochRecord(
                stage,
                epoch,
                meanLosses.total(),
                meanLosses.rec(),
                meanLosses.ct(),
                meanLosses.w(),
                meanLosses.t(),
                meanLosses.r(),
                lr,
                validation.seen(),
                validation.unseen(),
                validation.harmonicMean(),
                validation.zsl(),
                validation.beta(),
                seconds);
    }

    /** This record with {@code seconds} set to 0: what two runs of the same seed agree on. */
    public EpochRecord withoutTiming() {
        return new EpochRecord(
                stage, epoch, loss, lossRec, lossCt, lossW, lossT, lossR, lr, valSeen, valUnseen,
                valHm, valZsl, beta, 0);
    }
}
