package org.avca4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.SplitName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Special, oversized, unreadable and mis-encoded files: every reader goes through {@link
 * InputFile}, so each case is checked once on the guard and once through the reader that met it. No
 * test may block: a FIFO opened for reading waits for a writer forever.
 */
// A separate thread: a FIFO blocked in open() does not notice an interrupt.
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InputFileTest {

    @TempDir Path root;
    private Path ucf;
    private Path classSplit;
    private Path split;

    @BeforeEach
    void writeSmallBenchmark() throws Exception {
        ucf = SmallBenchmark.write(root, 5);
        classSplit = ucf.resolve("class-split");
        split = classSplit.resolve("main_split");
    }

    private static void mkfifo(Path p) throws Exception {
        Files.deleteIfExists(p);
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo available");
    }

    private BenchmarkFormatException readFails() {
        return SmallBenchmark.readFails(root);
    }

    private static void assertNames(BenchmarkFormatException e, Path file, String... fragments) {
        SmallBenchmark.assertNames(e, file, fragments);
    }

    /** Puts something else where a file of the benchmark was. */
    private interface Replacement {
        void create(Path where) throws Exception;
    }

    private static Path replace(Path file, Replacement with) throws Exception {
        Files.delete(file);
        with.create(file);
        return file;
    }

    @Test
    void fifoAsAllClassesIsRefusedWithoutBlocking() throws Exception {
        Path all = classSplit.resolve("all_class.txt");
        mkfifo(all);
        assertNames(
                readFails(), all, "not a regular file (a FIFO, device or socket)", "class list");
    }

    @Test
    void fifoAsEmbeddingsOrFeatureFileIsRefused() throws Exception {
        Path npy = ucf.resolve("features/main_features/text/word_embeddings_ucf_normed.npy");
        mkfifo(npy);
        assertNames(readFails(), npy, "not a regular file", "text embeddings file");

        Path h5 = root.resolve("fifo.h5");
        mkfifo(h5);
        BenchmarkFormatException e =
                assertThrows(BenchmarkFormatException.class, () -> Hdf5Features.read(h5));
        assertNames(e, h5, "not a regular file", "HDF5 feature file");
    }

    @Test
    void linksToDevicesAndFoldersAreNamed() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        Path toZero = split.resolve("stage_1_val_seen.txt");
        replace(toZero, p -> Files.createSymbolicLink(p, Path.of("/dev/zero")));
        assertNames(readFails(), toZero, "links to /dev/zero, which is not a regular file");

        Path broken = classSplit.resolve("ucf_w2v_class_names.csv");
        replace(broken, p -> Files.createSymbolicLink(p, root.resolve("nowhere.csv")));
        assertNames(readFails(), broken, "broken link, expected a CSV table");

        Path folder = classSplit.resolve("all_class.txt");
        replace(folder, Files::createDirectory);
        assertNames(readFails(), folder, "is a folder, expected a class list");
    }

    @Test
    void oversizedListIsRefusedBeforeReading() throws Exception {
        Path list =
                replace(
                        split.resolve("stage_2_train.txt"),
                        p -> {
                            try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
                                // sparse: costs no disk
                                f.setLength(InputFile.Kind.CLASS_LIST.maxBytes() + 1);
                            }
                        });
        assertNames(
                readFails(),
                list,
                "has " + (InputFile.Kind.CLASS_LIST.maxBytes() + 1) + " bytes",
                "at most " + (16 << 20) + " bytes");
    }

    @Test
    void latin1ListNamesLineAndByte() throws Exception {
        Path list = split.resolve("stage_1_train.txt");
        List<String> names = Files.readAllLines(list);
        // "é" in Latin-1 is the single byte 0xE9, which UTF-8 only allows as a lead byte.
        String text = names.get(0) + "\n" + names.get(1) + "\nCaf\u00e9\n";
        Files.write(list, text.getBytes(StandardCharsets.ISO_8859_1));
        int offset = names.get(0).length() + 1 + names.get(1).length() + 1 + 3;
        assertNames(
                readFails(),
                list,
                "byte 0xE9 at line 3 (byte offset " + offset + ") is not valid UTF-8",
                "Latin-1");
    }

    @Test
    void byteOrderMarkIsDroppedFromListsAndCsv() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        for (Path p :
                List.of(
                        classSplit.resolve("all_class.txt"),
                        split.resolve("stage_1_train.txt"),
                        classSplit.resolve("ucf_w2v_class_names.csv"))) {
            Files.write(p, TextEmbeddingsTest.concat(bom, Files.readAllBytes(p)));
        }
        Benchmark b =
                BenchmarkReader.builder().setRoot(root).setDataset(DatasetName.UCF).build().read();
        assertEquals("class_000", b.classNames().get(0), "no U+FEFF before the first name");
        ClassSplits s = ClassSplits.read(classSplit, DatasetName.UCF, SplitName.MAIN);
        for (String name : s.classNamesAsListed(SplitStage.STAGE_1_TRAIN)) {
            assertTrue(name.matches("class_\\d{3}"), "'" + name + "' has no U+FEFF");
        }
        assertEquals("class 000", s.manualName(0));
    }

    @Test
    void unreadableFileNamesPermission() throws Exception {
        assumeFalse(
                "root".equals(System.getProperty("user.name")),
                "root reads any file: the permission check cannot be exercised");
        Path all = classSplit.resolve("all_class.txt");
        Files.setPosixFilePermissions(all, PosixFilePermissions.fromString("---------"));
        assertNames(readFails(), all, "permission denied");
    }

    @Test
    void guardReadsRegularFilesWhole() throws Exception {
        Path f = root.resolve("list.txt");
        Files.writeString(f, "\uFEFFa\r\nb\n", StandardCharsets.UTF_8);
        InputFile in = InputFile.open(f, InputFile.Kind.CLASS_LIST);
        assertEquals(Files.size(f), in.size());
        assertEquals("a\r\nb\n", in.text(), "BOM (3 bytes) dropped, the rest kept as is");
        assertEquals(Files.size(f), in.bytes().length);
    }
}
