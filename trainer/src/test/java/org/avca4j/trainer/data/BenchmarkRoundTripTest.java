package org.avca4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.TextOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkRoundTripTest {

    @TempDir Path tmp;

    private static SyntheticBenchmark small(long seed) {
        return invented(seed, 3).build();
    }

    /** Ten invented UCF classes with 6-d audio and 5-d video. */
    private static SyntheticBenchmark.Builder invented(long seed, int clipsPerClass) {
        return SyntheticBenchmark.builder()
                .setDataset(DatasetName.UCF)
                .optClasses(10)
                .optClipsPerClass(clipsPerClass)
                .optWidths(6, 5)
                .optSeed(seed);
    }

    /**
     * docs/data-format.md promises that more clips per class with the same seed keep the classes
     * and each folder's first clips: a larger test set for a model trained on the smaller one.
     */
    @Test
    void moreClipsPerClassKeepTheClassesAndEachFoldersFirstClips() throws Exception {
        Path smallRoot = tmp.resolve("small");
        Path largeRoot = tmp.resolve("large");
        invented(11, 3).optTextDim(4).build().write(smallRoot);
        invented(11, 7).optTextDim(4).build().write(largeRoot);
        Benchmark large =
                BenchmarkReader.builder()
                        .setRoot(largeRoot)
                        .setDataset(DatasetName.UCF)
                        .build()
                        .read();
        assertEquals(4, large.textDim());

        List<Path> files;
        try (Stream<Path> walk = Files.walk(smallRoot)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        int featureFiles = 0;
        for (Path small : files) {
            Path relative = smallRoot.relativize(small);
            Path other = largeRoot.resolve(relative);
            String name = relative.toString();
            if (name.endsWith(".h5")) {
                FeatureFile few = Hdf5Features.read(small);
                FeatureFile many = Hdf5Features.read(other);
                assertEquals(3, few.rows(), name);
                assertEquals(7, many.rows(), name);
                assertArrayEquals(
                        few.data(), Arrays.copyOf(many.data(), few.data().length), 0f, name);
                featureFiles++;
            } else if (!name.endsWith(".csv")) {
                // Class lists, split lists and text embeddings: the same bytes.
                assertArrayEquals(Files.readAllBytes(small), Files.readAllBytes(other), name);
            }
        }
        assertTrue(featureFiles > 0, "no feature files compared");
    }

    @Test
    void readerReadsExactlyWhatTheWriterWrote() throws Exception {
        small(7).write(tmp);
        Benchmark read =
                BenchmarkReader.builder().setRoot(tmp).setDataset(DatasetName.UCF).build().read();
        Benchmark mem = small(7).generate();

        Path split = tmp.resolve("UCF/class-split/main_split");
        List<String> names = Files.readAllLines(tmp.resolve("UCF/class-split/all_class.txt"));
        names.sort(null);
        assertEquals(names, read.classNames());
        assertEquals(mem.classNames(), read.classNames());

        // Independent expectations from the written files.
        assertArrayEquals(
                ids(names, split.resolve("stage_1_train.txt")), read.stage1Train().seenClasses());
        assertArrayEquals(new int[0], read.stage1Train().unseenClasses());
        assertArrayEquals(
                ids(names, split.resolve("stage_1_val_seen.txt")), read.stage1Val().seenClasses());
        assertArrayEquals(
                ids(names, split.resolve("stage_1_val_unseen.txt")),
                read.stage1Val().unseenClasses());
        assertArrayEquals(
                ids(names, split.resolve("stage_2_train.txt")), read.stage2Train().seenClasses());
        assertArrayEquals(
                ids(names, split.resolve("stage_2_test_seen.txt")), read.test().seenClasses());
        assertArrayEquals(
                ids(names, split.resolve("stage_2_test_unseen.txt")), read.test().unseenClasses());

        // The first clip of the test set is the first row of the first class listed in
        // stage_2_test_seen.
        String firstTestClass = Files.readAllLines(split.resolve("stage_2_test_seen.txt")).get(0);
        FeatureFile video =
                Hdf5Features.read(
                        tmp.resolve(
                                "UCF/features/main_features/video/stage_2_test_seen/"
                                        + firstTestClass
                                        + ".h5"));
        assertArrayEquals(
                Arrays.copyOf(video.data(), 5), Arrays.copyOf(read.test().video(), 5), 0f);
        assertEquals(video.urls()[0], read.test().urls()[0]);
        assertEquals(names.indexOf(firstTestClass), read.test().labels()[0]);
        assertEquals(
                (6 + 6 + 2) * 3,
                read.stage2Train().size(),
                "6 train classes twice (train, val-seen), 2 val-unseen, 3 clips each");

        for (ClipSet[] pair :
                new ClipSet[][] {
                    {mem.stage1Train(), read.stage1Train()},
                    {mem.stage1Val(), read.stage1Val()},
                    {mem.stage2Train(), read.stage2Train()},
                    {mem.test(), read.test()}
                }) {
            assertEquals(pair[0].size(), pair[1].size(), pair[0].name());
            assertEquals(6, pair[1].audioDim());
            assertEquals(5, pair[1].videoDim());
            assertArrayEquals(pair[0].audio(), pair[1].audio(), 0f, pair[0].name());
            assertArrayEquals(pair[0].video(), pair[1].video(), 0f, pair[0].name());
            assertArrayEquals(pair[0].labels(), pair[1].labels(), pair[0].name());
            assertArrayEquals(pair[0].urls(), pair[1].urls(), pair[0].name());
        }
        for (int c = 0; c < names.size(); c++) {
            assertArrayEquals(mem.embeddings()[c], read.embeddings()[c], 0f);
        }
    }

    @Test
    void sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot() throws Exception {
        small(3).write(tmp.resolve("a"));
        small(3).write(tmp.resolve("b"));
        small(4).write(tmp.resolve("c"));
        List<Path> files = list(tmp.resolve("a"));
        assertTrue(files.size() > 40, "all files written: " + files.size());
        boolean anyDiffers = false;
        for (Path rel : files) {
            assertArrayEquals(
                    Files.readAllBytes(tmp.resolve("a").resolve(rel)),
                    Files.readAllBytes(tmp.resolve("b").resolve(rel)),
                    rel.toString());
            Path other = tmp.resolve("c").resolve(rel);
            anyDiffers |=
                    !Files.exists(other)
                            || !Arrays.equals(
                                    Files.readAllBytes(tmp.resolve("a").resolve(rel)),
                                    Files.readAllBytes(other));
        }
        assertTrue(anyDiffers);
    }

    @Test
    void invertedSplitIsConsistentWithTheBenchmarks() throws Exception {
        Benchmark b =
                SyntheticBenchmark.builder()
                        .setDataset(DatasetName.VGGSOUND)
                        .optClasses(11)
                        .optClipsPerClass(2)
                        .optWidths(4, 4)
                        .build()
                        .generate();
        int[] train = b.stage1Train().seenClasses();
        int[] valUnseen = b.stage1Val().unseenClasses();
        int[] testUnseen = b.test().unseenClasses();
        assertArrayEquals(train, b.stage1Val().seenClasses(), "val-seen = stage-1 train");
        int[] stage2 = Stream.of(train, valUnseen).flatMapToInt(Arrays::stream).sorted().toArray();
        assertArrayEquals(stage2, b.stage2Train().seenClasses());
        assertArrayEquals(stage2, b.test().seenClasses(), "test-seen = stage-2 train");
        for (int u : testUnseen) {
            assertTrue(
                    Arrays.binarySearch(stage2, u) < 0,
                    "test-unseen class " + u + " is never trained on");
        }
        assertEquals(11, train.length + valUnseen.length + testUnseen.length);
    }

    @Test
    void fromRealSplitsLaysOutEveryClassWithScaledCounts() throws Exception {
        SyntheticBenchmark.builder()
                .setDataset(DatasetName.VGGSOUND)
                .optFromSplits(Avgzsl.dataset(DatasetName.VGGSOUND))
                .optClipScale(0.01)
                .optWidths(3, 2)
                .build()
                .write(tmp);
        Benchmark b =
                BenchmarkReader.builder()
                        .setRoot(tmp)
                        .setDataset(DatasetName.VGGSOUND)
                        .optTextOrder(TextOrder.REFERENCE)
                        .build()
                        .read();
        assertEquals(309, b.classCount());
        assertEquals(138, b.stage1Train().seenClasses().length);
        assertEquals(69, b.test().unseenClasses().length);
        // Real embeddings travel with the synthetic copy: class ids keep the reference mapping.
        java.util.Map<String, float[]> real =
                TextEmbeddings.read(
                        Avgzsl.dataset(DatasetName.VGGSOUND)
                                .resolve(BenchmarkLayout.embeddingsFile(DatasetName.VGGSOUND)));
        List<String> keys = new ArrayList<>(real.keySet());
        keys.sort(null);
        assertArrayEquals(real.get(keys.get(5)), b.embeddings()[5], 0f);
    }

    private static int[] ids(List<String> sorted, Path txt) throws Exception {
        return Files.readAllLines(txt).stream().mapToInt(sorted::indexOf).sorted().toArray();
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}
