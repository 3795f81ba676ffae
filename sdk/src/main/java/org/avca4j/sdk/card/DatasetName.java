package org.avca4j.sdk.card;

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
        for (DatasetName d : values()) {
            if (d.folder.equalsIgnoreCase(name) || d.name().equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException(
                "Unknown dataset '" + name + "': expected one of UCF, ActivityNet, VGGSound");
    }

    /** The same as {@link #folder()}. */
    @Override
    public String toString() {
        return folder;
    }
}
