package org.avca4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.avca4j.sdk.card.DatasetName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every malformed input gives a {@link BenchmarkFormatException} naming the file and the
 * expectation.
 */
class BenchmarkReaderErrorsTest {

    @TempDir Path root;
    private Path ucf;
    private Path split;
    private Path audio;
    private Path video;
    private String firstTrain;

    @BeforeEach
    void writeSmallBenchmark() throws Exception {
        ucf =
                SyntheticBenchmark.builder()
                        .setDataset(DatasetName.UCF)
                        .optClasses(5)
                        .optClipsPerClass(2)
                        .optWidths(3, 2)
                        .build()
                        .write(root);
        split = ucf.resolve("class-split/main_split");
        audio = ucf.resolve("features/main_features/audio/stage_1_train");
        video = ucf.resolve("features/main_features/video/stage_1_train");
        firstTrain = Files.readAllLines(split.resolve("stage_1_train.txt")).get(0);
    }

    private void expectError(Path file, String... fragments) {
        BenchmarkFormatException e =
                assertThrows(
                        BenchmarkFormatException.class,
                        () ->
                                BenchmarkReader.builder()
                                        .setRoot(root)
                                        .setDataset(DatasetName.UCF)
                                        .build()
                                        .read());
        assertTrue(
                e.getMessage().startsWith(file.toString()),
                "names " + file + ": " + e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
        }
    }

    @Test
    void missingFolder() throws Exception {
        Path dir = ucf.resolve("features/main_features/video/stage_1_val_unseen");
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
        expectError(dir, "feature folder not found");
    }

    @Test
    void missingFile() throws Exception {
        Files.delete(ucf.resolve("class-split/all_class.txt"));
        expectError(ucf.resolve("class-split/all_class.txt"), "file not found");
    }

    @Test
    void classWithoutFeatures() throws Exception {
        Files.delete(audio.resolve(firstTrain + ".h5"));
        expectError(
                audio,
                "no features for class '" + firstTrain + "'",
                "expected " + firstTrain + ".h5");
    }

    @Test
    void classWithoutEmbedding() throws Exception {
        Path csv = ucf.resolve("class-split/ucf_w2v_class_names.csv");
        List<String> lines = Files.readAllLines(csv);
        lines.set(1, lines.get(1).replace("class ", "renamed "));
        Files.write(csv, lines);
        Path npy = ucf.resolve("features/main_features/text/word_embeddings_ucf_normed.npy");
        expectError(npy, "no embedding for class 'class_000'", "expected a key of that name");
    }

    @Test
    void splitClassNotInAllClasses() throws Exception {
        Files.writeString(split.resolve("stage_2_test_unseen.txt"), "NoSuchClass\n");
        expectError(
                split.resolve("stage_2_test_unseen.txt"), "'NoSuchClass' is not in all_class.txt");
    }

    @Test
    void audioVideoClipMismatch() throws Exception {
        FeatureFile v = Hdf5Features.read(video.resolve(firstTrain + ".h5"));
        String[] urls = v.urls().clone();
        urls[1] = "other_clip";
        Hdf5Features.write(
                video.resolve(firstTrain + ".h5"),
                new FeatureFile(v.rows(), v.dim(), v.data(), urls));
        expectError(
                video.resolve(firstTrain + ".h5"),
                "clip 1 is 'other_clip', expected '" + v.urls()[1] + "'");

        Hdf5Features.write(
                video.resolve(firstTrain + ".h5"),
                new FeatureFile(
                        1,
                        v.dim(),
                        java.util.Arrays.copyOf(v.data(), v.dim()),
                        new String[] {v.urls()[0]}));
        expectError(video.resolve(firstTrain + ".h5"), "1 clips, expected the 2 clips of");
    }

    @Test
    void widthMismatch() throws Exception {
        String second = Files.readAllLines(split.resolve("stage_1_train.txt")).get(1);
        FeatureFile a = Hdf5Features.read(audio.resolve(second + ".h5"));
        Hdf5Features.write(
                audio.resolve(second + ".h5"),
                new FeatureFile(a.rows(), 2, new float[a.rows() * 2], a.urls()));
        expectError(audio.resolve(second + ".h5"), "audio features have width 2, expected 3");
    }

    @Test
    void nonFiniteFeature() throws Exception {
        FeatureFile a = Hdf5Features.read(audio.resolve(firstTrain + ".h5"));
        float[] data = a.data().clone();
        data[4] = Float.POSITIVE_INFINITY;
        Hdf5Features.write(
                audio.resolve(firstTrain + ".h5"),
                new FeatureFile(a.rows(), a.dim(), data, a.urls()));
        expectError(
                audio.resolve(firstTrain + ".h5"), "non-finite value Infinity at clip 1, column 1");
    }

    @Test
    void emptyClassFile() throws Exception {
        Files.delete(audio.resolve(firstTrain + ".h5"));
        try (var w = io.jhdf.HdfFile.write(audio.resolve(firstTrain + ".h5"))) {
            w.putDataset("data", new float[0][3]);
            w.putDataset("video_urls", new String[0]);
        } catch (RuntimeException e) {
            // jhdf cannot write an empty dataset: an empty class file is then one without clips in
            // 'data'.
            Files.delete(audio.resolve(firstTrain + ".h5"));
            try (var w = io.jhdf.HdfFile.write(audio.resolve(firstTrain + ".h5"))) {
                w.putDataset("video_urls", new String[] {"x"});
            }
            expectError(audio.resolve(firstTrain + ".h5"), "no dataset 'data'");
            return;
        }
        expectError(audio.resolve(firstTrain + ".h5"), "holds no clips");
    }

    @Test
    void malformedH5() throws Exception {
        Files.writeString(audio.resolve(firstTrain + ".h5"), "not hdf5", StandardCharsets.US_ASCII);
        expectError(audio.resolve(firstTrain + ".h5"), "not a readable HDF5 feature file");
    }

    @Test
    void malformedNpyAndForbiddenGlobal() throws Exception {
        Path npy = ucf.resolve("features/main_features/text/word_embeddings_ucf_normed.npy");
        Files.write(npy, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        expectError(npy, "not a .npy file");

        byte[] evil = "\u0080\u0003cposix\nsystem\n.".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(npy, TextEmbeddingsTest.concat(NpyHeader.objectHeader(), evil));
        expectError(npy, "forbidden pickle global 'posix.system'");
    }
}
