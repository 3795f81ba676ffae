package org.avca4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * HDF5 files that declare far more than they hold, or hold less than they declare. The fixtures
 * under {@code hostile/} are a few kB each; {@code hostile/make_hostile_h5.py} (h5py) wrote them,
 * since jhdf's writer needs every value in memory and cannot leave datasets unwritten.
 *
 * <ul>
 *   <li>{@code bomb_921600x512.h5}: chunked gzip {@code data} declaring 921,600 × 512 float32 (1.8
 *       GiB), one chunk written; {@code video_urls} likewise.
 *   <li>{@code bomb_1100000x512.h5}: the same with 1,100,000 rows (2.1 GiB, past one Java array).
 *   <li>{@code unwritten_contiguous.h5}, {@code unwritten_chunked.h5}: {@code data} [3, 4] created
 *       and never written.
 *   <li>{@code chunk_bomb.h5}: {@code data} [4, 4] in one gzip chunk that inflates to 8 MiB.
 * </ul>
 */
// A separate thread: a decompression loop does not notice an interrupt.
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Hdf5HostileFilesTest {

    @TempDir Path tmp;

    private Path fixture(String name) throws Exception {
        Path out = tmp.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("hostile/" + name)) {
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }

    private static String fails(Path file, Executable read) {
        BenchmarkFormatException e = assertThrows(BenchmarkFormatException.class, read);
        SmallBenchmark.assertNames(e, file);
        return e.getMessage();
    }

    @Test
    void bombIsRefusedByTheClipCountTheSplitLists() throws Exception {
        Path bomb = fixture("bomb_921600x512.h5");
        String m = fails(bomb, () -> Hdf5Features.read(bomb, 2, "stage_1_train.csv"));
        assertTrue(
                m.contains(
                        "declares 921600 clips, expected at most the 2 that stage_1_train.csv"
                                + " lists for this class"),
                m);
    }

    @Test
    void bombIsRefusedByTheHeapBudget() throws Exception {
        Path bomb = fixture("bomb_921600x512.h5");
        String m = fails(bomb, () -> Hdf5Features.read(bomb, Long.MAX_VALUE, null, 64L << 20));
        // 2 × 921,600 × 512 × 4 bytes of values + 921,600 × (3 × 80 + 48) bytes of urls.
        double mib = (2.0 * 921_600 * 512 * 4 + 921_600 * (3 * 80 + 48)) / (1 << 20);
        assertTrue(
                m.contains(
                        String.format(
                                java.util.Locale.ROOT,
                                "declares 921600 × 512 float32 values; reading them needs about"
                                        + " %.1f MiB, more than the 64.0 MiB allowed",
                                mib)),
                m);
    }

    @Test
    void bombPastOneArrayIsRefusedWhateverTheHeap() throws Exception {
        Path bomb = fixture("bomb_1100000x512.h5");
        String m = fails(bomb, () -> Hdf5Features.read(bomb, Long.MAX_VALUE, null, Long.MAX_VALUE));
        assertTrue(
                m.contains(
                        "declares 1100000 × 512 float32 values, more than the 2147483639 bytes one"
                                + " read can hold"),
                m);
    }

    @Test
    void bombInABenchmarkIsRefusedBeforeDecompressingNamingTheCsv() throws Exception {
        Path ucf = SmallBenchmark.write(tmp.resolve("data"), 5);
        Path split = ucf.resolve("class-split/main_split");
        String first = Files.readAllLines(split.resolve("stage_1_train.txt")).get(0);
        Path target = ucf.resolve("features/main_features/audio/stage_1_train/" + first + ".h5");
        Files.copy(fixture("bomb_921600x512.h5"), target, StandardCopyOption.REPLACE_EXISTING);
        BenchmarkFormatException e = SmallBenchmark.readFails(tmp.resolve("data"));
        SmallBenchmark.assertNames(e, target);
        String m = e.getMessage();
        assertTrue(
                m.contains(
                        "declares 921600 clips, expected at most the 2 that "
                                + split.resolve("stage_1_train.csv")),
                m);
    }

    @Test
    void datasetsCreatedButNeverWrittenAreNamed() throws Exception {
        for (String name : List.of("unwritten_contiguous.h5", "unwritten_chunked.h5")) {
            Path f = fixture(name);
            String m = fails(f, () -> Hdf5Features.read(f));
            assertTrue(
                    m.contains(
                            "dataset 'data' was created but never written (no values stored),"
                                    + " expected 3 × 4 float32 values"),
                    name + ": " + m);
        }
    }

    @Test
    void chunkInflatingPastItsShapeIsRefused() throws Exception {
        Path f = fixture("chunk_bomb.h5");
        String m = fails(f, () -> Hdf5Features.read(f));
        assertTrue(
                m.contains(
                        "dataset 'data': the gzip chunk at [0, 0] inflates to more than the 64"
                                + " bytes its chunk shape declares"),
                m);
    }

    @Test
    void genuineChunkedGzipFilesStillRead() throws Exception {
        // 5 rows in chunks of 2 × 3: the last chunk is partial, as h5py writes them.
        float[][] rows = new float[5][3];
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 3; c++) {
                rows[r][c] = r * 10 + c + 0.25f;
            }
        }
        String[] urls = {"u0", "u1", "u2", "u3", "u4"};
        Path f = tmp.resolve("gzip.h5");
        try (WritableHdfFile w = HdfFile.write(f)) {
            w.putDataset(
                    "data",
                    rows,
                    DatasetCreationOptions.builder().chunkDimensions(2, 3).deflate(6).build());
            w.putDataset("video_urls", urls);
        }
        FeatureFile read = Hdf5Features.read(f, 5, "the csv");
        assertEquals(5, read.rows());
        assertEquals(3, read.dim());
        assertArrayEquals(urls, read.urls());
        assertEquals(42.25f, read.data()[4 * 3 + 2], 0f, "row 4, column 2 = 4·10 + 2 + 0.25");
        assertEquals(0.25f, read.data()[0], 0f);
    }
}
