package org.avca4j.benchmarks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.avca4j.benchmarks.Main;
import org.avca4j.trainer.model.StepLosses;
import org.avca4j.trainer.training.Stage;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ConsoleProgressTest {

    private static final StepLosses LOSS = new StepLosses(0.5, 0.1, 0.1, 0.1, 0.1, 0.1);

    @Test
    void withoutATerminalALineAtMostEveryMinuteAndNoCarriageReturns() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        long[] now = {0};
        ConsoleProgress p =
                new ConsoleProgress(
                        "UCF",
                        false,
                        new PrintStream(buf, true, StandardCharsets.UTF_8),
                        () -> now[0]);
        p.onEpochStart(Stage.STAGE_1, 0, 2);
        for (int step = 1; step <= 10; step++) {
            now[0] += TimeUnit.SECONDS.toNanos(25);
            p.onStep(step, 10, LOSS);
        }
        // A short epoch (no time passes) prints nothing: the trainer's log line records it.
        p.onEpochStart(Stage.STAGE_1, 1, 2);
        for (int step = 1; step <= 10; step++) {
            p.onStep(step, 10, LOSS);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        // Steps at 25 s intervals: 75 s (step 3), 150 s (step 6), 225 s (step 9); step 10 ends it.
        assertEquals(
                List.of(
                        "UCF stage1 epoch 1/2: step 3/10, loss 0.5000",
                        "UCF stage1 epoch 1/2: step 6/10, loss 0.5000",
                        "UCF stage1 epoch 1/2: step 9/10, loss 0.5000"),
                out.lines().toList());
        assertFalse(out.contains("\r"));
    }

    @Command(name = "fail-mid-epoch")
    static final class FailMidEpoch implements Callable<Integer> {
        @Override
        public Integer call() {
            ConsoleProgress p = new ConsoleProgress("UCF", true, System.err, System::nanoTime);
            p.onEpochStart(Stage.STAGE_1, 0, 50);
            p.onStep(1, 500, LOSS);
            throw new IllegalStateException("stage1 epoch 0 step 1: the loss is NaN");
        }
    }

    @Test
    void theLiveBarIsEndedBeforeTheErrorLine() {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(buf, true, StandardCharsets.UTF_8);
        System.setErr(both); // the bar draws on standard error
        try {
            CommandLine cl = Main.commandLine().addSubcommand(new FailMidEpoch());
            cl.setErr(new PrintWriter(both, true));
            assertEquals(1, cl.execute("fail-mid-epoch"));
        } finally {
            System.setErr(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        int error = out.indexOf("error: stage1 epoch 0 step 1: the loss is NaN");
        assertTrue(error > 0 && out.substring(0, error).contains("UCF stage1 epoch 1/50"), out);
        assertEquals('\n', out.charAt(error - 1), "the error starts a line of its own: " + out);
    }
}
