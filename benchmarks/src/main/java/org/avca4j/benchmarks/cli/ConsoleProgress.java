package org.avca4j.benchmarks.cli;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.avca4j.trainer.model.StepLosses;
import org.avca4j.trainer.training.EpochRecord;
import org.avca4j.trainer.training.Stage;
import org.avca4j.trainer.training.TrainingListener;

/**
 * A console progress bar per epoch, with the running loss, closed with the epoch's validation
 * figures. The trainer's own per-epoch log line stays the record; this is for the person watching.
 */
public final class ConsoleProgress implements TrainingListener {

    private final String title;
    private ProgressBar bar;
    private double lossSum;

    /**
     * @param title what is being trained, shown before each bar (e.g. {@code UCF seed 42})
     */
    public ConsoleProgress(String title) {
        this.title = title;
    }

    @Override
    public void onEpochStart(Stage stage, int epoch, int epochs) {
        closeBar();
        lossSum = 0;
        String task =
                String.format(
                        Locale.ROOT, "%s %s epoch %d/%d", title, stage.id(), epoch + 1, epochs);
        bar =
                new ProgressBarBuilder()
                        .setTaskName(task)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(500)
                        .setInitialMax(1)
                        .setMaxRenderedLength(140)
                        .continuousUpdate()
                        .build();
    }

    @Override
    public void onStep(int step, int of, StepLosses losses) {
        if (bar == null) {
            return;
        }
        lossSum += losses.total();
        bar.maxHint(of);
        bar.stepTo(step);
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", lossSum / step));
    }

    @Override
    public void onEpochEnd(EpochRecord r) {
        if (bar != null) {
            bar.setExtraMessage(
                    String.format(
                            Locale.ROOT,
                            " loss %.4f | val S %.2f U %.2f HM %.2f ZSL %.2f beta %.1f",
                            r.loss(),
                            100 * r.valSeen(),
                            100 * r.valUnseen(),
                            100 * r.valHm(),
                            100 * r.valZsl(),
                            r.beta()));
        }
        closeBar();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
