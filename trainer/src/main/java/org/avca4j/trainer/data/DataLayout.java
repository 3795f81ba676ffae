package org.avca4j.trainer.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.avca4j.sdk.card.DatasetName;

/**
 * The on-disk layouts a benchmark folder can be in (docs/data-format.md): AVCA's download ({@code
 * .h5} class files), TCaF's ({@code .pkl} class files of feature sequences) and ClipClap-GZSL's
 * ({@code .pkl} class files of CLIP/CLAP vectors, two text files).
 */
public enum DataLayout {
    /** AVCA: {@code features/<set>/{audio,video}/<stage>/<Class>.h5}. */
    AVCA("avca", "AVCA"),
    /** TCaF: {@code features/<set>_non_averaged/{audio,video}/<stage>/<Class>.pkl}, sequences. */
    TCAF("tcaf", "TCaF"),
    /** ClipClap: {@code features/cls_features_non_averaged/…/<Class>.pkl}, vectors + CLAP text. */
    CLIPCLAP("clipclap", "ClipClap");

    /** The feature folder of TCaF and ClipClap is the set's folder plus this suffix. */
    static final String NON_AVERAGED = "_non_averaged";

    /**
     * The suffix TCaF's own splitting scripts write instead (SUCCESSORS-SPEC §1.8, quirk 9), which
     * its configs never read; a folder with it is named in the error, not read.
     */
    static final String NO_AVERAGED = "_no_averaged";

    private final String label;
    private final String displayName;

    DataLayout(String label, String displayName) {
        this.label = label;
        this.displayName = displayName;
    }

    /** The name in messages and documents: {@code AVCA}, {@code TCaF}, {@code ClipClap}. */
    public String displayName() {
        return displayName;
    }

    /** The name used on the command line: {@code avca}, {@code tcaf}, {@code clipclap}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * Parses a label, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException if the name is none of {@code avca, tcaf, clipclap}
     */
    public static DataLayout parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (DataLayout l : values()) {
            if (l.label.equals(n)) {
                return l;
            }
        }
        throw new IllegalArgumentException(
                "unknown data layout '" + name + "', expected avca, tcaf or clipclap");
    }

    /**
     * Detects the layout of a dataset folder: ClipClap if {@code
     * features/cls_features_non_averaged/text/} holds the CLAP text file; else TCaF if {@code
     * features/} holds a {@code *_features_non_averaged} folder (or a {@code *_no_averaged} one, so
     * that the TCaF reader can name it); else AVCA.
     *
     * @param datasetDir {@code <root>/<Dataset>}
     * @throws IOException if {@code features/} cannot be listed
     */
    public static DataLayout detect(Path datasetDir, DatasetName dataset) throws IOException {
        Path features = datasetDir.resolve("features");
        if (Files.exists(
                ClipClapLayout.clapTextFile(ClipClapLayout.featureDir(datasetDir), dataset))) {
            return CLIPCLAP;
        }
        if (Files.isDirectory(features)) {
            try (DirectoryStream<Path> s =
                    Files.newDirectoryStream(
                            features, "*{" + NON_AVERAGED + "," + NO_AVERAGED + "}")) {
                for (Path p : s) {
                    if (Files.isDirectory(p)) {
                        return TCAF;
                    }
                }
            }
        }
        return AVCA;
    }

    /**
     * Checks that a TCaF or ClipClap feature folder exists, naming the folder TCaF's splitting
     * scripts write in its place if that is what is there.
     *
     * @param featureDir {@code <datasetDir>/features/<set>_features_non_averaged}
     * @throws BenchmarkFormatException if the folder is not a directory
     */
    static void requireFeatureDir(Path featureDir) throws BenchmarkFormatException {
        if (Files.isDirectory(featureDir)) {
            return;
        }
        String name = featureDir.getFileName().toString();
        Path written =
                featureDir.resolveSibling(
                        name.substring(0, name.length() - NON_AVERAGED.length()) + NO_AVERAGED);
        if (Files.isDirectory(written)) {
            throw new BenchmarkFormatException(
                    featureDir,
                    "feature folder missing, but "
                            + written.getFileName()
                            + " exists: TCaF's splitting scripts write '"
                            + NO_AVERAGED
                            + "' while its configs read '"
                            + NON_AVERAGED
                            + "'; rename the folder to "
                            + name);
        }
        throw new BenchmarkFormatException(
                featureDir, "feature folder missing: expected a directory " + name);
    }

    /** Every label, for help texts. */
    public static List<String> labels() {
        return List.of(AVCA.label, TCAF.label, CLIPCLAP.label);
    }
}
