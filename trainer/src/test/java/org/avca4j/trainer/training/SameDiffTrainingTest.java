package org.avca4j.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaNetwork;
import org.avca4j.trainer.model.AvcaWeights;
import org.avca4j.trainer.testing.CrashingListener;
import org.avca4j.trainer.testing.ShortTraining;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training loop with the real SameDiff network on small synthetic UCF-shaped data (narrow
 * widths so that each run takes seconds on two cores).
 */
class SameDiffTrainingTest {

    private static Benchmark benchmark;
    private static AvcaConfig model;

    @TempDir Path dir;

    @BeforeAll
    static void data() throws Exception {
        benchmark = ShortTraining.smallUcf();
        // UCF main's dropouts and momentum (docs/method.md#hyper-parameters), with narrow layers.
        model = new AvcaConfig(24, 32, 30, 32, 32, 16, 3, 10, 16, 0.2, 0.3, 0.5, 0.1);
    }

    private static Trainer trainer(TrainingConfig config, TrainingListener listener) {
        return Trainer.builder()
                .setNetworkFactory(NetworkFactory.standard())
                .setModelConfig(model)
                .setTrainingConfig(config)
                .optListener(listener)
                .build();
    }

    private static TrainingConfig config(int epochs, int batches, long seed) {
        return TrainingConfig.builder()
                .setBatchSize(32)
                .optEpochs(epochs)
                .optBatchesPerEpoch(batches)
                .optSeed(seed)
                .build();
    }

    @Test
    void lowersTheLossAndTransfersToUnseenClasses() throws Exception {
        StageResult r =
                trainer(config(4, 10, 42), TrainingListener.NONE)
                        .train(Stage.STAGE_1, benchmark, dir);
        List<EpochRecord> h = r.history();
        double first = h.get(0).loss();
        double last = h.get(h.size() - 1).loss();
        assertTrue(
                last < 0.95 * first,
                "mean loss of the first epoch " + first + ", of the last " + last);
        int candidates = benchmark.stage1Val().candidateClasses().length;
        double chance = 1.0 / candidates;
        assertTrue(
                r.bestHm() >= 2 * chance,
                "best validation HM "
                        + r.bestHm()
                        + " vs chance "
                        + chance
                        + " of "
                        + candidates
                        + " candidates; history "
                        + h);
    }

    @Test
    void sameSeedSameCurveAndResumedRunEqualsUninterrupted() throws Exception {
        TrainingConfig config = config(2, 3, 42);
        ProtocolResult uninterrupted =
                new ProtocolRunner(trainer(config, TrainingListener.NONE))
                        .run(benchmark, dir.resolve("a"));
        StageResult again =
                trainer(config, TrainingListener.NONE)
                        .train(Stage.STAGE_1, benchmark, dir.resolve("b"));
        assertEquals(uninterrupted.stage1().withoutTiming(), again.withoutTiming());

        StageResult otherSeed =
                trainer(config(1, 3, 43), TrainingListener.NONE)
                        .train(Stage.STAGE_1, benchmark, dir.resolve("c"));
        assertNotEquals(
                uninterrupted.stage1().history().get(0).loss(), otherSeed.history().get(0).loss());

        TrainingListener crash = CrashingListener.afterEpoch(Stage.STAGE_2, 0);
        Path resumedFolder = dir.resolve("resumed");
        assertThrows(
                CrashingListener.SimulatedCrash.class,
                () -> new ProtocolRunner(trainer(config, crash)).run(benchmark, resumedFolder));
        ProtocolResult resumed =
                new ProtocolRunner(trainer(config, TrainingListener.NONE))
                        .run(benchmark, resumedFolder);
        assertEquals(uninterrupted.withoutTiming(), resumed.withoutTiming());

        Trainer t = trainer(config, TrainingListener.NONE);
        try (AvcaNetwork x = t.openCheckpoint(dir.resolve("a"), Stage.STAGE_2, 1);
                AvcaNetwork y = t.openCheckpoint(resumedFolder, Stage.STAGE_2, 1)) {
            AvcaWeights wx = x.weights();
            AvcaWeights wy = y.weights();
            assertEquals(wx.values().keySet(), wy.values().keySet());
            for (String name : wx.values().keySet()) {
                assertTrue(java.util.Arrays.equals(wx.get(name), wy.get(name)), name);
            }
        }
    }
}
