package org.avca4j.trainer.method.fvaegan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.MethodNetwork;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.method.Methods;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The reference's {@code break} (one critic and one generator/encoder step per epoch) against the
 * fix (a critic step on every batch, a generator/encoder step on batches 0, 5, 10, …), counted as
 * optimiser updates; and the selection rules on scripted sequences.
 */
class FvaeganScheduleTest {

    private static Benchmark benchmark;

    @BeforeAll
    static void data() throws Exception {
        benchmark = TinyNetworks.benchmark();
    }

    @Test
    void referenceBreakTakesOneCriticAndOneGeneratorStepPerEpoch() {
        long[] steps = updates(GanSchedule.REFERENCE_BREAK, 3, 12);
        assertEquals(3, steps[0]);
        assertEquals(3, steps[1]);
    }

    @Test
    void fixTrainsEveryBatchWithAGeneratorStepEveryFifth() {
        // 12 batches: critic on all, generator on 0, 5, 10 → 3 per epoch.
        long[] steps = updates(GanSchedule.ALL_BATCHES, 3, 12);
        assertEquals(36, steps[0]);
        assertEquals(9, steps[1]);
    }

    @Test
    void gzslClassifierKeepsTheLastMaximumAndGanAndZslTheFirst() {
        double[] h = {0.1, 0.3, 0.2, 0.3, 0.05};
        assertEquals(3, BestRule.LAST_MAXIMUM.best(h));
        assertEquals(1, BestRule.FIRST_MAXIMUM.best(h));
        double[] zeros = {0, 0, 0};
        assertEquals(2, BestRule.LAST_MAXIMUM.best(zeros));
        assertEquals(0, BestRule.FIRST_MAXIMUM.best(zeros));
        assertEquals(-1, BestRule.FIRST_MAXIMUM.best(new double[0]));
    }

    @Test
    void scheduleAndSelectionAreNamedSettings() {
        FvaeganSettings s =
                FvaeganSettings.published(DatasetName.UCF)
                        .with(Map.of("schedule", "all-batches", "selection", "test-set-reference"));
        assertEquals(GanSchedule.ALL_BATCHES, s.schedule());
        assertEquals(EpochSelection.TEST_SET_REFERENCE, s.selection());
        assertEquals(
                GanSchedule.REFERENCE_BREAK, FvaeganSettings.published(DatasetName.UCF).schedule());
        assertEquals(
                EpochSelection.STAGE1_VALIDATION,
                FvaeganSettings.published(DatasetName.UCF).selection());
        assertEquals(10000, FvaeganSettings.published(DatasetName.VGGSOUND).synNum());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                FvaeganSettings.published(DatasetName.UCF)
                                        .with(Map.of("epochz", "3")));
        assertTrue(e.getMessage().contains("syn_num"), e.getMessage());
    }

    @Test
    void registeredAsFvaeganWithoutADistance() {
        GzslMethod m = Methods.of("fvaegan");
        assertEquals("f-VAEGAN-D2", m.displayName());
        MethodSettings s =
                m.settings(
                        DatasetName.UCF,
                        FeatureSet.MAIN,
                        Map.of(
                                "ndh",
                                "3",
                                "latent_size",
                                "2",
                                "encoder_hidden",
                                "3",
                                "decoder_hidden",
                                "3"));
        MethodContext context =
                MethodContext.of(benchmark.stage1Train(), benchmark.embeddings(), 1);
        try (MethodNetwork net = m.create(context, s)) {
            UnsupportedOperationException e =
                    assertThrows(
                            UnsupportedOperationException.class,
                            () -> net.distances(new float[3], new float[4], 1, new float[5], 1));
            assertTrue(e.getMessage().contains("softmax classifier"), e.getMessage());
        }
    }

    private static long[] updates(GanSchedule schedule, int epochs, int batches) {
        FvaeganSettings s =
                TinyNetworks.settings(
                        2,
                        3,
                        Map.of(
                                "schedule", schedule.id(),
                                "n_batches", Integer.toString(batches),
                                "batch_size", "4"));
        MethodContext context =
                MethodContext.of(benchmark.stage1Train(), benchmark.embeddings(), 1);
        try (FvaeganNetwork net = new FvaeganNetwork(context, s, DataType.FLOAT)) {
            GanTraining gan =
                    new GanTraining(net, benchmark.stage1Train(), benchmark.embeddings(), 1);
            for (int e = 0; e < epochs; e++) {
                gan.epoch(e);
            }
            return new long[] {net.criticSteps(), net.generatorSteps()};
        }
    }
}
