package org.avca4j.trainer.data;

/** The two feature modalities and their folder names under {@code features/<set>/}. */
enum Modality {
    AUDIO("audio"),
    VIDEO("video");

    private final String folder;

    Modality(String folder) {
        this.folder = folder;
    }

    String folder() {
        return folder;
    }
}
