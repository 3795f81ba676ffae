package org.avca4j.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.sequence.SequenceBenchmark;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one benchmark in the layout of the AVCA download (docs/data-format.md) into a {@link
 * Benchmark}, or, where the folder is in ClipClap-GZSL's layout (detected, or chosen with {@link
 * Builder#optLayout}), through {@link ClipClapReader}.
 *
 * <pre>{@code
 * Benchmark b = BenchmarkReader.builder()
 *         .setRoot(root).setDataset(DatasetName.UCF)
 *         .optFeatureSet(FeatureSet.CLS).optTextOrder(TextOrder.REFERENCE)
 *         .build().read();
 * }</pre>
 *
 * <p>Clip sets: {@code stage1_train} is the folder {@code stage_1_train} (seen: its class list);
 * {@code stage1_val} the folders {@code stage_1_val_seen} then {@code stage_1_val_unseen} (seen and
 * unseen: their lists); {@code stage2_train} the three stage-1 folders together (seen: all their
 * classes); {@code test} the folders {@code stage_2_test_seen} then {@code stage_2_test_unseen}.
 * Within a set, clips follow the folder order above, then the class order of the folder's {@code
 * .txt} list, then the row order of the class's file. A class's file is {@code <ClassName>.h5}, its
 * name matched to the list like all class names ({@link BenchmarkLayout#matchKey}: NFC, then the
 * dataset's case rule). Where the split has a stage's {@code .csv} clip list, a class file may not
 * declare more clips than it lists for the class; this is checked before the file's values are
 * decompressed.
 *
 * <p>The text embeddings are read from {@code features/<set>/text/}, or, where that file is absent,
 * from {@code <root>/<Dataset>/} (where the shared copy of the class splits keeps them); a log line
 * says which.
 */
public final class BenchmarkReader {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkReader.class);

    private final Path root;
    private final DatasetName dataset;
    private final FeatureSet featureSet;
    private final SplitName split;
    private final TextOrder textOrder;
    private final DataLayout layout;

    private BenchmarkReader(Builder b) {
        this.layout = b.layout;
        this.root = b.root;
        this.dataset = b.dataset;
        this.featureSet = b.featureSet;
        this.split = b.split;
        this.textOrder = b.textOrder;
    }

    /** A builder; {@code setRoot} and {@code setDataset} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the benchmark.
     *
     * @return class names, text embeddings and the four clip sets
     * @throws BenchmarkFormatException if a folder or file is missing; a split file names a class
     *     that has no features or no embedding; audio and video files of a class hold different
     *     clips; feature widths differ between files; a value is not finite; a class file is empty;
     *     a {@code .npy} or {@code .h5} file is malformed; or the pickle names a forbidden global
     * @throws IOException if a file cannot be read
     */
    public Benchmark read() throws IOException {
        long start = System.nanoTime();
        Path datasetDir = BenchmarkLayout.datasetDir(root, dataset);
        if (!Files.isDirectory(datasetDir)) {
            throw new BenchmarkFormatException(
                    datasetDir, "dataset folder not found, expected <root>/" + dataset.folder());
        }
        DataLayout found = layout != null ? layout : DataLayout.detect(datasetDir, dataset);
        if (found == DataLayout.CLIPCLAP) {
            if (featureSet != FeatureSet.CLS) {
                throw new BenchmarkFormatException(
                        ClipClapLayout.featureDir(datasetDir),
                        "the ClipClap layout holds only "
                                + ClipClapLayout.FEATURE_FOLDER
                                + " (CLIP/CLAP features), expected feature set cls, got "
                                + featureSet);
            }
            return ClipClapReader.read(datasetDir, dataset, split, textOrder);
        }
        if (found == DataLayout.TCAF) {
            throw new BenchmarkFormatException(
                    datasetDir,
                    "the TCaF layout holds feature sequences, which a Benchmark of vectors cannot "
                            + "hold: read it with readSequences()");
        }
        ClassSplits splits =
                ClassSplits.read(BenchmarkLayout.classSplitDir(datasetDir), dataset, split);
        Path featureDir = BenchmarkLayout.featureDir(datasetDir, featureSet);
        if (!Files.isDirectory(featureDir)) {
            throw new BenchmarkFormatException(
                    featureDir,
                    "feature folder not found, expected features/"
                            + featureSet.folder()
                            + " with audio/, video/ and text/");
        }
        Path textFile = textFile(datasetDir, featureDir);
        float[][] embeddings =
                splits.assignEmbeddings(TextEmbeddings.read(textFile), textOrder, textFile);

        DiskFeatures features = new DiskFeatures(featureDir, splits);
        ClipSet[] sets = new ClipSetAssembler(splits, features).assemble();
        List<String> warnings = new ArrayList<>(splits.warnings());
        warnings.addAll(features.files.warnings());
        Benchmark b =
                Benchmark.of(
                        dataset, featureSet, split, textOrder, splits, embeddings, sets, warnings);
        LOG.info(
                "Read {} {}/{}: {} classes, text order {}, audio {}-d, video {}-d; clips: stage1_train {}, "
                        + "stage1_val {}, stage2_train {}, test {}; {} feature files in {} ms",
                dataset,
                featureSet.folder(),
                split,
                b.classCount(),
                textOrder,
                sets[0].audioDim(),
                sets[0].videoDim(),
                sets[0].size(),
                sets[1].size(),
                sets[2].size(),
                sets[3].size(),
                features.filesRead,
                (System.nanoTime() - start) / 1_000_000);
        return b;
    }

    /**
     * Reads a benchmark in the TCaF layout (detected, or chosen with {@link Builder#optLayout}) as
     * feature sequences.
     *
     * @return class names, text embeddings and the four sequence clip sets
     * @throws BenchmarkFormatException if the folder is not in the TCaF layout, or as {@link #read}
     *     for its files (a class file missing, a clip not a {@code (T, D)} array, audio and video
     *     of a class naming different clips, a pickle naming a forbidden global, …)
     * @throws IOException if a file cannot be read
     */
    public SequenceBenchmark readSequences() throws IOException {
        Path datasetDir = BenchmarkLayout.datasetDir(root, dataset);
        if (!Files.isDirectory(datasetDir)) {
            throw new BenchmarkFormatException(
                    datasetDir, "dataset folder not found, expected <root>/" + dataset.folder());
        }
        DataLayout found = layout != null ? layout : DataLayout.detect(datasetDir, dataset);
        if (found != DataLayout.TCAF) {
            throw new BenchmarkFormatException(
                    datasetDir,
                    "expected the TCaF layout (features/<set>_features_non_averaged), found "
                            + found);
        }
        return TcafReader.read(datasetDir, dataset, featureSet, split, textOrder);
    }

    private Path textFile(Path datasetDir, Path featureDir) throws BenchmarkFormatException {
        Path inFeatures = BenchmarkLayout.textFile(featureDir, dataset);
        if (Files.exists(inFeatures)) { // a special file there is named by InputFile
            LOG.info("Text embeddings: {} (download layout)", inFeatures);
            return inFeatures;
        }
        Path fallback = BenchmarkLayout.fallbackTextFile(datasetDir, dataset);
        if (Files.exists(fallback)) {
            LOG.info(
                    "Text embeddings: {} (not found at {}; using the copy beside class-split)",
                    fallback,
                    inFeatures);
            return fallback;
        }
        throw new BenchmarkFormatException(
                inFeatures, "text embeddings not found here nor at " + fallback);
    }

    /** Feature files on disk, found by matching file names to class names. */
    private static final class DiskFeatures implements FeatureSource {
        private final ClassSplits splits;
        private final ClassFileIndex files;
        private final Map<SplitStage, int[]> csvCounts = new EnumMap<>(SplitStage.class);
        private int filesRead;

        DiskFeatures(Path featureDir, ClassSplits splits) {
            this.splits = splits;
            this.files = new ClassFileIndex(featureDir, splits, ".h5");
        }

        @Override
        public FeatureFile load(Modality modality, SplitStage stage, int classId, String listedName)
                throws IOException {
            int[] counts = clipCounts(stage);
            Path file = files.find(modality, stage, listedName);
            filesRead++;
            if (counts == null || counts[classId] == 0) {
                return Hdf5Features.read(file);
            }
            return Hdf5Features.read(file, counts[classId], splits.clipListFile(stage).toString());
        }

        /** Clips per class id that the stage's {@code .csv} lists; null if the split lacks it. */
        private int[] clipCounts(SplitStage stage) throws IOException {
            if (!csvCounts.containsKey(stage)) {
                Path csv = splits.clipListFile(stage);
                csvCounts.put(
                        stage,
                        Files.exists(csv, LinkOption.NOFOLLOW_LINKS)
                                ? splits.clipCounts(csv)
                                : null);
            }
            return csvCounts.get(stage);
        }

        @Override
        public Path location(Modality modality, SplitStage stage, String listedName) {
            return files.location(modality, stage, listedName);
        }
    }

    /** Builder of {@link BenchmarkReader}. */
    public static final class Builder extends BenchmarkChoice<Builder> {
        private Path root;
        private TextOrder textOrder = TextOrder.OWN;
        private DataLayout layout;

        private Builder() {}

        /**
         * The folder's layout; default: detected ({@link DataLayout#detect}).
         *
         * @throws NullPointerException if {@code layout} is null
         */
        public Builder optLayout(DataLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** The data root that holds {@code <Dataset>/} folders. Required. */
        public Builder setRoot(Path root) {
            this.root = Objects.requireNonNull(root, "root");
            return this;
        }

        /** How text embeddings are assigned to classes; default {@link TextOrder#OWN}. */
        public Builder optTextOrder(TextOrder textOrder) {
            this.textOrder = Objects.requireNonNull(textOrder, "textOrder");
            return this;
        }

        /**
         * @throws IllegalStateException if the root or the dataset is not set
         */
        public BenchmarkReader build() {
            if (root == null || dataset == null) {
                throw new IllegalStateException("BenchmarkReader needs setRoot and setDataset");
            }
            return new BenchmarkReader(this);
        }
    }
}
