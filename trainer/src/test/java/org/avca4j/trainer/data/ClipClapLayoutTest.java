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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ClipClap layout: synthetic writer, detection, reader, and every layout-level error. */
class ClipClapLayoutTest {

    @TempDir Path root;

    private SyntheticBenchmark synthetic() {
        return SyntheticBenchmark.builder()
                .setDataset(DatasetName.UCF)
                .optLayout(DataLayout.CLIPCLAP)
                .optWidths(6, 4)
                .optTextDim(10)
                .optClasses(6)
                .optClipsPerClass(3)
                .build();
    }

    private BenchmarkReader.Builder reader() {
        return BenchmarkReader.builder()
                .setRoot(root)
                .setDataset(DatasetName.UCF)
                .optFeatureSet(FeatureSet.CLS)
                .optSplit(SplitName.CLS);
    }

    private static void assertSameSet(ClipSet a, ClipSet b) {
        assertEquals(a.size(), b.size(), a.name());
        assertEquals(a.audioDim(), b.audioDim());
        assertEquals(a.videoDim(), b.videoDim());
        assertArrayEquals(a.audio(), b.audio(), 0f, a.name());
        assertArrayEquals(a.video(), b.video(), 0f, a.name());
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.urls(), b.urls());
        assertArrayEquals(a.seenClasses(), b.seenClasses());
        assertArrayEquals(a.unseenClasses(), b.unseenClasses());
    }

    @Test
    void writtenFolderIsDetectedAndReadsBackAsGenerated() throws Exception {
        Path ds = synthetic().write(root);
        assertEquals(DataLayout.CLIPCLAP, DataLayout.detect(ds, DatasetName.UCF));
        assertTrue(Files.exists(ds.resolve("class-split/ucf_clip_class_names.csv")));
        assertTrue(
                Files.exists(ds.resolve("features/cls_features_non_averaged/video/stage_1_train")));
        Benchmark read = reader().build().read();
        Benchmark expected = synthetic().generate();
        assertEquals(10, read.textDim(), "text = CLIP (4) ‖ CLAP (6)");
        assertEquals(expected.classNames(), read.classNames());
        for (int c = 0; c < read.classCount(); c++) {
            assertArrayEquals(expected.embeddings()[c], read.embeddings()[c], 0f);
        }
        assertSameSet(expected.stage1Train(), read.stage1Train());
        assertSameSet(expected.stage1Val(), read.stage1Val());
        assertSameSet(expected.stage2Train(), read.stage2Train());
        assertSameSet(expected.test(), read.test());
        Benchmark explicit = reader().optLayout(DataLayout.CLIPCLAP).build().read();
        assertSameSet(read.test(), explicit.test());
    }

    @Test
    void textIsClipThenClapOfTheSameKey() throws Exception {
        Path ds = synthetic().write(root);
        Path text = ds.resolve("features/cls_features_non_averaged/text");
        Map<String, float[]> clip =
                TextEmbeddings.read(text.resolve("word_embeddings_ucf_normed.npy"));
        Map<String, float[]> clap =
                TextEmbeddings.read(text.resolve("wavcaps_word_embeddings_ucf_normed.npy"));
        Benchmark b = reader().build().read();
        String key = clip.keySet().iterator().next();
        int id = b.classNames().indexOf(key.replace(' ', '_'));
        float[] w = b.embeddings()[id];
        for (int i = 0; i < 4; i++) {
            assertEquals(clip.get(key)[i], w[i], 0f);
        }
        for (int i = 0; i < 6; i++) {
            assertEquals(clap.get(key)[i], w[4 + i], 0f);
        }
    }

    @Test
    void mainFeatureSetIsRefusedForClipClap() throws Exception {
        synthetic().write(root);
        BenchmarkFormatException e =
                assertThrows(
                        BenchmarkFormatException.class,
                        () ->
                                BenchmarkReader.builder()
                                        .setRoot(root)
                                        .setDataset(DatasetName.UCF)
                                        .optSplit(SplitName.CLS)
                                        .build()
                                        .read());
        assertTrue(e.getMessage().contains("expected feature set cls"), e.getMessage());
    }

    private Path classFile(Path ds, String modality, String stage) throws Exception {
        try (var s =
                Files.list(
                        ds.resolve("features/cls_features_non_averaged")
                                .resolve(modality)
                                .resolve(stage))) {
            return s.sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void mismatchedAudioVideoNamesAreNamed() throws Exception {
        Path ds = synthetic().write(root);
        Path video = classFile(ds, "video", "stage_1_train");
        PickledClips clips = PickledClassFile.read(video, PickledClassFile.Shape.VECTOR);
        String[] names = clips.names().clone();
        names[1] = "someone_else";
        FeatureFile f = clips.asVectors();
        PickledClassFile.writeVectors(
                video, new FeatureFile(f.rows(), f.dim(), f.data(), names), true);
        BenchmarkFormatException e =
                assertThrows(BenchmarkFormatException.class, () -> reader().build().read());
        assertEquals(video, e.file());
        assertTrue(e.getMessage().contains("clip 1 is 'someone_else', expected"), e.getMessage());
    }

    @Test
    void missingClassFileIsNamed() throws Exception {
        Path ds = synthetic().write(root);
        Path audio = classFile(ds, "audio", "stage_2_test_unseen");
        Files.delete(audio);
        BenchmarkFormatException e =
                assertThrows(BenchmarkFormatException.class, () -> reader().build().read());
        assertEquals(audio.getParent(), e.file());
        assertTrue(e.getMessage().contains("no features for class"), e.getMessage());
        assertTrue(e.getMessage().contains(audio.getFileName().toString()), e.getMessage());
    }

    @Test
    void textDictsWithDifferentKeysAreNamed() throws Exception {
        Path ds = synthetic().write(root);
        Path clapFile =
                ds.resolve(
                        "features/cls_features_non_averaged/text/wavcaps_word_embeddings_ucf_normed.npy");
        Map<String, float[]> clap = new LinkedHashMap<>(TextEmbeddings.read(clapFile));
        String dropped = clap.keySet().iterator().next();
        clap.remove(dropped);
        TextEmbeddings.write(clapFile, clap);
        BenchmarkFormatException e =
                assertThrows(BenchmarkFormatException.class, () -> reader().build().read());
        assertEquals(clapFile, e.file());
        assertTrue(e.getMessage().contains("no vector for '" + dropped + "'"), e.getMessage());
    }

    @Test
    void numpyReadsTheWrittenClassFiles() throws Exception {
        File python = new File("/usr/bin/python3");
        assumeTrue(python.canExecute(), "no python3");
        Path ds = synthetic().write(root);
        Path video = classFile(ds, "video", "stage_1_train");
        Path audio = classFile(ds, "audio", "stage_1_train");
        String script =
                "import pickle,sys\n"
                        + "for f in sys.argv[1:]:\n"
                        + "  d=pickle.load(open(f,'rb'))\n"
                        + "  x=d['features'][0]\n"
                        + "  print(sorted(d), x.dtype, x.shape, len(d['features']),"
                        + " d['video_names'][0].decode(), repr(float(x[1])))\n";
        Process p =
                new ProcessBuilder(
                                python.getPath(), "-c", script, video.toString(), audio.toString())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        assumeTrue(!out.contains("No module named 'numpy'"), "python3 has no numpy");
        assertEquals(0, rc, out);
        List<String> lines = out.lines().toList();
        PickledClips v = PickledClassFile.read(video, PickledClassFile.Shape.VECTOR);
        PickledClips a = PickledClassFile.read(audio, PickledClassFile.Shape.VECTOR);
        assertEquals(
                "['features', 'fps', 'video_names'] float16 (4,) "
                        + v.clips()
                        + " "
                        + v.names()[0]
                        + " "
                        + (double) v.data()[1],
                lines.get(0));
        assertEquals(
                "['features', 'fps', 'video_names'] float32 (6,) "
                        + a.clips()
                        + " "
                        + a.names()[0]
                        + " "
                        + (double) a.data()[1],
                lines.get(1));
    }
}
