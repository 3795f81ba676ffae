package org.avca4j.trainer.method;

import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.testing.ShortTraining;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A short stage-1 training of each single-embedding method with its UCF preset on small synthetic
 * UCF-shaped data (4 epochs of 20 batches of 64 at the published learning rate) reaches a
 * validation HM of at least twice chance ({@link ShortTraining#assertTwiceChance}).
 */
class SingleEmbeddingTrainingTest {

    private static Benchmark benchmark;

    @BeforeAll
    static void data() throws Exception {
        benchmark = ShortTraining.smallUcf();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ale", "sje", "devise", "apn"})
    void learnsToTransferToUnseenClasses(String id) {
        GzslMethod method = Methods.of(id);
        MethodSettings settings = method.settings(DatasetName.UCF, FeatureSet.MAIN, Map.of());
        GzslResult r = ShortTraining.stage1(method, settings, benchmark, 4, 20, 64, 1e-3, 42);
        ShortTraining.assertTwiceChance(
                benchmark, r.harmonicMean(), id + " (S/U " + r.seen() + "/" + r.unseen() + ")");
    }
}
