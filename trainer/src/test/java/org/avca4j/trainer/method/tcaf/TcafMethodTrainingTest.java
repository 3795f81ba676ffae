package org.avca4j.trainer.method.tcaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.sequence.SequenceBenchmark;
import org.avca4j.trainer.data.sequence.SyntheticSequences;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.Methods;
import org.avca4j.trainer.training.ProtocolResult;
import org.avca4j.trainer.training.ProtocolRunner;
import org.avca4j.trainer.training.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TCaF through the shared trainer and protocol: registered as "tcaf" beside (not among) the paper's
 * methods, and a short run on synthetic sequences of mixed lengths reaches a stage-1 validation HM
 * of at least twice chance (issue 12 acceptance).
 */
class TcafMethodTrainingTest {

    @TempDir Path dir;

    @Test
    void registeredButNotAPaperMethod() {
        assertInstanceOf(TcafMethod.class, Methods.of("tcaf"));
        assertFalse(Methods.PAPER_IDS.contains("tcaf"));
    }

    @Test
    void refusesAContextWithoutSequences() {
        TcafMethod m = new TcafMethod();
        MethodContext c = new MethodContext(4, 4, 4, 1, new int[] {0}, new float[4]);
        assertThrows(
                IllegalArgumentException.class,
                () -> m.create(c, m.settings(DatasetName.UCF, FeatureSet.MAIN, Map.of())));
    }

    @Test
    void shortProtocolRunReachesTwiceChance() throws Exception {
        Benchmark vectors = TcafForwardFixtures.trainingVectors();
        SequenceBenchmark seq =
                new SyntheticSequences(2, TcafForwardFixtures.TRAINING_WINDOW, 0.1, 7)
                        .expand(vectors);
        TcafMethod method = new TcafMethod();
        TcafSettings s =
                method.settings(
                        DatasetName.UCF, FeatureSet.MAIN, TcafForwardFixtures.TRAINING_NARROW);
        Trainer trainer =
                Trainer.builder()
                        .setMethod(method, s)
                        .setTrainingConfig(
                                method.trainingConfig(
                                                DatasetName.UCF, FeatureSet.MAIN, TextOrder.OWN)
                                        .setBatchSize(32)
                                        .optEpochs(3)
                                        .optBatchesPerEpoch(20)
                                        .optLearningRate(1e-3)
                                        .build())
                        .optSequences(seq)
                        .build();
        ProtocolResult r = new ProtocolRunner(trainer).run(vectors, dir);
        double chance = 1.0 / vectors.stage1Val().candidateClasses().length;
        double best =
                r.stage1ValidationHm().stream()
                        .mapToDouble(Double::doubleValue)
                        .max()
                        .orElseThrow();
        assertTrue(best >= 2 * chance, "validation HM " + best + " vs chance " + chance);
        assertTrue(Double.isFinite(r.test().harmonicMean()), "test HM " + r.test());
        // SUCCESSORS-SPEC §0: stage 2 trains E*+1 of the 3 epochs, all 3 when E* = 0
        int bestEpoch = r.testEpoch();
        assertEquals(
                bestEpoch == 0 ? 3 : bestEpoch + 1,
                r.stage2().history().size(),
                "E* = " + bestEpoch);
    }
}
