package org.avca4j.trainer.training;

import java.util.Map;
import org.avca4j.trainer.method.LossTerms;
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

    /**
     * A step of any method finished; what the trainer calls. By default it calls {@link
     * #onStep(int, int, StepLosses)} with the total and AVCA's five terms (0 where the method has
     * no term of that name).
     *
     * @param step 1-based step within the epoch
     * @param of steps in the epoch
     * @param losses the step's loss and its named terms
     */
    default void onStep(int step, int of, LossTerms losses) {
        Map<String, Double> t = losses.terms();
        onStep(
                step,
                of,
                new StepLosses(
                        losses.total(),
                        t.getOrDefault("rec", 0.0),
                        t.getOrDefault("ct", 0.0),
                        t.getOrDefault("w", 0.0),
                        t.getOrDefault("t", 0.0),
                        t.getOrDefault("r", 0.0)));
    }

    /** An epoch finished, was validated and checkpointed. */
    default void onEpochEnd(EpochRecord record) {}
}
