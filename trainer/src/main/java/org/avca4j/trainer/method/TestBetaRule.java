package org.avca4j.trainer.method;

/** How the test's calibration β is taken from the stage-1 validation (docs/protocol.md). */
public enum TestBetaRule {
    /** The β of the {@link EvalMode#BOTH} search: AVCA and the single-embedding methods. */
    BOTH,
    /**
     * The mean of the audio, video and both βs, or 1e-10 if that is 0: the reference's rule for
     * CJME and AVGZSLNet (BASELINES-SPEC quirk 6), generally off the grid.
     */
    MEAN_OF_THREE
}
