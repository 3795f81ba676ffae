package org.avca4j.trainer.method;

import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.testing.ShortTraining;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CJME and AVGZSLNet learn something that transfers to unseen classes: a short stage 1 on synthetic
 * UCF-shaped data reaches a validation HM (BOTH mode, best β) of at least twice chance. Chance is
 * the HM of a classifier that picks a candidate uniformly at random: its expected per-class
 * accuracy is 1/C on seen and unseen classes alike, so its HM is 1/C for C validation candidates.
 */
class BranchMethodsTrainingTest {

    private static Benchmark benchmark;

    @BeforeAll
    static void data() throws Exception {
        benchmark = ShortTraining.smallUcf();
    }

    /**
     * The published settings of UCF main with narrower layers (AVGZSLNet's 0.8 dropout needs more
     * hidden units than CJME's 0.2 to keep a signal).
     */
    @ParameterizedTest
    @CsvSource({"cjme, 32", "avgzslnet, 128"})
    void reachesTwiceChance(String id, String hidden) {
        GzslMethod method = Methods.of(id);
        MethodSettings settings =
                method.settings(
                        DatasetName.UCF,
                        FeatureSet.MAIN,
                        Map.of("hidden", hidden, "out_dim", "16"));
        GzslResult r = ShortTraining.stage1(method, settings, benchmark, 4, 10, 32, 1e-3, 42);
        ShortTraining.assertTwiceChance(benchmark, r.harmonicMean(), id);
    }
}
