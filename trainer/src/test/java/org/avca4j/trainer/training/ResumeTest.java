package org.avca4j.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.model.StepLosses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run interrupted anywhere and started again on its folder ends as the uninterrupted run: the
 * fake network's losses are a digest of every batch, learning rate and step seed it received.
 */
class ResumeTest {

    @TempDir Path uninterrupted;

    @TempDir Path interrupted;

    /** Thrown by a listener to simulate a crash. */
    private static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("simulated crash");
        }
    }

    @Test
    void resumedRunEqualsUninterruptedRun() throws Exception {
        Benchmark benchmark = ScriptedProtocol.benchmark();
        ProtocolResult expected =
                new ProtocolRunner(ScriptedProtocol.trainer(TrainingListener.NONE))
                        .run(benchmark, uninterrupted);

        // Crash in the middle of stage-1 epoch 2 (its steps are lost), then after stage-2 epoch 3
        // was checkpointed.
        TrainingListener midEpoch =
                new TrainingListener() {
                    private Stage stage;
                    private int epoch;

                    @Override
                    public void onEpochStart(Stage stage, int epoch, int epochs) {
                        this.stage = stage;
                        this.epoch = epoch;
                    }

                    @Override
                    public void onStep(int step, int of, StepLosses losses) {
                        if (stage == Stage.STAGE_1 && epoch == 2 && step == 2) {
                            throw new Crash();
                        }
                    }
                };
        assertThrows(
                Crash.class,
                () ->
                        new ProtocolRunner(ScriptedProtocol.trainer(midEpoch))
                                .run(benchmark, interrupted));
        assertEquals(2, MetricsLog.read(interrupted.resolve(MetricsLog.FILE_NAME)).size());

        AtomicInteger epochsRun = new AtomicInteger();
        TrainingListener afterCheckpoint =
                new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochRecord record) {
                        epochsRun.incrementAndGet();
                        if (record.stage() == Stage.STAGE_2 && record.epoch() == 3) {
                            throw new Crash();
                        }
                    }
                };
        assertThrows(
                Crash.class,
                () ->
                        new ProtocolRunner(ScriptedProtocol.trainer(afterCheckpoint))
                                .run(benchmark, interrupted));
        assertEquals(5 + 4, epochsRun.get()); // stage-1 epochs 2..6, stage-2 epochs 0..3

        // What a crash during an atomic write leaves behind is cleared on resume.
        Path leftover =
                interrupted.resolve(
                        "stage2/.checkpoint-epoch-004.bin.0f8fad5b-d9cb-469f-a165-70867728950e.tmp");
        Files.writeString(leftover, "half a checkpoint");
        ProtocolResult resumed =
                new ProtocolRunner(ScriptedProtocol.trainer(TrainingListener.NONE))
                        .run(benchmark, interrupted);
        assertTrue(Files.notExists(leftover));
        assertEquals(expected.withoutTiming(), resumed.withoutTiming());
        for (int epoch : new int[] {1, 3, 6}) {
            String name = String.format("stage2/checkpoint-epoch-%03d.bin", epoch);
            assertArrayEquals(
                    Files.readAllBytes(uninterrupted.resolve(name)),
                    Files.readAllBytes(interrupted.resolve(name)),
                    name);
        }
        assertEquals(
                withoutTiming(MetricsLog.read(uninterrupted.resolve(MetricsLog.FILE_NAME))),
                withoutTiming(MetricsLog.read(interrupted.resolve(MetricsLog.FILE_NAME))));

        // A finished run started again trains nothing and gives the same result.
        AtomicInteger steps = new AtomicInteger();
        TrainingListener counting =
                new TrainingListener() {
                    @Override
                    public void onStep(int step, int of, StepLosses losses) {
                        steps.incrementAndGet();
                    }
                };
        ProtocolResult again =
                new ProtocolRunner(ScriptedProtocol.trainer(counting)).run(benchmark, interrupted);
        assertEquals(0, steps.get());
        assertEquals(expected.withoutTiming(), again.withoutTiming());
    }

    @Test
    void refusesToResumeAFolderOfAnotherConfiguration() throws Exception {
        Benchmark benchmark = ScriptedProtocol.benchmark();
        ScriptedProtocol.trainer(TrainingListener.NONE)
                .train(Stage.STAGE_1, benchmark, interrupted);

        TrainingConfig other =
                ScriptedProtocol.trainingConfig().toBuilder().setBatchSize(8).build();
        Trainer trainer =
                Trainer.builder()
                        .setNetworkFactory(
                                (m, s, wd) -> new FakeNetwork(m, s, 3, ScriptedProtocol.SCRIPT))
                        .setModelConfig(FakeNetwork.smallConfig())
                        .setTrainingConfig(other)
                        .build();
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> trainer.train(Stage.STAGE_1, benchmark, interrupted));
        assertTrue(
                e.getMessage().contains("training.batchSize is 4 there but 8 in this run"),
                e.getMessage());
        assertTrue(e.getMessage().contains("checkpoint-epoch-006.json"), e.getMessage());

        Trainer otherModel =
                Trainer.builder()
                        .setNetworkFactory(
                                (m, s, wd) -> new FakeNetwork(m, s, 3, ScriptedProtocol.SCRIPT))
                        .setModelConfig(FakeNetwork.smallConfig().withDropouts(0.2, 0, 0))
                        .setTrainingConfig(ScriptedProtocol.trainingConfig())
                        .build();
        e =
                assertThrows(
                        IllegalStateException.class,
                        () -> otherModel.train(Stage.STAGE_2, benchmark, interrupted));
        assertTrue(
                e.getMessage().contains("model.dropoutEnc is 0.0 there but 0.2 in this run"),
                e.getMessage());
    }

    private static List<EpochRecord> withoutTiming(List<EpochRecord> records) {
        return records.stream().map(EpochRecord::withoutTiming).toList();
    }
}
