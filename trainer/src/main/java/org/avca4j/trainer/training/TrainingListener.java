package org.avca4j.trainer.training;

import org.avca4j.trainer.model.StepLosses;

/**
 * Follows a training run, e.g. to draw a progress bar. Called on the training thread; an exception
 * thrown here stops the run (the last completed epoch's checkpoint stays valid for a resume).
 */
public interface TrainingListener {

    /** A listener that does nothing. */
    TrainingListener NONE = new TrainingListener() {};

    /**
     * An epoch begins.
     *
     * @param stage the stage
     * @param epoch 0-based epoch index
     * @param epochs epochs in the stage
     */
    default void onEpochStart(Stage stage, int epoch, int epochs) {}

    /**
     * A step finished.
     *
     * @param step 1-based step within the epoch
     * @param of steps in the epoch
     * @param losses the step's loss terms
     */
    default void onStep(int step, int of, StepLosses losses) {}

    /** An epoch finished, was validated and checkpointed. */
    default void onEpochEnd(EpochRecord record) {}
}
