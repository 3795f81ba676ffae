package org.avca4j.benchmarks.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.avca4j.trainer.data.sequence.SequenceBenchmark;
import org.avca4j.trainer.data.sequence.SyntheticSequences;
import org.avca4j.trainer.method.Methods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One seed of TCaF through the reproduce pipeline on synthetic sequences of mixed lengths: the
 * shared protocol on the averaged vector view, the export of the sequence model, and the SDK's test
 * figures from sequence calls equal to the protocol's.
 */
class TcafSeedRunnerTest {

    @TempDir Path dir;

    @Test
    void exportsASequenceModelWhoseSdkFiguresAreTheProtocols() throws Exception {
        Benchmark vectors =
                SyntheticBenchmark.builder()
                        .setDataset(DatasetName.UCF)
                        .optFeatureSet(FeatureSet.MAIN)
                        .optClasses(12)
                        .optClipsPerClass(8)
                        .optWidths(16, 20)
                        .optTextDim(24)
                        .optSeed(5)
                        .build()
                        .generate();
        SequenceBenchmark seq = new SyntheticSequences(2, 4, 0.1, 7).expand(vectors);
        Benchmark view = seq.averaged();
        SeedOutcome o =
                SeedRunner.builder()
                        .setBenchmark(view)
                        .setRunFolder(dir)
                        .optMethod(Methods.of("tcaf"))
                        .optSequences(seq)
                        .optPresetChanges(
                                new PresetChanges(
                                        new TrainingOverrides(2, 3, 16),
                                        UnaryOperator.identity(),
                                        Map.of(
                                                "encoder_hidden", "32",
                                                "depth", "1",
                                                "heads", "2",
                                                "head_dim", "16")))
                        .build()
                        .run();
        assertTrue(Files.exists(dir.resolve(SeedRunner.MODEL_FILE)));
        assertNotNull(o.sdk(), "the sequence model was evaluated through the SDK");
        assertEquals(view.test().size(), o.sdk().clips());
        assertEquals(o.sdk().clips(), o.sdk().classifierAgreements());
        assertTrue(
                o.maxDeviation() <= SeedRunner.AGREEMENT_TOLERANCE,
                "SDK vs protocol " + o.maxDeviation());
    }
}
