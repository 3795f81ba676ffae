package org.avca4j.trainer.method.tcaf;

/** How many epochs stage 2 trains after stage 1 chose E* (SUCCESSORS-SPEC §0, quirk 6). */
public enum Stage2Length {
    /**
     * As TCaF's code: E*+1 epochs, except that E* = 0 is taken as "no E*" (Python truthiness) and
     * stage 2 then runs every epoch; the test still uses the checkpoint of epoch 0.
     */
    REFERENCE,
    /** The fix (as ClipClap's code): always E*+1 epochs. */
    BEST_PLUS_ONE;

    /**
     * Epochs stage 2 trains.
     *
     * @param bestEpoch E*, the 0-based stage-1 epoch of the best validation HM
     * @param epochs the configured number of epochs
     * @throws IllegalArgumentException if {@code bestEpoch} is not in {@code [0, epochs)}
     */
    public int epochs(int bestEpoch, int epochs) {
        if (bestEpoch < 0 || bestEpoch >= epochs) {
            throw new IllegalArgumentException(
                    "best epoch must be in [0, " + epochs + "), got " + bestEpoch);
        }
        if (this == REFERENCE && bestEpoch == 0) {
            return epochs;
        }
        return bestEpoch + 1;
    }
}
