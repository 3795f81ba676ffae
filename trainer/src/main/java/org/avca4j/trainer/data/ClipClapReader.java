package org.avca4j.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a benchmark in ClipClap-GZSL's layout ({@link ClipClapLayout}) into a {@link Benchmark} of
 * single vectors: audio = CLAP 1024-d, video = CLIP 512-d (float16 on disk, exact in float), text =
 * [CLIP 512 ‖ CLAP 1024], 1536-d, not re-normalised. Sets, clip order and checks are those of
 * {@link BenchmarkReader}: class files are found by name, clips of audio and video are paired by
 * index and checked by name.
 */
final class ClipClapReader {

    private static final Logger LOG = LoggerFactory.getLogger(ClipClapReader.class);

    private ClipClapReader() {}

    /**
     * Reads the benchmark.
     *
     * @throws BenchmarkFormatException if a folder or file is missing or malformed, the two text
     *     dicts have different keys or a key's vectors are missing, a class file is missing, or
     *     audio and video of a class hold different clips
     * @throws IOException if a file cannot be read
     */
    static Benchmark read(Path datasetDir, DatasetName dataset, SplitName split, TextOrder order)
            throws IOException {
        long start = System.nanoTime();
        ClassSplits splits =
                ClassSplits.read(
                        BenchmarkLayout.classSplitDir(datasetDir),
                        dataset,
                        split,
                        ClipClapLayout.classNamesFile(dataset),
                        ClipClapLayout.keyColumn(dataset));
        Path featureDir = ClipClapLayout.featureDir(datasetDir);
        DataLayout.requireFeatureDir(featureDir);
        Path clipFile = ClipClapLayout.clipTextFile(featureDir, dataset);
        float[][] embeddings =
                splits.assignEmbeddings(
                        concatenatedText(
                                clipFile,
                                TextEmbeddings.read(clipFile),
                                ClipClapLayout.clapTextFile(featureDir, dataset)),
                        order,
                        clipFile);
        PickleFeatures features = new PickleFeatures(featureDir, splits);
        ClipSet[] sets = new ClipSetAssembler(splits, features).assemble();
        List<String> warnings = new ArrayList<>(splits.warnings());
        warnings.addAll(features.files.warnings());
        warnings.addAll(features.warnings);
        Benchmark b =
                Benchmark.of(
                        dataset, FeatureSet.CLS, split, order, splits, embeddings, sets, warnings);
        LOG.info(
                "Read {} (ClipClap layout) {}: {} classes, text {}-d, audio {}-d, video {}-d; clips: "
                        + "stage1_train {}, stage1_val {}, stage2_train {}, test {}; in {} ms",
                dataset,
                split,
                b.classCount(),
                b.textDim(),
                sets[0].audioDim(),
                sets[0].videoDim(),
                sets[0].size(),
                sets[1].size(),
                sets[2].size(),
                sets[3].size(),
                (System.nanoTime() - start) / 1_000_000);
        return b;
    }

    /** key → [CLIP ‖ CLAP], in the CLIP dict's key order; both dicts must have the same keys. */
    private static Map<String, float[]> concatenatedText(
            Path clipFile, Map<String, float[]> clip, Path clapFile) throws IOException {
        Map<String, float[]> clap = TextEmbeddings.read(clapFile);
        for (String key : clap.keySet()) {
            if (!clip.containsKey(key)) {
                throw new BenchmarkFormatException(
                        clipFile, "no vector for '" + key + "', expected the keys of " + clapFile);
            }
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : clip.entrySet()) {
            float[] a = e.getValue();
            float[] b = clap.get(e.getKey());
            if (b == null) {
                throw new BenchmarkFormatException(
                        clapFile,
                        "no vector for '" + e.getKey() + "', expected the keys of " + clipFile);
            }
            float[] w = new float[a.length + b.length];
            System.arraycopy(a, 0, w, 0, a.length);
            System.arraycopy(b, 0, w, a.length, b.length);
            out.put(e.getKey(), w);
        }
        return out;
    }

    /** Class {@code .pkl} files of single vectors. */
    private static final class PickleFeatures implements FeatureSource {
        private final ClassFileIndex files;
        private final List<String> warnings = new ArrayList<>();

        PickleFeatures(Path featureDir, ClassSplits splits) {
            this.files = new ClassFileIndex(featureDir, splits, ".pkl");
        }

        @Override
        public FeatureFile load(Modality modality, SplitStage stage, int classId, String listedName)
                throws IOException {
            PickledClips clips =
                    PickledClassFile.read(
                            files.find(modality, stage, listedName), PickledClassFile.Shape.VECTOR);
            warnings.addAll(clips.warnings());
            clips.warnings().forEach(LOG::warn);
            return clips.asVectors();
        }

        @Override
        public Path location(Modality modality, SplitStage stage, String listedName) {
            return files.location(modality, stage, listedName);
        }
    }
}
