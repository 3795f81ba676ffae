package org.avca4j.trainer.method;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.avca4j.trainer.testing.ShortTraining;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A short stage-1 training of each single-embedding method with its UCF preset on small synthetic
 * UCF-shaped data (4 epochs of 20 batches of 64 at the published learning rate) reaches a
 * validation HM of at least twice chance. Chance is the HM of guessing uniformly among the K
 * validation candidates: every class is then right with probability 1/K, so S = U = HM = 1/K.
 */
class SingleEmbeddingTrainingTest {

    private static Benchmark benchmark;

    @BeforeAll
    static void data() throws Exception {
        benchmark =
                SyntheticBenchmark.builder()
                        .setDataset(DatasetName.UCF)
                        .optClasses(12)
                        .optClipsPerClass(16)
                        .optWidths(24, 32)
                        .optTextDim(30)
                        .optSeed(5)
                        .build()
                        .generate();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ale", "sje", "devise", "apn"})
    void learnsToTransferToUnseenClasses(String id) {
        GzslMethod method = Methods.of(id);
        MethodSettings settings = method.settings(DatasetName.UCF, FeatureSet.MAIN, Map.of());
        GzslResult r = ShortTraining.stage1(method, settings, benchmark, 4, 20, 64, 1e-3, 42);
        int candidates = benchmark.stage1Val().candidateClasses().length;
        double chance = 1.0 / candidates;
        assertTrue(
                r.harmonicMean() >= 2 * chance,
                id
                        + ": validation S/U/HM "
                        + r.seen()
                        + "/"
                        + r.unseen()
                        + "/"
                        + r.harmonicMean()
                        + " vs chance HM "
                        + chance
                        + " of "
                        + candidates
                        + " candidates");
    }
}
