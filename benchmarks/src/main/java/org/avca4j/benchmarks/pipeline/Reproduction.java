package org.avca4j.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
import org.avca4j.trainer.data.DataLayout;
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

    private final DataRoots roots;
    private Map<DatasetName, List<DataRoots.Source>> sources;
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

    /** The reader of one dataset at a source, told its layout. */
    private BenchmarkReader reader(DataRoots.Source source, DatasetName dataset) {
        return BenchmarkReader.builder()
                .setRoot(source.root())
                .setDataset(dataset)
                .optLayout(source.layout())
                .optFeatureSet(features)
                .optSplit(features.defaultSplit())
                .optTextOrder(textOrder)
                .build();
    }

    private Reproduction(Builder b) {
        this.roots = new DataRoots(b.dataRoot, b.layoutRoots);
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

    /**
     * A builder; datasets, feature set and output folder are required, and a data root for every
     * method's layout ({@link #run} checks).
     */
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
     * @throws BenchmarkFormatException if a dataset folder is missing or holds a layout its method
     *     cannot read (checked before anything is read or trained), or a benchmark file is
     *     malformed (checked before anything is trained on its dataset)
     * @throws IllegalArgumentException if a method's layout has no data root (checked before
     *     anything is read or trained; the message names the method, its layout and the option to
     *     pass), or a setting contradicts its benchmark's widths (checked before anything is
     *     trained on the dataset)
     * @throws IllegalStateException if a run folder holds a run of another configuration
     * @throws IOException if a file cannot be read or written
     */
    public Result run() throws IOException {
        Map<DatasetName, List<DataRoots.Source>> sources = sourcesOnce();
        Instant started = Instant.now();
        List<SeedOutcome> outcomes = new ArrayList<>();
        int total = methods.size() * datasets.size() * seeds.size();
        for (DatasetName dataset : datasets) {
            // Every layout this dataset is read in, before anything is trained on it; each
            // method's settings checked against its benchmark's widths.
            Map<DataRoots.Source, Benchmark> vectors = new HashMap<>();
            Map<DataRoots.Source, SequenceBenchmark> sequenceSets = new HashMap<>();
            List<Benchmark> benchmarks = new ArrayList<>();
            List<SequenceBenchmark> sequences = new ArrayList<>();
            for (int i = 0; i < methods.size(); i++) {
                GzslMethod method = methods.get(i);
                DataRoots.Source source = sources.get(dataset).get(i);
                SequenceBenchmark seq = null;
                Benchmark benchmark;
                if (method.takesSequences()) {
                    seq = sequenceSets.get(source);
                    if (seq == null) {
                        seq =
                                source == null
                                        ? sequenceReader.read(dataset)
                                        : reader(source, dataset).readSequences();
                        sequenceSets.put(source, seq);
                        vectors.put(source, seq.averaged());
                    }
                    benchmark = vectors.get(source);
                } else {
                    benchmark = vectors.get(source);
                    if (benchmark == null) {
                        benchmark = reader(source, dataset).read();
                        vectors.put(source, benchmark);
                    }
                }
                changes.settings(method, benchmark);
                benchmarks.add(benchmark);
                sequences.add(seq);
            }
            for (int i = 0; i < methods.size(); i++) {
                GzslMethod method = methods.get(i);
                for (long seed : seeds) {
                    String title =
                            method.displayName() + " " + dataset + " " + features + " seed " + seed;
                    LOG.info("[{}/{}] {}", outcomes.size() + 1, total, title);
                    SeedRunner.Builder runner = SeedRunner.builder();
                    if (sequences.get(i) != null) {
                        runner.optSequences(sequences.get(i));
                    }
                    SeedOutcome o =
                            runner.setBenchmark(benchmarks.get(i))
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

    /**
     * Checks, without reading any benchmark, that every method has a data root in a layout it
     * reads, so that a command can refuse a run before it creates its output folder; {@link #run}
     * checks the same (once: the answer is kept).
     *
     * @throws BenchmarkFormatException if a dataset folder is missing or holds a layout its method
     *     cannot read
     * @throws IllegalArgumentException if a method's layout has no data root
     * @throws IOException if a dataset folder cannot be listed
     */
    public void checkDataRoots() throws IOException {
        sourcesOnce();
    }

    private Map<DatasetName, List<DataRoots.Source>> sourcesOnce() throws IOException {
        if (sources == null) {
            sources = sources();
        }
        return sources;
    }

    /**
     * Where every method reads every dataset ({@link DataRoots#source}), in the order of {@link
     * #methods}; null for a sequence method read by the {@link SequenceReader}. Logs each.
     */
    private Map<DatasetName, List<DataRoots.Source>> sources() throws IOException {
        Map<DatasetName, List<DataRoots.Source>> sources = new LinkedHashMap<>();
        for (DatasetName d : datasets) {
            List<DataRoots.Source> list = new ArrayList<>();
            for (GzslMethod m : methods) {
                DataRoots.Source s =
                        m.takesSequences() && sequenceReader != null
                                ? null
                                : roots.source(m, d, features);
                if (s != null) {
                    LOG.info(
                            "{} reads {} in the {} layout from {}",
                            m.displayName(),
                            d,
                            s.layout().displayName(),
                            s.root());
                }
                list.add(s);
            }
            sources.put(d, list);
        }
        return sources;
    }

    /** Builds a {@link Reproduction}. */
    public static final class Builder {
        private Path dataRoot;
        private final Map<DataLayout, Path> layoutRoots = new EnumMap<>(DataLayout.class);
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
         * GzslMethod#takesSequences}), in place of any data root; by default they are read in the
         * TCaF layout (per-class {@code .pkl} sequence files, docs/data-format.md) from the root of
         * that layout ({@link #optLayoutRoot}) or the data root ({@link #setDataRoot}).
         */
        public Builder optSequenceReader(SequenceReader sequenceReader) {
            this.sequenceReader = Objects.requireNonNull(sequenceReader, "sequenceReader");
            return this;
        }

        /**
         * The folder holding {@code <Dataset>/} folders in any layout, read in the layout each
         * dataset folder holds by every method that can read it and has no root of its own layout
         * ({@link #optLayoutRoot}; docs/results.md#data-roots).
         */
        public Builder setDataRoot(Path dataRoot) {
            this.dataRoot = Objects.requireNonNull(dataRoot, "dataRoot");
            return this;
        }

        /**
         * The folder holding {@code <Dataset>/} folders in one layout, read in that layout by the
         * methods whose data are in it ({@link GzslMethod#dataLayout()}).
         *
         * @throws IllegalArgumentException if the layout already has a root
         */
        public Builder optLayoutRoot(DataLayout layout, Path root) {
            Objects.requireNonNull(root, "root");
            if (layoutRoots.containsKey(Objects.requireNonNull(layout, "layout"))) {
                throw new IllegalArgumentException(
                        "--data: two roots of the "
                                + layout.displayName()
                                + " layout: "
                                + layoutRoots.get(layout)
                                + " and "
                                + root);
            }
            layoutRoots.put(layout, root);
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
            if (datasets == null || features == null || out == null) {
                throw new IllegalStateException(
                        "Reproduction needs setDatasets, setFeatureSet and setOut");
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
