package org.avca4j.benchmarks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.avca4j.benchmarks.pipeline.TestFiles;
import org.avca4j.trainer.training.ProtocolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtocolCommandTest {

    @TempDir Path dir;

    @Test
    void protocolRunsEndToEndFromTheCommandLine() throws Exception {
        SynthInspectCommandTest.run(SynthInspectCommandTest.synthUcf(dir, 4));
        Path run = dir.resolve("run");
        String out = protocol(run);

        ProtocolResult result = ProtocolResult.read(run.resolve(ProtocolResult.FILE_NAME));
        assertEquals(2, result.stage1().history().size());
        assertEquals(2, result.stage2().history().size());
        assertEquals(result.stage1().bestEpoch(), result.testEpoch(), "the test uses stage 1's E*");
        assertEquals(
                result.stage1().bestBeta(), result.testBeta(), "the test uses stage 1's beta*");
        assertEquals(3, result.spec().training().seed());
        assertEquals(8, result.spec().training().batchSize());
        assertTrue(Files.isRegularFile(run.resolve("stage2/checkpoint-epoch-001.bin")));
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(4, lines.size(), "one line per epoch of both stages");
        assertTrue(
                out.contains(
                        String.format(
                                java.util.Locale.ROOT,
                                "HM %.2f",
                                100 * result.test().harmonicMean())),
                out);

        // The tested stage-2 checkpoint changed in place (same size, valid header: signs of
        // weights flipped): named as damaged, stage 2 resumes before it, and the figures are
        // those of the intact run, not of the changed weights.
        Path bin =
                run.resolve(
                        String.format(
                                java.util.Locale.ROOT,
                                "stage2/checkpoint-epoch-%03d.bin",
                                result.testEpoch()));
        byte[] bytes = TestFiles.flipSigns(bin);
        protocol(run);
        ProtocolResult again = ProtocolResult.read(run.resolve(ProtocolResult.FILE_NAME));
        assertEquals(result.withoutTiming(), again.withoutTiming());
        assertTrue(!java.util.Arrays.equals(bytes, Files.readAllBytes(bin)), "rewritten");
    }

    /** Runs the protocol on the synthetic UCF in {@link #dir} into {@code run}. */
    private String protocol(Path run) {
        return SynthInspectCommandTest.run(
                "protocol",
                "--data",
                dir.toString(),
                "--dataset",
                "UCF",
                "--epochs",
                "2",
                "--batches",
                "2",
                "--batch-size",
                "8",
                "--seed",
                "3",
                "--out",
                run.toString());
    }
}
