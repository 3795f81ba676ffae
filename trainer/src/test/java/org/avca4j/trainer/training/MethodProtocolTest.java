package org.avca4j.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.method.EvalMode;
import org.avca4j.trainer.method.TestBetaRule;
import org.avca4j.trainer.testing.CrashingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared protocol driving a method other than AVCA ({@link TwoModeMethod}, whose figures are
 * worked out by hand there and here): per-mode β search, the mean-of-three test β, the best-epoch
 * rules, the method and its settings in the run spec, and resume.
 */
class MethodProtocolTest {

    private static final double EPS = 1e-12;

    @TempDir Path dir;

    @TempDir Path other;

    static Benchmark benchmark() {
        ClipSet stage1Train =
                TestClips.labelled(
                        "stage1-train",
                        new int[][] {{0, 0}, {0, 0}, {1, 0}, {1, 0}},
                        new int[] {0, 1},
                        new int[0]);
        ClipSet stage1Val =
                TestClips.labelled(
                        "stage1-val",
                        new int[][] {{0, 0}, {1, 0}, {2, 10}},
                        new int[] {0, 1},
                        new int[] {2});
        ClipSet stage2Train =
                TestClips.labelled(
                        "stage2-train",
                        new int[][] {{0, 0}, {0, 0}, {1, 0}, {1, 0}, {2, 0}, {2, 0}},
                        new int[] {0, 1, 2},
                        new int[0]);
        ClipSet test =
                TestClips.labelled(
                        "test",
                        new int[][] {{0, 0}, {0, 20}, {1, 0}, {2, 0}, {3, 21}, {3, 22}},
                        new int[] {0, 1, 2},
                        new int[] {3});
        return TestClips.benchmark(4, stage1Train, stage1Val, stage2Train, test);
    }

    private static Trainer trainer(
            TwoModeMethod method,
            Map<String, String> overrides,
            BestEpochRule rule,
            TrainingListener listener) {
        return Trainer.builder()
                .setMethod(method, method.settings(DatasetName.UCF, FeatureSet.MAIN, overrides))
                .setTrainingConfig(
                        method.trainingConfig(DatasetName.UCF, FeatureSet.MAIN, TextOrder.OWN)
                                .optBestEpochRule(rule)
                                .build())
                .optListener(listener)
                .build();
    }

    private static ProtocolResult run(Path folder, Map<String, String> overrides, BestEpochRule r)
            throws Exception {
        return new ProtocolRunner(trainer(new TwoModeMethod(), overrides, r, TrainingListener.NONE))
                .run(benchmark(), folder);
    }

    @Test
    void searchesBetaPerModeAndTestsAtTheMeanOfTheThree() throws Exception {
        ProtocolResult r = run(dir, Map.of(), BestEpochRule.REFERENCE);

        // Epoch 1 is the only one whose unseen clip is in reach: S = U = HM = 1 there, 0 HM else.
        assertEquals(1, r.testEpoch());
        EpochRecord best = r.stage1().history().get(1);
        assertEquals(1.0, best.valHm(), EPS);
        assertEquals(0.2, best.modes().get(EvalMode.AUDIO).beta(), 1e-9, "first β above 0.1");
        assertEquals(0.6, best.modes().get(EvalMode.VIDEO).beta(), 1e-9, "first β above 0.5");
        assertEquals(1.0, best.modes().get(EvalMode.BOTH).beta(), 1e-9, "first β above 0.9");
        assertEquals(best.beta(), best.modes().get(EvalMode.BOTH).beta());
        assertEquals(0.0, r.stage1().history().get(0).valHm());
        assertEquals(0.0, r.stage1().history().get(2).valHm());

        // β_test = (0.2 + 0.6 + 1.0) / 3 = 0.6: off the "both" β of 1.0.
        assertEquals(TestBetaRule.MEAN_OF_THREE, r.testBetaRule());
        assertEquals(0.6, r.testBeta(), 1e-9);
        assertEquals(
                (best.beta(EvalMode.AUDIO) + best.beta(EvalMode.VIDEO) + best.beta(EvalMode.BOTH))
                        / 3,
                r.testBeta());
        // At 0.6: every seen clip right (S = 1), one of the two unseen clips (U = 1/2), HM = 2/3;
        // ZSL (class 3 alone) 1. At the "both" β 1.0 it would be S = 5/6, U = 1, HM = 10/11.
        assertEquals(1.0, r.test().seen(), EPS);
        assertEquals(0.5, r.test().unseen(), EPS);
        assertEquals(2.0 / 3, r.test().harmonicMean(), EPS);
        assertEquals(1.0, r.test().zsl(), EPS);
        assertEquals(r.testBeta(), r.test().beta());

        assertEquals("twomode", r.spec().method());
        assertEquals(Map.of("reachable_epoch", 1), r.spec().settings());
        assertEquals(
                r.withoutTiming(),
                ProtocolResult.read(dir.resolve(ProtocolResult.FILE_NAME)).withoutTiming());

        List<String> lines = Files.readAllLines(dir.resolve(MetricsLog.FILE_NAME));
        assertEquals(2 * TwoModeMethod.EPOCHS, lines.size());
        JsonNode line = Json.MAPPER.readTree(lines.get(1));
        assertEquals(
                line.get("loss").asDouble(),
                line.get("terms").get("fit").asDouble() + line.get("terms").get("gap").asDouble(),
                1e-12);
        assertEquals(0.6, line.get("modes").get("VIDEO").get("beta").asDouble(), 1e-9);
        assertEquals(0.0, line.get("lossRec").asDouble());
        assertEquals(
                r.stage1().history().stream().map(EpochRecord::withoutTiming).toList(),
                MetricsLog.read(dir.resolve(MetricsLog.FILE_NAME)).subList(0, 3).stream()
                        .map(EpochRecord::withoutTiming)
                        .toList());
    }

