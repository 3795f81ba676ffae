package org.avca4j.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.data.BenchmarkFormatException;
import org.avca4j.trainer.data.DataLayout;
import org.avca4j.trainer.method.GzslMethod;

/**
 * The data roots of a reproduction ({@code reproduce --data [LAYOUT=]ROOT}) and where each method
 * reads a dataset (docs/results.md#data-roots): the root named for the method's own layout ({@link
 * GzslMethod#dataLayout()}), else the unnamed root in whichever layout its dataset folder holds
 * ({@link DataLayout#detect}) if the method can read that layout — vector methods read the AVCA and
 * ClipClap layouts, sequence methods (TCaF) the TCaF layout. So one unnamed root keeps the
 * single-layout usage (and runs, say, AVCA on ClipClap's folder), and roots named per layout let
 * one run cover methods of different layouts.
 *
 * @param unnamed the root read in the layout it holds, or null
 * @param named the root of each named layout
 */
record DataRoots(Path unnamed, Map<DataLayout, Path> named) {

    /** No root at all: every method that needs one fails, named. */
    static final DataRoots NONE = new DataRoots(null, Map.of());

    /**
     * @throws NullPointerException if {@code named} or one of its roots is null
     */
    DataRoots {
        Map<DataLayout, Path> copy = new EnumMap<>(DataLayout.class);
        copy.putAll(Objects.requireNonNull(named, "named"));
        copy.values().forEach(p -> Objects.requireNonNull(p, "root"));
        named = Collections.unmodifiableMap(copy);
    }

    /**
     * Where a method reads a dataset: a root and the layout it is read in.
     *
     * @param root the folder holding {@code <Dataset>/}
     * @param layout the layout the reader is told (named) or found (unnamed)
     */
    record Source(Path root, DataLayout layout) {}

    /**
     * One {@code --data} value: {@code ROOT} (layout null) or {@code LAYOUT=ROOT}.
     *
     * @param layout the named layout, or null for a root read in the layout it holds
     * @param root the folder holding {@code <Dataset>/}
     */
    record Entry(DataLayout layout, Path root) {

        /**
         * Parses {@code ROOT} or {@code LAYOUT=ROOT}; a root whose name starts with letters and '='
         * is written {@code ./NAME}.
         *
         * @throws IllegalArgumentException if the text before a first '=' is a word but no layout,
         *     or the root is empty
         */
        static Entry parse(String text) {
            int eq = text.indexOf('=');
            String prefix = eq < 0 ? "" : text.substring(0, eq).strip();
            if (!prefix.matches("[A-Za-z]+")) {
                return new Entry(null, root(text, text));
            }
            DataLayout layout;
            try {
                layout = DataLayout.parse(prefix);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "'"
                                + text
                                + "': "
                                + e.getMessage()
                                + " (write a root whose name has '=' as ./"
                                + text
                                + ")",
                        e);
            }
            return new Entry(layout, root(text.substring(eq + 1), text));
        }

        private static Path root(String path, String text) {
            if (path.isBlank()) {
                throw new IllegalArgumentException("'" + text + "': no root after the layout");
            }
            return Path.of(path.strip());
        }
    }

    /** Whether a method can read a layout: sequence methods the TCaF one, the others the rest. */
    static boolean reads(GzslMethod method, DataLayout layout) {
        return method.takesSequences() == (layout == DataLayout.TCAF);
    }

    /**
     * Where the method reads the dataset of the feature set, checked before anything is read.
     *
     * @throws BenchmarkFormatException if the dataset folder of the chosen root is missing, or the
     *     unnamed root's folder holds a layout the method cannot read (the message names the
     *     method, the layout it needs and {@code --data LAYOUT=ROOT})
     * @throws IllegalArgumentException if no root serves the method (the message names the method,
     *     its layout and the option to pass), or the method's layout is ClipClap's and the feature
     *     set is not {@code cls}
     * @throws IOException if the dataset folder's {@code features/} cannot be listed
     */
    Source source(GzslMethod method, DatasetName dataset, FeatureSet features) throws IOException {
        DataLayout own = method.dataLayout();
        Source source;
        if (named.containsKey(own)) {
            source = new Source(named.get(own), own);
            datasetFolder(source, dataset);
        } else if (unnamed != null) {
            Path folder = datasetFolder(new Source(unnamed, null), dataset);
            DataLayout found = DataLayout.detect(folder, dataset);
            if (!reads(method, found)) {
                throw new BenchmarkFormatException(
                        folder,
                        "method "
                                + method.id()
                                + " expected the "
                                + own.displayName()
                                + " layout, found the "
                                + found.displayName()
                                + " layout: name a root in the "
                                + own.displayName()
                                + " layout with "
                                + option(own)
                                + " (docs/data-format.md)");
            }
            source = new Source(unnamed, found);
        } else {
            throw new IllegalArgumentException(
                    "method "
                            + method.id()
                            + " reads the "
                            + own.displayName()
                            + " layout, but no data root of it was given: pass "
                            + option(own)
                            + (named.isEmpty() ? "" : " (given: " + given() + ")"));
        }
        if (source.layout() == DataLayout.CLIPCLAP && features != FeatureSet.CLS) {
            throw new IllegalArgumentException(
                    "method "
                            + method.id()
                            + " reads the ClipClap layout, which holds only cls features (CLIP/CLAP):"
                            + " expected --features cls, got "
                            + features.label());
        }
        return source;
    }

    /** {@code --data <layout>=ROOT}. */
    static String option(DataLayout layout) {
        return "--data " + layout.label() + "=ROOT";
    }

    private String given() {
        StringBuilder sb = new StringBuilder();
        named.forEach(
                (l, p) ->
                        sb.append(sb.isEmpty() ? "" : ", ")
                                .append(l.label())
                                .append('=')
                                .append(p));
        return sb.toString();
    }

    private static Path datasetFolder(Source source, DatasetName dataset)
            throws BenchmarkFormatException {
        Path folder = source.root().resolve(dataset.folder());
        if (!Files.isDirectory(folder)) {
            throw new BenchmarkFormatException(
                    folder,
                    "dataset folder not found, expected <data>/"
                            + dataset.folder()
                            + " with class-split/ and features/ (the "
                            + (source.layout() == null
                                    ? "AVCA, TCaF or ClipClap"
                                    : source.layout().displayName())
                            + " layout)");
        }
        return folder;
    }
}
