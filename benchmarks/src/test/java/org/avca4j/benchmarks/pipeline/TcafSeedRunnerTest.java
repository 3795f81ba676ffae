package org.avca4j.benchmarks.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.sequence.SequenceBenchmark;
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
        SequenceBenchmark seq = Tiny.sequences();
        Benchmark view = seq.averaged();
        SeedOutcome o =
                SeedRunner.builder()
                        .setBenchmark(view)
                        .setRunFolder(dir)
                        .optMethod(Methods.of("tcaf"))
                        .optSequences(seq)
                        .optPresetChanges(Tiny.TCAF_CHANGES)
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
