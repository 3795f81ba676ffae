package org.avca4j.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.sequence.SequenceBenchmark;
import org.avca4j.trainer.data.sequence.SequenceClipSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a benchmark in TCaF's layout into a {@link SequenceBenchmark}: class splits and w2v table
 * as AVCA's, features {@code
 * features/<set>_features_non_averaged/{audio,video}/<stage>/<Class>.pkl} of sequences {@code (T_i,
 * D)}, text AVCA's {@code .npy} in that folder's {@code text/}. Values are as stored (cls audio
 * stays uint8 0–255; the method scales it). Sets, order and pairing checks are those of {@link
 * BenchmarkReader}.
 */
final class TcafReader {

    private static final Logger LOG = LoggerFactory.getLogger(TcafReader.class);

    private TcafReader() {}

    /** {@code <datasetDir>/features/<set>_features_non_averaged}. */
    static Path featureDir(Path datasetDir, FeatureSet featureSet) {
        return datasetDir
                .resolve("features")
                .resolve(featureSet.folder() + DataLayout.NON_AVERAGED);
    }

    /**
     * Reads the benchmark.
     *
     * @throws BenchmarkFormatException if a folder or file is missing or malformed, a class file is
     *     missing, or audio and video of a class hold different clips
     * @throws IOException if a file cannot be read
     */
    static SequenceBenchmark read(
            Path datasetDir,
            DatasetName dataset,
            FeatureSet featureSet,
            SplitName split,
            TextOrder order)
            throws IOException {
        long start = System.nanoTime();
        ClassSplits splits =
                ClassSplits.read(BenchmarkLayout.classSplitDir(datasetDir), dataset, split);
        Path featureDir = featureDir(datasetDir, featureSet);
        DataLayout.requireFeatureDir(featureDir);
        Path textFile = BenchmarkLayout.textFile(featureDir, dataset);
        float[][] embeddings =
                splits.assignEmbeddings(TextEmbeddings.read(textFile), order, textFile);
        ClassFileIndex files = new ClassFileIndex(featureDir, splits, ".pkl");
        List<String> warnings = new ArrayList<>(splits.warnings());
        SequenceClipSet[] sets =
                new SequenceSetAssembler(
                                splits,
                                new SequenceSetAssembler.Source() {
                                    @Override
                                    public PickledClips load(
                                            Modality m, SplitStage stage, String name)
                                            throws IOException {
                                        PickledClips c =
                                                PickledClassFile.read(
                                                        files.find(m, stage, name),
                                                        PickledClassFile.Shape.SEQUENCE);
                                        warnings.addAll(c.warnings());
                                        return c;
                                    }

                                    @Override
                                    public Path location(
                                            Modality m, SplitStage stage, String name) {
                                        return files.location(m, stage, name);
                                    }
                                })
                        .assemble();
        warnings.addAll(files.warnings());
        LOG.info(
                "Read {} (TCaF layout) {}/{}: {} classes, audio {}-d, video {}-d; clips: stage1_train {}, "
                        + "stage1_val {}, stage2_train {}, test {}; in {} ms",
                dataset,
                featureSet,
                split,
                splits.classCount(),
                sets[0].audioDim(),
                sets[0].videoDim(),
                sets[0].size(),
                sets[1].size(),
                sets[2].size(),
                sets[3].size(),
                (System.nanoTime() - start) / 1_000_000);
        return new SequenceBenchmark(
                dataset,
                featureSet,
                split,
                splits.classNames(),
                embeddings,
                order,
                sets[0],
                sets[1],
                sets[2],
                sets[3],
                List.copyOf(warnings));
    }
}
