package org.avca4j.sdk.card;

import java.util.List;

/**
 * The three AVCA benchmarks. The printed form ({@link #folder()}, also {@link #toString()}) is the
 * benchmark's folder in the download and the {@code dataset} field of a model card.
 */
public enum DatasetName {
    /** UCF-GZSL: 101 classes. */
    UCF("UCF"),
    /** ActivityNet-GZSL: 200 classes. */
    ACTIVITYNET("ActivityNet"),
    /** VGGSound-GZSL: 309 classes. */
    VGGSOUND("VGGSound");

    private final String folder;

    DatasetName(String folder) {
        this.folder = folder;
    }

    /** The folder under the data root and the card's {@code dataset} value, e.g. {@code UCF}. */
    public String folder() {
        return folder;
    }

    /**
     * Parses a dataset name as a user or a card writes it ({@code ucf}, {@code ActivityNet}, {@code
     * VGGSOUND}), ignoring case.
     *
     * @throws IllegalArgumentException if the name is none of the three
     */
    public static DatasetName parse(String name) {
        return Names.parse(
                values(),
                name,
                d -> List.of(d.folder, d.name()),
                "dataset",
                "one of UCF, ActivityNet, VGGSound");
    }

    /** The same as {@link #folder()}. */
    @Override
    public String toString() {
        return folder;
    }
}
