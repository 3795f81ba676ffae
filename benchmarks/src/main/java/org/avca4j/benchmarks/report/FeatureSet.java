package org.avca4j.benchmarks.report;

import java.util.Locale;

/** The two pre-extracted feature sets of the benchmarks (spec §2), as reports name them. */
public enum FeatureSet {
    /** SeLaVi features, folder {@code main_features}, split {@code main_split}. */
    MAIN("main"),
    /** VGGish / C3D features, folder {@code cls_features}, split {@code cls_split}. */
    CLS("cls");

    private final String label;

    FeatureSet(String label) {
        this.label = label;
    }

    /** The short name used in reports and file names: {@code main} or {@code cls}. */
    public String label() {
        return label;
    }

    /** The folder name of the download, e.g. {@code main_features}. */
    public String folder() {
        return label + "_features";
    }

    /**
     * Parses {@code main}, {@code cls} or the folder names {@code main_features}, {@code
     * cls_features}, ignoring case.
     *
     * @throws IllegalArgumentException if the name is none of these
     */
    public static FeatureSet parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (FeatureSet f : values()) {
            if (f.label.equals(n) || f.folder().equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "Unknown feature set '"
                        + name
                        + "': expected main, cls, main_features or cls_features");
    }

    @Override
    public String toString() {
        return label;
    }
}
