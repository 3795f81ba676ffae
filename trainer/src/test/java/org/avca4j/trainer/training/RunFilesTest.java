package org.avca4j.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.avca4j.trainer.io.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFilesTest {

    @TempDir Path dir;

    @Test
    void epochRecordsRoundTripThroughMetricsLogIncludingNaN() throws Exception {
        List<EpochRecord> records =
                List.of(
                        new EpochRecord(
                                Stage.STAGE_1,
                                0,
                                3.5,
                                1,
                                0.5,
                                1,
                                0.5,
                                0.5,
                                1e-3,
                                0.5,
                                0.25,
                                1.0 / 3,
                                Double.NaN,
                                0.4,
                                1.25),
                        new EpochRecord(
                                Stage.STAGE_2,
                                1,
                                3.0,
                                1,
                                0.5,
                                1,
                                0.25,
                                0.25,
                                1e-4,
                                0.75,
                                0.5,
                                0.6,
                                0.55,
                                0.0,
                                2));
        Path file = dir.resolve(MetricsLog.FILE_NAME);
        MetricsLog.write(file, records);
        assertEquals(2, Files.readAllLines(file).size());
        assertEquals(records, MetricsLog.read(file));
    }

    @Test
    void aBadMetricsLineIsReportedWithItsNumber() throws Exception {
        Path file = dir.resolve(MetricsLog.FILE_NAME);
        Files.writeString(file, "{\"stage\":\"stage1\"}\n");
        IOException e = assertThrows(IOException.class, () -> MetricsLog.read(file));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void leftoversOfInterruptedWritesAreRemovedAndNothingElse() throws Exception {
        Path leftover =
                dir.resolve(".checkpoint-epoch-003.bin.0f8fad5b-d9cb-469f-a165-70867728950e.tmp");
        Path keep = dir.resolve(".notes.tmp");
        Path checkpoint = dir.resolve("checkpoint-epoch-002.bin");
        for (Path p : List.of(leftover, keep, checkpoint)) {
            Files.writeString(p, "x");
        }
        AtomicFiles.removeLeftovers(dir);
        assertEquals(false, Files.exists(leftover));
        assertTrue(Files.exists(keep) && Files.exists(checkpoint));
    }

    @Test
    void firstDifferenceNamesTheNestedField() {
        TrainingConfig a = TrainingConfig.builder().setBatchSize(8).build();
        TrainingConfig b =
                a.toBuilder().optPlateau(new PlateauConfig(0.5, 3, 1e-4, 0, 0, 1e-8)).build();
        assertEquals("plateau.factor", Json.firstDifference(a, b));
        assertEquals(null, Json.firstDifference(a, a.toBuilder().build()));
    }
}
