package org.avca4j.benchmarks.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.avca4j.benchmarks.report.SeedRun;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.sdk.evaluation.GzslEvaluator;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.testing.CrashingListener;
import org.avca4j.trainer.training.EpochRecord;
import org.avca4j.trainer.training.Stage;
import org.avca4j.trainer.training.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One seed's pipeline on a tiny synthetic benchmark with the real SameDiff network. */
class SeedRunnerTest {

    private static Benchmark benchmark;
    private static SeedOutcome uninterrupted;

    @TempDir static Path shared;

    @TempDir Path dir;

    @BeforeAll
    static void uninterruptedRun() throws Exception {
        benchmark = Tiny.ucf(3).generate(TextOrder.OWN);
        uninterrupted = runner(shared.resolve("uninterrupted"), TrainingListener.NONE).run();
    }

    private static SeedRunner runner(Path folder, TrainingListener listener) {
        return SeedRunner.builder()
                .setBenchmark(benchmark)
                .setRunFolder(folder)
                .optSeed(7)
                .optPresetChanges(new PresetChanges(Tiny.OVERRIDES, Tiny::narrow))
                .optListener(listener)
                .build();
    }

    @Test
    void interruptedRunResumesToTheSameFiguresAndReportsTheSdkFigures() throws Exception {
        // Crash in the middle of stage 2, after its first epoch's checkpoint and a step of the
        // second.
        TrainingListener crash = CrashingListener.afterStep(Stage.STAGE_2, 1, 1);
        Path b = dir.resolve("b");
        assertThrows(CrashingListener.SimulatedCrash.class, () -> runner(b, crash).run());
        assertFalse(
                Files.exists(b.resolve(SeedRunner.MODEL_FILE)),
                "nothing is exported before the protocol ends");
        assertTrue(Files.exists(b.resolve("stage2/checkpoint-epoch-000.json")));
        SeedOutcome resumed = runner(b, TrainingListener.NONE).run();
        assertFalse(resumed.reused());

        assertEquals(
                uninterrupted.sharedResult().withoutTiming(),
                resumed.sharedResult().withoutTiming());
        SeedRun x = uninterrupted.seedRun();
        SeedRun y = resumed.seedRun();
        assertEquals(x.test(), y.test());
        assertEquals(x.betaCurve(), y.betaCurve());
        assertEquals(x.stage1ValidationHm(), y.stage1ValidationHm());
        assertEquals(x.bestEpoch(), y.bestEpoch());
        assertEquals(x.beta(), y.beta());

        // The report's run is built from the histories and the SDK's test figures.
        List<EpochRecord> h1 = resumed.sharedResult().stage1().history();
        assertEquals(h1.stream().map(EpochRecord::valHm).toList(), y.stage1ValidationHm());
        assertEquals(
                resumed.sharedResult().stage2().history().stream().map(EpochRecord::valHm).toList(),
                y.stage2ValidationHm());
        assertEquals(resumed.sdk().figures().seen(), y.test().seen());
        assertEquals(resumed.sdk().figures().harmonicMean(), y.test().harmonicMean());
        assertEquals(resumed.protocol().testBeta(), resumed.sdk().figures().beta());
        // ONNX Runtime and SameDiff agree to ~1e-4 in theta: on these clips no prediction flips.
        assertTrue(
                resumed.maxDeviation() <= SeedRunner.AGREEMENT_TOLERANCE,
                "deviation " + resumed.maxDeviation());
        assertEquals(resumed.sdk().clips(), resumed.sdk().classifierAgreements());
        assertEquals(benchmark.test().size(), resumed.sdk().clips());
        assertEquals(resumed.protocol().test().seen(), y.test().seen(), 1e-12);
        assertEquals(resumed.protocol().test().unseen(), y.test().unseen(), 1e-12);
        assertEquals(resumed.protocol().test().zsl(), y.test().zsl(), 1e-12);

        // The beta curve: 16 points 0, 0.2, ..., 3.0 at E*, whose best HM (first maximum) is at
        // beta* with
        // the validation HM recorded for E*.
        List<GzslResult.BetaPoint> curve = y.betaCurve();
        assertEquals(GzslEvaluator.BETA_STEPS, curve.size());
        GzslResult.BetaPoint best = curve.get(0);
        for (int i = 0; i < curve.size(); i++) {
            assertEquals(0.2 * i, curve.get(i).beta(), 1e-12);
            if (curve.get(i).harmonicMean() > best.harmonicMean()) {
                best = curve.get(i);
            }
        }
        assertEquals(y.beta(), best.beta(), 1e-12);
        assertEquals(h1.get(y.bestEpoch()).valHm(), best.harmonicMean(), 1e-12);
    }

    @Test
    void finishedRunIsReusedAndTheModelNotExportedAgain() throws Exception {
        Path folder = dir.resolve("run");
        TestFiles.copyTree(uninterrupted.runFolder(), folder);
        SeedOutcome first = uninterrupted;
        Path model = folder.resolve(SeedRunner.MODEL_FILE);
        long written = Files.getLastModifiedTime(model).toMillis();
        Thread.sleep(20);
        TrainingListener noTraining =
                new TrainingListener() {
                    @Override
                    public void onEpochStart(Stage stage, int epoch, int epochs) {
                        throw new AssertionError(
                                "a finished run trained again: " + stage + " epoch " + epoch);
                    }
                };
        SeedOutcome second = runner(folder, noTraining).run();
        assertTrue(second.reused());
        assertFalse(first.reused());
        assertEquals(first.protocol(), second.protocol());
        assertEquals(
                written,
                Files.getLastModifiedTime(model).toMillis(),
                "model.onnx was exported again");
        assertEquals(first.seedRun().test(), second.seedRun().test());
        assertEquals(first.seedRun().betaCurve(), second.seedRun().betaCurve());

        // A model file that is not this run's model is replaced.
        Files.writeString(model, "not a model");
        SeedOutcome third = runner(folder, noTraining).run();
        assertEquals(first.seedRun().test(), third.seedRun().test());
        assertTrue(Files.size(model) > 1000);
    }
}
