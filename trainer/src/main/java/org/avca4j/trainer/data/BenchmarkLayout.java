package org.avca4j.trainer.data;

import java.nio.file.Path;

/** The paths of the benchmark download's layout (spec §2), in one place for reader and writer. */
final class BenchmarkLayout {

    /** Default feature set (SeLaVi features). */
    static final String MAIN_FEATURES = "main_features";

    /** Default class split. */
    static final String MAIN_SPLIT = "main_split";

    private BenchmarkLayout() {}

    /** {@code <root>/<Dataset>}. */
    static Path datasetDir(Path root, DatasetName dataset) {
        return root.resolve(dataset.folder());
    }

    /** {@code <datasetDir>/class-split}. */
    static Path classSplitDir(Path datasetDir) {
        return datasetDir.resolve(ClassSplits.FOLDER);
    }

    /** {@code <datasetDir>/features/<featureSet>}. */
    static Path featureDir(Path datasetDir, String featureSet) {
        return datasetDir.resolve("features").resolve(featureSet);
    }

    /** {@code <featureDir>/<audio|video>/<stage>}. */
    static Path stageDir(Path featureDir, Modality modality, SplitStage stage) {
        return featureDir.resolve(modality.folder()).resolve(stage.fileBase());
    }

    /** The download's place of the text embeddings: {@code <featureDir>/text/<file>}. */
    static Path textFile(Path featureDir, DatasetName dataset) {
        return featureDir.resolve("text").resolve(dataset.embeddingsFile());
    }

    /**
     * The place of the text embeddings in the shared class-split copy: {@code <datasetDir>/<file>}.
     */
    static Path fallbackTextFile(Path datasetDir, DatasetName dataset) {
        return datasetDir.resolve(dataset.embeddingsFile());
    }
}