    @Test
    void whileEveryHmIsZeroTheReferenceKeepsTheLatestEpochAndTheFixTheFirst() throws Exception {
        Map<String, String> never = Map.of("reachable_epoch", "-1");
        ProtocolResult reference = run(dir, never, BestEpochRule.REFERENCE);
        assertEquals(TwoModeMethod.EPOCHS - 1, reference.testEpoch());
        // Every β is 0 when no HM beats 0, so the mean of three is 0 and the test uses 1e-10.
        assertEquals(1e-10, reference.testBeta());

        ProtocolResult firstMaximum = run(other, never, BestEpochRule.FIRST_MAXIMUM);
        assertEquals(0, firstMaximum.testEpoch());
        assertEquals(BestEpochRule.FIRST_MAXIMUM, firstMaximum.spec().training().bestEpochRule());
    }

    @Test
    void resumedRunOfAnotherMethodEqualsTheUninterruptedOneBitForBit() throws Exception {
        ProtocolResult expected = run(dir, Map.of(), BestEpochRule.REFERENCE);
        TwoModeMethod method = new TwoModeMethod();
        assertThrows(
                CrashingListener.SimulatedCrash.class,
                () ->
                        new ProtocolRunner(
                                        trainer(
                                                method,
                                                Map.of(),
                                                BestEpochRule.REFERENCE,
                                                CrashingListener.afterStep(Stage.STAGE_1, 1, 2)))
                                .run(benchmark(), other));
        assertThrows(
                CrashingListener.SimulatedCrash.class,
                () ->
                        new ProtocolRunner(
                                        trainer(
                                                method,
                                                Map.of(),
                                                BestEpochRule.REFERENCE,
                                                CrashingListener.afterEpoch(Stage.STAGE_2, 1)))
                                .run(benchmark(), other));
        ProtocolResult resumed = run(other, Map.of(), BestEpochRule.REFERENCE);
        assertEquals(expected.withoutTiming(), resumed.withoutTiming());
        for (int epoch = 0; epoch < TwoModeMethod.EPOCHS; epoch++) {
            String name = String.format("stage2/checkpoint-epoch-%03d.bin", epoch);
            assertArrayEquals(
                    Files.readAllBytes(dir.resolve(name)),
                    Files.readAllBytes(other.resolve(name)),
                    name);
        }
        assertEquals(
                MetricsLog.read(dir.resolve(MetricsLog.FILE_NAME)).stream()
                        .map(EpochRecord::withoutTiming)
                        .toList(),
                MetricsLog.read(other.resolve(MetricsLog.FILE_NAME)).stream()
                        .map(EpochRecord::withoutTiming)
                        .toList());
    }

    @Test
    void refusesAFolderOfAnotherMethodOrOtherSettings() throws Exception {
        run(dir, Map.of(), BestEpochRule.REFERENCE);
        IllegalStateException otherMethod =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                new ProtocolRunner(
                                                trainer(
                                                        new TwoModeMethod("othermode"),
                                                        Map.of(),
                                                        BestEpochRule.REFERENCE,
                                                        TrainingListener.NONE))
                                        .run(benchmark(), dir));
        assertTrue(
                otherMethod.getMessage().contains("of method twomode, not othermode"),
                otherMethod.getMessage());
        IllegalStateException otherSettings =
                assertThrows(
                        IllegalStateException.class,
                        () -> run(dir, Map.of("reachable_epoch", "2"), BestEpochRule.REFERENCE));
        assertTrue(
                otherSettings.getMessage().contains("settings.reachable_epoch is 1 there but 2"),
                otherSettings.getMessage());
        IllegalStateException otherRule =
                assertThrows(
                        IllegalStateException.class,
                        () -> run(dir, Map.of(), BestEpochRule.FIRST_MAXIMUM));
        assertTrue(
                otherRule.getMessage().contains("training.bestEpochRule"), otherRule.getMessage());
    }

    @Test
    void anUnknownSettingIsNamedWithTheSettingsThereAre() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new TwoModeMethod()
                                        .settings(
                                                DatasetName.UCF,
                                                FeatureSet.MAIN,
                                                Map.of("margin", "0.1")));
        assertEquals(
                "method twomode has no setting 'margin': its settings are reachable_epoch",
                e.getMessage());
        IllegalArgumentException bad =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new TwoModeMethod()
                                        .settings(
                                                DatasetName.UCF,
                                                FeatureSet.MAIN,
                                                Map.of("reachable_epoch", "x")));
        assertFalse(bad.getMessage().isEmpty());
        assertEquals(
                "method twomode: setting 'reachable_epoch' expects an integer, got 'x'",
                bad.getMessage());
    }
}
