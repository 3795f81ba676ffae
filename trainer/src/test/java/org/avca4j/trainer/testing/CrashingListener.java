package org.avca4j.trainer.testing;

import org.avca4j.trainer.model.StepLosses;
import org.avca4j.trainer.training.EpochRecord;
import org.avca4j.trainer.training.Stage;
import org.avca4j.trainer.training.TrainingListener;

/**
 * A {@link TrainingListener} that simulates a crash by throwing {@link SimulatedCrash} at one
 * chosen moment of a run: after a step of an epoch (the epoch's steps so far are lost) or at the
 * end of an epoch (after its checkpoint was written). Used by the resume tests of the trainer and
 * of the command-line pipeline alike.
 */
public final class CrashingListener implements TrainingListener {

    /** The exception a {@link CrashingListener} throws; nothing else in the project throws it. */
    public static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String where) {
            super("simulated crash " + where);
        }
    }

    private final Stage stage;
    private final int epoch;
    private final int step;
    private Stage currentStage;
    private int currentEpoch = -1;

    private CrashingListener(Stage stage, int epoch, int step) {
        this.stage = stage;
        this.epoch = epoch;
        this.step = step;
    }

    /**
     * Crashes right after 1-based step {@code step} of 0-based epoch {@code epoch} of {@code
     * stage}.
     */
    public static CrashingListener afterStep(Stage stage, int epoch, int step) {
        if (step < 1) {
            throw new IllegalArgumentException("steps are 1-based, got " + step);
        }
        return new CrashingListener(stage, epoch, step);
    }

    /**
     * Crashes when epoch {@code epoch} of {@code stage} has ended, i.e. after it was validated and
     * checkpointed.
     */
    public static CrashingListener afterEpoch(Stage stage, int epoch) {
        return new CrashingListener(stage, epoch, 0);
    }

    @Override
    public void onEpochStart(Stage stage, int epoch, int epochs) {
        this.currentStage = stage;
        this.currentEpoch = epoch;
    }

    @Override
    public void onStep(int step, int of, StepLosses losses) {
        if (this.step > 0 && currentStage == stage && currentEpoch == epoch && step == this.step) {
            throw new SimulatedCrash(
                    "after step " + step + " of " + stage.id() + " epoch " + epoch);
        }
    }

    @Override
    public void onEpochEnd(EpochRecord record) {
        if (step == 0 && record.stage() == stage && record.epoch() == epoch) {
            throw new SimulatedCrash("after " + stage.id() + " epoch " + epoch);
        }
    }
}
