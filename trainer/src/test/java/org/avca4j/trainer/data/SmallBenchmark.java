package org.avca4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.avca4j.sdk.card.DatasetName;

/** A tiny synthetic UCF benchmark on disk, and the assertions the reader-error tests share. */
final class SmallBenchmark {

    private SmallBenchmark() {}

    /** Writes {@code classes} invented classes, 2 clips each, widths 3 (audio) and 2 (video). */
    static Path write(Path root, int classes) throws IOException {
        return SyntheticBenchmark.builder()
                .setDataset(DatasetName.UCF)
                .optClasses(classes)
                .optClipsPerClass(2)
                .optWidths(3, 2)
                .build()
                .write(root);
    }

    /** Reading the UCF benchmark under {@code root} fails with a format error. */
    static BenchmarkFormatException readFails(Path root) {
        return assertThrows(
                BenchmarkFormatException.class,
                () ->
                        BenchmarkReader.builder()
                                .setRoot(root)
                                .setDataset(DatasetName.UCF)
                                .build()
                                .read());
    }

    /** The error is about {@code file}, its message starts with it and holds every fragment. */
    static void assertNames(BenchmarkFormatException e, Path file, String... fragments) {
        assertEquals(file, e.file(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
        }
    }
}
