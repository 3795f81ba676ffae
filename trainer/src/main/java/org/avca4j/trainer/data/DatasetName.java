package org.avca4j.trainer.data;

import java.util.Locale;

/** The three AVCA benchmarks and the file-name conventions of their download (spec §2). */
public enum DatasetName {
    /** UCF-GZSL: 101 classes, names matched case-insensitively. */
    UCF("UCF", "ucf", "ucf", true),
    /** ActivityNet-GZSL: 200 classes, names matched case-insensitively. */
    ACTIVITYNET("ActivityNet", "activitynet", "activity", true),
    /**
     * VGGSound-GZSL: 309 classes, names matched exactly (they hold spaces, commas, parentheses).
     */
    VGGSOUND("VGGSound", "vggsound", "vggsound", false);

    private final String folder;
    private final String classNamesPrefix;
    private final String embeddingsPrefix;
    private final boolean caseInsensitive;

    DatasetName(
            String folder,
            String classNamesPrefix,
            String embeddingsPrefix,
            boolean caseInsensitive) {
        this.folder = folder;
        this.classNamesPrefix = classNamesPrefix;
        this.embeddingsPrefix = embeddingsPrefix;
        this.caseInsensitive = caseInsensitive;
    }

    /** The folder under the data root, e.g. {@code UCF}. */
    public String folder() {
        return folder;
    }

    /** File name of the original→manual class-name table, e.g. {@code ucf_w2v_class_names.csv}. */
    public String classNamesFile() {
        return classNamesPrefix + "_w2v_class_names.csv";
    }

    /** File name of the pickled text embeddings, e.g. {@code word_embeddings_ucf_normed.npy}. */
    public String embeddingsFile() {
        return "word_embeddings_" + embeddingsPrefix + "_normed.npy";
    }

    /** Whether class names from different files are matched ignoring case. */
    public boolean caseInsensitive() {
        return caseInsensitive;
    }

    /**
     * Parses a dataset name as a user would type it ({@code ucf}, {@code ActivityNet}, {@code
     * vggsound}).
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

    @Override
    public String toString() {
        return folder;
    }

    /** Normalises a class name for matching in this dataset. */
    public String matchKey(String className) {
        return caseInsensitive ? className.toLowerCase(Locale.ROOT) : className;
    }
}
