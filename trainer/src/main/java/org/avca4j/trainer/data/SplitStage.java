package org.avca4j.trainer.data;

/**
 * The six class lists of a split folder ({@code main_split} or {@code cls_split}),
 * docs/data-format.md. Five of them also name a folder of feature files; {@code stage_2_train} is
 * the union of the three stage-1 folders and has no folder of its own.
 */
public enum SplitStage {
    STAGE_1_TRAIN("stage_1_train", true),
    STAGE_1_VAL_SEEN("stage_1_val_seen", true),
    STAGE_1_VAL_UNSEEN("stage_1_val_unseen", true),
    STAGE_2_TRAIN("stage_2_train", false),
    STAGE_2_TEST_SEEN("stage_2_test_seen", true),
    STAGE_2_TEST_UNSEEN("stage_2_test_unseen", true);

    private final String fileBase;
    private final boolean hasFeatureFolder;

    SplitStage(String fileBase, boolean hasFeatureFolder) {
        this.fileBase = fileBase;
        this.hasFeatureFolder = hasFeatureFolder;
    }

    /**
     * The base name of the class list and clip list, e.g. {@code stage_1_train}; also the feature
     * folder's name.
     */
    public String fileBase() {
        return fileBase;
    }

    /** Whether {@code features/<set>/<modality>/} has a folder of this name. */
    public boolean hasFeatureFolder() {
        return hasFeatureFolder;
    }
}
