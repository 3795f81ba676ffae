package org.avca4j.trainer.data;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;

/**
 * The paths and file-name conventions of the benchmark download's layout (docs/data-format.md), in
 * one place for reader and writer.
 */
final class BenchmarkLayout {

    private BenchmarkLayout() {}

    /** {@code <root>/<Dataset>}. */
    static Path datasetDir(Path root, DatasetName dataset) {
        return root.resolve(dataset.folder());
    }

    /** {@code <datasetDir>/class-split}. */
    static Path classSplitDir(Path datasetDir) {
        return datasetDir.resolve(ClassSplits.FOLDER);
    }

    /** {@code <classSplitDir>/<split>}, e.g. {@code class-split/main_split}. */
    static Path splitDir(Path classSplitDir, SplitName split) {
        return classSplitDir.resolve(split.folder());
    }

    /** {@code <datasetDir>/features/<featureSet>}. */
    static Path featureDir(Path datasetDir, FeatureSet featureSet) {
        return datasetDir.resolve("features").resolve(featureSet.folder());
    }

    /** {@code <featureDir>/<audio|video>/<stage>}. */
    static Path stageDir(Path featureDir, Modality modality, SplitStage stage) {
        return featureDir.resolve(modality.folder()).resolve(stage.fileBase());
    }

    /** The download's place of the text embeddings: {@code <featureDir>/text/<file>}. */
    static Path textFile(Path featureDir, DatasetName dataset) {
        return featureDir.resolve("text").resolve(embeddingsFile(dataset));
    }

    /**
     * The place of the text embeddings in the shared class-split copy: {@code <datasetDir>/<file>}.
     */
    static Path fallbackTextFile(Path datasetDir, DatasetName dataset) {
        return datasetDir.resolve(embeddingsFile(dataset));
    }

    /** File name of the original→manual class-name table, e.g. {@code ucf_w2v_class_names.csv}. */
    static String classNamesFile(DatasetName dataset) {
        return switch (dataset) {
                    case UCF -> "ucf";
                    case ACTIVITYNET -> "activitynet";
                    case VGGSOUND -> "vggsound";
                }
                + "_w2v_class_names.csv";
    }

    /** File name of the pickled text embeddings, e.g. {@code word_embeddings_ucf_normed.npy}. */
    static String embeddingsFile(DatasetName dataset) {
        return "word_embeddings_"
                + switch (dataset) {
                    case UCF -> "ucf";
                    case ACTIVITYNET -> "activity";
                    case VGGSOUND -> "vggsound";
                }
                + "_normed.npy";
    }

    /**
     * Whether class names from different files of the dataset are matched ignoring case: UCF and
     * ActivityNet yes; VGGSound no (its names hold spaces, commas and parentheses and are written
     * identically everywhere).
     */
    static boolean namesIgnoreCase(DatasetName dataset) {
        return dataset != DatasetName.VGGSOUND;
    }

    /**
     * Normalises a class name for matching in the dataset: Unicode NFC (file names written by some
     * systems arrive decomposed, NFD, while the lists are composed), then the dataset's case rule
     * ({@link #namesIgnoreCase}).
     */
    static String matchKey(DatasetName dataset, String className) {
        String nfc = Normalizer.normalize(className, Normalizer.Form.NFC);
        return namesIgnoreCase(dataset) ? nfc.toLowerCase(Locale.ROOT) : nfc;
    }
}
