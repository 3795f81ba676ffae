package org.avca4j.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.avca4j.benchmarks.cli.ConsoleProgress;
import org.avca4j.benchmarks.report.MachineInfo;
import org.avca4j.benchmarks.report.ReportWriter;
import org.avca4j.benchmarks.report.ReproductionRun;
import org.avca4j.benchmarks.report.SeedRun;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.BenchmarkFormatException;
import org.avca4j.trainer.data.BenchmarkReader;
import org.avca4j.trainer.data.sequence.SequenceBenchmark;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.Methods;
import org.avca4j.trainer.training.TrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reproduces the published table (docs/protocol.md#published-figures) for some methods and datasets
 * of one feature set over several seeds: {@link SeedRunner} in {@code
 * <out>/<Dataset>-<features>-seed<N>/} for AVCA and {@code
 * <out>/<method>-<Dataset>-<features>-seed<N>/} for the others, for every method, dataset and seed,
 * then {@link ReportWriter} into {@code <out>}. Resumable as a whole: a second run reuses the
 * finished seeds and continues the unfinished ones.
 */
public final class Reproduction {

    private static final Logger LOG = LoggerFactory.getLogger(Reproduction.class);

    private final Path dataRoot;
    private final List<GzslMethod> methods;
    private final List<DatasetName> datasets;
    private final FeatureSet features;
    private final List<Long> seeds;
    private final TextOrder textOrder;
    private final PresetChanges changes;
    private final Function<String, TrainingListener> listeners;
    private final Path out;
    private final SequenceReader sequenceReader;

    /** Reads a dataset's benchmark in a sequence layout (TCaF's), for methods that take one. */
    @FunctionalInterface
    public interface SequenceReader {

        /**
         * The benchmark of a dataset as feature sequences.
         *
         * @throws IOException if the folder is not in a sequence layout or a file is malformed
         */
        SequenceBenchmark read(DatasetName dataset) throws IOException;
    }

    /** The data folder's reader of one dataset, in whichever layout the folder holds. */
    private BenchmarkReader reader(DatasetName dataset) {
        return BenchmarkReader.builder()
                .setRoot(dataRoot)
                .setDataset(dataset)
                .optFeatureSet(features)
                .optSplit(features.defaultSplit())
                .optTextOrder(textOrder)
                .build();
    }

    private Reproduction(Builder b) {
        this.dataRoot = b.dataRoot;
        this.methods = List.copyOf(b.methods);
        this.datasets = List.copyOf(new LinkedHashSet<>(b.datasets));
        this.features = b.features;
        this.seeds = List.copyOf(new LinkedHashSet<>(b.seeds));
        this.textOrder = b.textOrder;
        this.changes = b.changes;
        this.listeners = b.listeners;
        this.out = b.out;
        this.sequenceReader = b.sequenceReader;
    }

    /** A builder; data root, datasets, feature set and output folder are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Everything a reproduction produced.
     *
     * @param run what the report describes
     * @param outcomes the outcome of every dataset and seed, in the order run
     * @param reportFiles the report files written into the output folder
     */
    public record Result(ReproductionRun run, List<SeedOutcome> outcomes, List<Path> reportFiles) {}

    /** The run folder name of a dataset, feature set and seed, e.g. {@code UCF-main-seed42}. */
    public static String runFolderName(DatasetName dataset, FeatureSet features, long seed) {
        return dataset.folder() + "-" + features.label() + "-seed" + seed;
    }

    /**
     * The run folder name of a method, dataset, feature set and seed: AVCA's as {@link
     * #runFolderName(DatasetName, FeatureSet, long)}, the others' with the method first, e.g.
     * {@code devise-UCF-main-seed42}.
     */
    public static String runFolderName(
            String method, DatasetName dataset, FeatureSet features, long seed) {
        String name = runFolderName(dataset, features, seed);
        return method.equals("avca") ? name : method + "-" + name;
    }

    /**
     * Runs (or resumes) every dataset and seed and writes the report.
     *
     * @return the runs and the report files
     * @throws BenchmarkFormatException if a dataset folder is missing (checked before anything is
     *     trained) or a benchmark file is malformed
     * @throws IllegalStateException if a run folder holds a run of another configuration
     * @throws IOException if a file cannot be read or written
     */
    public Result run() throws IOException {
        for (DatasetName d : datasets) {
            Path folder = dataRoot.resolve(d.folder());
            if (!Files.isDirectory(folder)) {
                throw new BenchmarkFormatException(
                        folder,
                        "dataset folder not found, expected <data>/"
                                + d.folder()
                                + " with class-split/ and features/ (the layout of the AVCA download)");
            }
        }
        Instant started = Instant.now();
        List<SeedOutcome> outcomes = new ArrayList<>();
        int total = methods.size() * datasets.size() * seeds.size();
        for (DatasetName dataset : datasets) {
            Benchmark vectors = null;
            SequenceBenchmark sequences = null;
            for (GzslMethod method : methods) {
                Benchmark benchmark;
                if (method.takesSequences()) {
                    if (sequences == null) {
                        sequences =
                                sequenceReader != null
                                        ? sequenceReader.read(dataset)
                                        : reader(dataset).readSequences();
                    }
                    benchmark = sequences.averaged();
                } else {
                    if (vectors == null) {
                        vectors = reader(dataset).read();
                    }
                    benchmark = vectors;
                }
                for (long seed : seeds) {
                    String title =
                            method.displayName() + " " + dataset + " " + features + " seed " + seed;
                    LOG.info("[{}/{}] {}", outcomes.size() + 1, total, title);
                    SeedRunner.Builder runner = SeedRunner.builder();
                    if (method.takesSequences()) {
                        runner.optSequences(sequences);
                    }
                    SeedOutcome o =
                            runner.setBenchmark(benchmark)
                                    .setRunFolder(
                                            out.resolve(
                                                    runFolderName(
                                                            method.id(), dataset, features, seed)))
                                    .optMethod(method)
                                    .optSeed(seed)
                                    .optPresetChanges(changes)
                                    .optListener(listeners.apply(title))
                                    .build()
                                    .run();
                    outcomes.add(o);
                }
            }
        }
        List<SeedRun> runs = outcomes.stream().map(SeedOutcome::seedRun).toList();
        ReproductionRun run =
                new ReproductionRun(
                        runs, MachineInfo.current(), Versions.current(), started, Instant.now());
        List<Path> files = ReportWriter.write(run, out);
        LOG.info("Report written to {}", out.resolve(ReportWriter.REPORT_MD));
        return new Result(run, List.copyOf(outcomes), files);
    }

    /** Builds a {@link Reproduction}. */
    public static final class Builder {
        private Path dataRoot;
        private List<GzslMethod> methods;
        private List<DatasetName> datasets;
        private FeatureSet features;
        private List<Long> seeds = List.of(42L);
        private TextOrder textOrder = TextOrder.OWN;
        private PresetChanges changes = PresetChanges.NONE;
        private Function<String, TrainingListener> listeners = ConsoleProgress::new;
        private Path out;
        private SequenceReader sequenceReader;

        private Builder() {}

        /**
         * Reads the datasets in a sequence layout for the methods that take sequences ({@link
         * GzslMethod#takesSequences}); by default the data folder is read in the TCaF layout
         * (per-class {@code .pkl} sequence files, docs/data-format.md).
         */
        public Builder optSequenceReader(SequenceReader sequenceReader) {
            this.sequenceReader = Objects.requireNonNull(sequenceReader, "sequenceReader");
            return this;
        }

        /** The folder holding {@code <Dataset>/} folders in the download's layout (required). */
        public Builder setDataRoot(Path dataRoot) {
            this.dataRoot = Objects.requireNonNull(dataRoot, "dataRoot");
            return this;
        }

        /**
         * The methods, run in this order for every dataset (default: AVCA alone, {@link
         * Methods#of}).
         */
        public Builder optMethods(List<GzslMethod> methods) {
            this.methods = List.copyOf(methods);
            return this;
        }

        /** The datasets, run in this order (required, not empty). */
        public Builder setDatasets(List<DatasetName> datasets) {
            this.datasets = List.copyOf(datasets);
            return this;
        }

        /** The feature set, and with it the class split (required). */
        public Builder setFeatureSet(FeatureSet features) {
            this.features = Objects.requireNonNull(features, "features");
            return this;
        }

        /** Where run folders and the report go (required). */
        public Builder setOut(Path out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /** The seeds (default 42 only). */
        public Builder optSeeds(List<Long> seeds) {
            this.seeds = List.copyOf(seeds);
            return this;
        }

        /** The text order (default {@link TextOrder#OWN}). */
        public Builder optTextOrder(TextOrder textOrder) {
            this.textOrder = Objects.requireNonNull(textOrder, "textOrder");
            return this;
        }

        /**
         * Changes of the presets' training settings and architecture, the same for every run
         * (default: {@link PresetChanges#NONE}).
         */
        public Builder optPresetChanges(PresetChanges changes) {
            this.changes = Objects.requireNonNull(changes, "changes");
            return this;
        }

        /** A progress listener per run, given its title (default: a {@link ConsoleProgress}). */
        public Builder optListeners(Function<String, TrainingListener> listeners) {
            this.listeners = Objects.requireNonNull(listeners, "listeners");
            return this;
        }

        /**
         * @throws IllegalStateException if a required field is missing
         * @throws IllegalArgumentException if there is no dataset or no seed
         */
        public Reproduction build() {
            if (dataRoot == null || datasets == null || features == null || out == null) {
                throw new IllegalStateException(
                        "Reproduction needs setDataRoot, setDatasets, setFeatureSet and setOut");
            }
            if (datasets.isEmpty()) {
                throw new IllegalArgumentException("no dataset to reproduce");
            }
            if (methods == null) {
                methods = List.of(Methods.of("avca"));
            }
            if (methods.isEmpty()) {
                throw new IllegalArgumentException("no method to reproduce");
            }
            if (seeds.isEmpty()) {
                throw new IllegalArgumentException("no seed to run");
            }
            return new Reproduction(this);
        }
    }
}
