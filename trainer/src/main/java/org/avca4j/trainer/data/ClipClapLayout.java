package org.avca4j.trainer.data;

import java.nio.file.Path;
import org.avca4j.sdk.card.DatasetName;

/**
 * The paths and name conventions of ClipClap-GZSL's {@code data.zip} layout (docs/data-format.md),
 * in one place for reader and writer: class splits as AVCA's ({@code cls_split}); the class-name
 * table {@code ucf_clip_class_names.csv} (key column {@code clip_class_name}) for UCF, else the w2v
 * table (key {@code manual}); features under {@code features/cls_features_non_averaged} (which
 * holds CLIP/CLAP features despite its name); two text files, CLIP 512-d and CLAP 1024-d.
 */
final class ClipClapLayout {

    /** The feature folder's name under {@code features/}. */
    static final String FEATURE_FOLDER = "cls_features" + DataLayout.NON_AVERAGED;

    private ClipClapLayout() {}

    /** {@code <datasetDir>/features/cls_features_non_averaged}. */
    static Path featureDir(Path datasetDir) {
        return datasetDir.resolve("features").resolve(FEATURE_FOLDER);
    }

    /** The class-name table's file name. */
    static String classNamesFile(DatasetName dataset) {
        return dataset == DatasetName.UCF
                ? "ucf_clip_class_names.csv"
                : BenchmarkLayout.classNamesFile(dataset);
    }

    /** The column of the class-name table that keys the text dicts. */
    static String keyColumn(DatasetName dataset) {
        return dataset == DatasetName.UCF ? "clip_class_name" : "manual";
    }

    /**
     * The CLIP text dict, {@code text/word_embeddings_<ds>_normed.npy} (note {@code activitynet}).
     */
    static Path clipTextFile(Path featureDir, DatasetName dataset) {
        return featureDir
                .resolve("text")
                .resolve("word_embeddings_" + stem(dataset) + "_normed.npy");
    }

    /** The CLAP text dict, {@code text/wavcaps_word_embeddings_<ds>_normed.npy}. */
    static Path clapTextFile(Path featureDir, DatasetName dataset) {
        return featureDir
                .resolve("text")
                .resolve("wavcaps_word_embeddings_" + stem(dataset) + "_normed.npy");
    }

    private static String stem(DatasetName dataset) {
        return switch (dataset) {
            case UCF -> "ucf";
            case ACTIVITYNET -> "activitynet";
            case VGGSOUND -> "vggsound";
        };
    }
}
