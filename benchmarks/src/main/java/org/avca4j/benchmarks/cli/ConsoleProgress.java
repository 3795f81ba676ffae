package org.avca4j.benchmarks.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.avca4j.trainer.model.StepLosses;
import org.avca4j.trainer.training.EpochRecord;
import org.avca4j.trainer.training.Stage;
import org.avca4j.trainer.training.TrainingListener;

/**
 * Training progress for the person watching. On a terminal, a live bar per epoch with the running
 * loss, closed with the epoch's validation figures. When the output is not a terminal (a log file,
 * a pipe), a bar's carriage-return frames would flood it: then one plain line at most every {@value
 * #LOG_INTERVAL_SECONDS} seconds within an epoch, and nothing at its end, where the trainer's own
 * log line records the epoch.
 *
 * <p>A failure ends the live bar ({@link #endLiveBar}) before the command line prints its error, so
 * the error starts a line of its own.
 */
public final class ConsoleProgress implements TrainingListener {

    /** Seconds between two progress lines when the output is not a terminal. */
    static final long LOG_INTERVAL_SECONDS = 60;

    /** The live bar on the terminal, if one is shown. */
    private static final AtomicReference<ConsoleProgress> LIVE = new AtomicReference<>();

    private final String title;
    private final boolean live;
    private final PrintStream out;
    private final LongSupplier nanoClock;
    private ProgressBar bar;
    private double lossSum;
    private String task;
    private long lastLine;

    /**
     * A live bar if this process runs on a terminal ({@link System#console()}), else plain lines;
     * both on standard error, with the log.
     *
     * @param title what is being trained, shown before each bar (e.g. {@code UCF seed 42})
     */
    public ConsoleProgress(String title) {
        this(title, System.console() != null, System.err, System::nanoTime);
    }

    /**
     * @param live whether to show a live bar (a terminal) or plain lines
     * @param out where the bar or the plain lines go
     * @param nanoClock the time, in nanoseconds, that spaces plain lines
     */
    ConsoleProgress(String title, boolean live, PrintStream out, LongSupplier nanoClock) {
        this.title = title;
        this.live = live;
        this.out = out;
        this.nanoClock = nanoClock;
    }

    /** Ends the live bar shown, if any, so that the next output starts on a new line. */
    public static void endLiveBar() {
        ConsoleProgress p = LIVE.get();
        if (p != null) {
            p.closeBar();
        }
    }

    @Override
    public void onEpochStart(Stage stage, int epoch, int epochs) {
        closeBar();
        lossSum = 0;
        task =
                String.format(
                        Locale.ROOT, "%s %s epoch %d/%d", title, stage.id(), epoch + 1, epochs);
        lastLine = nanoClock.getAsLong();
        if (live) {
            bar =
                    new ProgressBarBuilder()
                            .setTaskName(task)
                            .setStyle(ProgressBarStyle.ASCII)
                            .setUpdateIntervalMillis(500)
                            .setInitialMax(1)
                            .setConsumer(new ConsoleProgressBarConsumer(out, 140))
                            .continuousUpdate()
                            .build();
            LIVE.set(this);
        }
    }

    @Override
    public void onStep(int step, int of, StepLosses losses) {
        lossSum += losses.total();
        if (bar != null) {
            bar.maxHint(of);
            bar.stepTo(step);
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", lossSum / step));
        } else if (!live && task != null) {
            long now = nanoClock.getAsLong();
            if (now - lastLine >= TimeUnit.SECONDS.toNanos(LOG_INTERVAL_SECONDS) && step < of) {
                lastLine = now;
                out.printf(
                        Locale.ROOT, "%s: step %d/%d, loss %.4f%n", task, step, of, lossSum / step);
                out.flush();
            }
        }
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
        task = null;
    }

    private synchronized void closeBar() {
        if (bar != null) {
            bar.close(); // draws the last frame, without ending its line
            out.println();
            out.flush();
            bar = null;
            LIVE.compareAndSet(this, null);
        }
    }
}
