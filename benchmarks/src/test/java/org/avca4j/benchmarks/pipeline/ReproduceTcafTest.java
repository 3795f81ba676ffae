package org.avca4j.benchmarks.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.data.BenchmarkFormatException;
import org.avca4j.trainer.data.sequence.SequenceBenchmark;
import org.avca4j.trainer.method.Methods;
import org.avca4j.trainer.training.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reproduce --methods tcaf} without a sequence layout on disk: the sequences come from the
 * reproduction's sequence reader (here synthetic), the run exports and is reported; without one the
 * data folder is read in the TCaF layout, and a folder in another layout is refused, named.
 */
class ReproduceTcafTest {

    @TempDir Path dir;

    @Test
    void tcafRunsFromTheSequenceReaderAndIsReported() throws Exception {
        Files.createDirectories(dir.resolve("data").resolve(DatasetName.UCF.folder()));
        SequenceBenchmark seq = Tiny.sequences();
        Reproduction.Result r = builder().optSequenceReader(d -> seq).build().run();
        assertEquals(1, r.outcomes().size());
        SeedOutcome o = r.outcomes().get(0);
        assertTrue(o.exported());
        assertEquals(dir.resolve("out").resolve("tcaf-UCF-main-seed42"), o.runFolder());
        assertTrue(o.maxDeviation() <= SeedRunner.AGREEMENT_TOLERANCE, "" + o.maxDeviation());
        assertTrue(Files.exists(dir.resolve("out").resolve("report.md")));
    }

    @Test
    void withoutASequenceReaderTheFolderMustHoldTheTcafLayout() throws Exception {
        Files.createDirectories(dir.resolve("data").resolve(DatasetName.UCF.folder()));
        BenchmarkFormatException e =
                assertThrows(BenchmarkFormatException.class, () -> builder().build().run());
        assertTrue(e.getMessage().contains("expected the TCaF layout"), e.getMessage());
        assertTrue(e.getMessage().contains(DatasetName.UCF.folder()), e.getMessage());
    }

    private Reproduction.Builder builder() {
        return Reproduction.builder()
                .setDataRoot(dir.resolve("data"))
                .setDatasets(List.of(DatasetName.UCF))
                .setFeatureSet(FeatureSet.MAIN)
                .setOut(dir.resolve("out"))
                .optMethods(List.of(Methods.of("tcaf")))
                .optPresetChanges(Tiny.TCAF_CHANGES)
                .optListeners(t -> TrainingListener.NONE);
    }
}
