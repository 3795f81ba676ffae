package org.avca4j.trainer.training;

/**
 * How a stage chooses its best epoch from the validation HM of each epoch
 * (docs/protocol.md#best-epoch). Stage 1's best epoch is E*, the one tested.
 */
public enum BestEpochRule {
    /**
     * The reference's rule: an epoch replaces the best so far when its HM is greater, or when the
     * best HM so far is exactly 0 (Python's falsiness of 0.0). While every HM is 0 the latest epoch
     * wins; otherwise the first maximum does.
     */
    REFERENCE,
    /** The first epoch with the greatest HM, also when every HM is 0 (then epoch 0). */
    FIRST_MAXIMUM;

    /**
     * Whether an epoch's HM replaces the best so far.
     *
     * @param hm the epoch's validation HM
     * @param bestHm the best HM so far; ignored for the first epoch
     * @param first whether it is the stage's first epoch (which always becomes the best)
     */
    public boolean replaces(double hm, double bestHm, boolean first) {
        if (first || hm > bestHm) {
            return true;
        }
        return this == REFERENCE && bestHm == 0;
    }
}
