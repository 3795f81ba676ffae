package org.avca4j.benchmarks.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.BenchmarkReader;
import org.avca4j.trainer.data.DataLayout;
import org.avca4j.trainer.data.sequence.SequenceBenchmark;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that name one benchmark on disk, shared by every command that reads one. */
public final class BenchmarkOptions {

    @Mixin DataRootOption data;

    @Option(
            names = "--dataset",
            required = true,
            paramLabel = "NAME",
            converter = DatasetConverter.class,
            description = "UCF, ActivityNet or VGGSound.")
    DatasetName dataset;

    @Option(
            names = "--features",
            defaultValue = "main_features",
            paramLabel = "SET",
            converter = FeatureSetConverter.class,
            description =
                    "Feature set folder: main_features or cls_features (default: ${DEFAULT-VALUE}).")
    FeatureSet features;

    @Option(
            names = "--split",
            paramLabel = "SPLIT",
            converter = SplitConverter.class,
            description =
                    "Class split folder: main_split or cls_split (default: the one matching --features).")
    SplitName split;

    @Option(
            names = "--text-order",
            defaultValue = "own",
            paramLabel = "ORDER",
            converter = TextOrderConverter.class,
            description =
                    "own: every class its own text embedding (default); reference: the reference code's "
                            + "order, which reproduces its defect (docs/protocol.md#text-order).")
    TextOrder textOrder;

    @Option(
            names = "--layout",
            paramLabel = "LAYOUT",
            converter = LayoutConverter.class,
            description =
                    "On-disk layout: avca (.h5), tcaf or clipclap (.pkl) (default: detected from the folder).")
    DataLayout layout;

    /** The feature set named by {@code --features} ({@code main} and {@code cls} accepted). */
    public FeatureSet featureSet() {
        return features;
    }

    /** The class split: as given, else the one published with the feature set. */
    public SplitName classSplit() {
        return split != null ? split : features.defaultSplit();
    }

    /** The dataset named by {@code --dataset}. */
    public DatasetName dataset() {
        return dataset;
    }

    /** The text order named by {@code --text-order}. */
    public TextOrder textOrder() {
        return textOrder;
    }

    /** The data root named by {@code --data}. */
    public Path dataRoot() {
        return data.path();
    }

    /**
     * Reads the benchmark these options name.
     *
     * @throws IOException if a file is missing or malformed (the message names it)
     */
    public Benchmark read() throws IOException {
        BenchmarkReader.Builder reader =
                BenchmarkReader.builder()
                        .setRoot(data.path())
                        .setDataset(dataset)
                        .optFeatureSet(featureSet())
                        .optSplit(classSplit())
                        .optTextOrder(textOrder);
        if (layout != null) {
            reader.optLayout(layout);
        }
        return reader.build().read();
    }

    /**
     * The layout named by {@code --layout}, else the one detected in the dataset folder.
     *
     * @throws IOException if the folder cannot be listed
     */
    public DataLayout layout() throws IOException {
        return layout != null
                ? layout
                : DataLayout.detect(data.path().resolve(dataset.folder()), dataset);
    }

    /**
     * Reads the benchmark these options name as feature sequences (TCaF layout).
     *
     * @throws IOException if the folder is not in the TCaF layout or a file is missing or malformed
     *     (the message names it)
     */
    public SequenceBenchmark readSequences() throws IOException {
        return BenchmarkReader.builder()
                .setRoot(data.path())
                .setDataset(dataset)
                .optFeatureSet(featureSet())
                .optSplit(classSplit())
                .optTextOrder(textOrder)
                .optLayout(layout())
                .build()
                .readSequences();
    }

    /** A picocli converter that is one of the domain types' {@code parse}. */
    private abstract static class Parsing<T> implements picocli.CommandLine.ITypeConverter<T> {
        private final Function<String, T> parse;

        Parsing(Function<String, T> parse) {
            this.parse = parse;
        }

        @Override
        public T convert(String value) {
            return parse.apply(value);
        }
    }

    /** Parses dataset names as users type them. */
    public static final class DatasetConverter extends Parsing<DatasetName> {
        public DatasetConverter() {
            super(DatasetName::parse);
        }
    }

    /** Parses {@code own} or {@code reference}. */
    public static final class TextOrderConverter extends Parsing<TextOrder> {
        public TextOrderConverter() {
            super(TextOrder::parse);
        }
    }

    /** Parses {@code main_features}, {@code cls_features}, {@code main} or {@code cls}. */
    public static final class FeatureSetConverter extends Parsing<FeatureSet> {
        public FeatureSetConverter() {
            super(FeatureSet::parse);
        }
    }

    /** Parses {@code main_split}, {@code cls_split}, {@code main} or {@code cls}. */
    public static final class SplitConverter extends Parsing<SplitName> {
        public SplitConverter() {
            super(SplitName::parse);
        }
    }

    /** Parses {@code avca}, {@code tcaf} or {@code clipclap}. */
    public static final class LayoutConverter extends Parsing<DataLayout> {
        public LayoutConverter() {
            super(DataLayout::parse);
        }
    }
}
