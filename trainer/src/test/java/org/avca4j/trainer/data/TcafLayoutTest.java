package org.avca4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.sequence.SequenceBenchmark;
import org.avca4j.trainer.data.sequence.SequenceClipSet;
import org.avca4j.trainer.data.sequence.SyntheticSequences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TCaF layout: synthetic writer, detection, sequence reader and layout-level errors. */
class TcafLayoutTest {

    @TempDir Path root;

    private static final SyntheticSequences SEQ = new SyntheticSequences(1, 5, 0.1, 3);

    private SyntheticBenchmark synthetic() {
        return SyntheticBenchmark.builder()
                .setDataset(DatasetName.UCF)
                .optWidths(3, 5)
                .optTextDim(7)
                .optClasses(6)
                .optClipsPerClass(3)
                .build();
    }

    private BenchmarkReader reader() {
        return BenchmarkReader.builder().setRoot(root).setDataset(DatasetName.UCF).build();
    }

    private static void assertSameSet(SequenceClipSet a, SequenceClipSet b) {
        assertEquals(a.size(), b.size(), a.name());
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.names(), b.names());
        assertArrayEquals(a.seenClasses(), b.seenClasses());
        assertArrayEquals(a.unseenClasses(), b.unseenClasses());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.audio()[i].length, b.audio()[i].length);
            assertEquals(a.video()[i].length, b.video()[i].length);
            for (int t = 0; t < a.audio()[i].length; t++) {
                assertArrayEquals(a.audio()[i][t], b.audio()[i][t], 0f);
            }
            for (int t = 0; t < a.video()[i].length; t++) {
                assertArrayEquals(a.video()[i][t], b.video()[i][t], 0f);
            }
        }
    }

    @Test
    void writtenFolderIsDetectedAndReadsBackAsGenerated() throws Exception {
        Path ds = synthetic().writeSequences(root, SEQ);
        assertEquals(DataLayout.TCAF, DataLayout.detect(ds, DatasetName.UCF));
        assertTrue(Files.isDirectory(ds.resolve("features/main_features_non_averaged/audio")));
        SequenceBenchmark read = reader().readSequences();
        SequenceBenchmark expected = synthetic().generateSequences(SEQ, TextOrder.OWN);
        assertEquals(expected.classNames(), read.classNames());
        assertEquals(7, read.textDim());
        assertSameSet(expected.stage1Train(), read.stage1Train());
        assertSameSet(expected.stage1Val(), read.stage1Val());
        assertSameSet(expected.stage2Train(), read.stage2Train());
        assertSameSet(expected.test(), read.test());
        Set<Integer> lengths = new HashSet<>();
        for (float[][] v : read.test().video()) {
            lengths.add(v.length);
        }
        assertTrue(lengths.size() > 1, "clips of different lengths: " + lengths);
        assertEquals(3, read.test().audioDim());
        assertEquals(5, read.test().videoDim());
        assertSameSet(
                read.test(),
                BenchmarkReader.builder()
                        .setRoot(root)
                        .setDataset(DatasetName.UCF)
                        .optLayout(DataLayout.TCAF)
                        .build()
                        .readSequences()
                        .test());
    }

    @Test
    void vectorReadOfTcafAndSequenceReadOfAvcaAreNamed() throws Exception {
        synthetic().writeSequences(root, SEQ);
        BenchmarkFormatException e =
                assertThrows(BenchmarkFormatException.class, () -> reader().read());
        assertTrue(e.getMessage().contains("readSequences()"), e.getMessage());
        Path other = root.resolve("avca");
        synthetic().write(other);
        e =
                assertThrows(
                        BenchmarkFormatException.class,
                        () ->
                                BenchmarkReader.builder()
                                        .setRoot(other)
                                        .setDataset(DatasetName.UCF)
                                        .build()
                                        .readSequences());
        assertTrue(e.getMessage().contains("expected the TCaF layout"), e.getMessage());
    }

    private static Path classFile(Path ds, String modality, String stage) throws Exception {
        try (var s =
                Files.list(
                        ds.resolve("features/main_features_non_averaged")
                                .resolve(modality)
                                .resolve(stage))) {
            return s.sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void mismatchedNamesAndMissingFilesAreNamed() throws Exception {
        Path ds = synthetic().writeSequences(root, SEQ);
        Path video = classFile(ds, "video", "stage_1_val_unseen");
        PickledClips clips = PickledClassFile.read(video, PickledClassFile.Shape.SEQUENCE);
        String[] names = clips.names().clone();
        names[0] = "renamed";
        PickledClassFile.writeSequences(
                video, SequenceSetAssembler.rows(clips).toArray(float[][][]::new), names);
        BenchmarkFormatException e =
                assertThrows(BenchmarkFormatException.class, () -> reader().readSequences());
        assertEquals(video, e.file());
        assertTrue(e.getMessage().contains("clip 0 is 'renamed', expected"), e.getMessage());

        Files.delete(video);
        e = assertThrows(BenchmarkFormatException.class, () -> reader().readSequences());
        assertEquals(video.getParent(), e.file());
        assertTrue(e.getMessage().contains("no features for class"), e.getMessage());
    }

    @Test
    void folderNamedAsTcafsSplittingScriptWritesItIsNamedNotRead() throws Exception {
        Path ds = synthetic().writeSequences(root, SEQ);
        Path expected = ds.resolve("features/main_features_non_averaged");
        Files.move(expected, ds.resolve("features/main_features_no_averaged"));
        assertEquals(DataLayout.TCAF, DataLayout.detect(ds, DatasetName.UCF));
        BenchmarkFormatException e =
                assertThrows(BenchmarkFormatException.class, () -> reader().readSequences());
        assertEquals(expected, e.file());
        assertTrue(
                e.getMessage().contains("main_features_no_averaged exists")
                        && e.getMessage()
                                .contains("rename the folder to main_features_non_averaged"),
                e.getMessage());
    }

    @Test
    void numpyReadsTheWrittenSequences() throws Exception {
        File python = new File("/usr/bin/python3");
        assumeTrue(python.canExecute(), "no python3");
        Path ds = synthetic().writeSequences(root, SEQ);
        Path audio = classFile(ds, "audio", "stage_1_train");
        String script =
                "import pickle,sys\n"
                        + "d=pickle.load(open(sys.argv[1],'rb'))\n"
                        + "print(' '.join('%s%s' % (x.dtype, x.shape) for x in d['features']),"
                        + " d['video_names'][0].decode())\n";
        Process p =
                new ProcessBuilder(python.getPath(), "-c", script, audio.toString())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int rc = p.waitFor();
        assumeTrue(!out.contains("No module named 'numpy'"), "python3 has no numpy");
        assertEquals(0, rc, out);
        PickledClips c = PickledClassFile.read(audio, PickledClassFile.Shape.SEQUENCE);
        StringBuilder expected = new StringBuilder();
        for (int t : c.lengths()) {
            expected.append(expected.length() == 0 ? "" : " ").append("float32(" + t + ", 3)");
        }
        assertEquals(expected + " " + c.names()[0], out);
    }
}
