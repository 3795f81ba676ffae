package org.avca4j.trainer.method;

/**
 * Whether a training step ends with the reference's extra training-mode forward (SUCCESSORS-SPEC §0
 * "One training step"; TCaF quirk 7, shared by ClipClap's code).
 */
public enum ExtraTrainPass {
    /**
     * As TCaF's and ClipClap's code: after the update, one more forward in training mode (dropout
     * on, updated weights, outputs unused) of the same positive batch through the clip branch and
     * W_proj(ŵ), so the BatchNorm running statistics of those blocks move twice per step.
     */
    REFERENCE,
    /** The fix: no extra forward; every running statistic moves once per step. */
    NONE
}
