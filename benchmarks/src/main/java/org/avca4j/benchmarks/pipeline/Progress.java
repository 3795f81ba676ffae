package org.avca4j.benchmarks.pipeline;

import org.avca4j.trainer.training.TrainingListener;

/**
 * The console progress display of the commands, in one place.
 */
public final class Progress {

    private Progress() {
    }

    /**
     * A listener that shows the progress of one training run on the console.
     *
     * @param title what is being trained, e.g. {@code UCF main seed 42}
     */
    public static TrainingListener console(String title) {
        // PLUG-IN POINT: return new org.avca4j.benchmarks.cli.ConsoleProgress(title) once it is on main.
        // Until then the trainer's per-epoch log lines are the progress shown.
        return TrainingListener.NONE;
    }
}
