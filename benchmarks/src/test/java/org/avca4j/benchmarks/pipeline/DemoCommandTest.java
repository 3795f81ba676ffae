package org.avca4j.benchmarks.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A smoke test of {@code demo}, shrunk to a tiny benchmark and a few steps. */
class DemoCommandTest {

    @TempDir Path dir;

    @Test
    void runsEveryStepAndWritesModelAndReport() {
        DemoCommand demo = new DemoCommand();
        demo.classes = 5;
        demo.clipsPerClass = 4;
        demo.audioDim = Tiny.AUDIO_DIM;
        demo.videoDim = Tiny.VIDEO_DIM;
        demo.textDim = Tiny.TEXT_DIM;
        demo.epochs = 1;
        demo.batches = 2;
        demo.batchSize = 8;
        demo.architecture = Tiny::narrow;
        StringWriter text = new StringWriter();
        int rc =
                new CommandLine(demo)
                        .setOut(new PrintWriter(text, true))
                        .execute("--out", dir.toString(), "--seed", "5");
        String printed = text.toString();
        assertEquals(0, rc, printed);
        for (int step = 1; step <= 5; step++) {
            assertTrue(printed.contains("[" + step + "/5]"), printed);
        }
        assertTrue(Files.isRegularFile(dir.resolve("run/model.onnx")));
        assertTrue(Files.isRegularFile(dir.resolve("report/report.md")));
        assertTrue(Files.isDirectory(dir.resolve("data/UCF/class-split")));
        // 5 invented classes: 1 test-unseen among 5 candidates, so GZSL chance is 20% and ZSL
        // chance 100%.
        assertTrue(
                printed.contains("chance                    20.00    20.00    20.00   100.00"),
                printed);
        assertTrue(printed.contains("true class_"), printed);
    }
}
