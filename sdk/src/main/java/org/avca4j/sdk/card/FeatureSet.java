package org.avca4j.sdk.card;

import java.util.List;

/**
 * The two pre-extracted feature sets of the benchmarks. Two printed forms, each for its place:
 * {@link #folder()} ({@code main_features}) in the download and in a model card's {@code
 * feature_set}, {@link #label()} ({@code main}, also {@link #toString()}) in reports and run folder
 * names. {@link #parse} reads both.
 */
public enum FeatureSet {
    /** SeLaVi features, folder {@code main_features}, split {@code main_split}. */
    MAIN("main", SplitName.MAIN),
    /** VGGish / C3D features, folder {@code cls_features}, split {@code cls_split}. */
    CLS("cls", SplitName.CLS);

    private final String label;
    private final SplitName split;

    FeatureSet(String label, SplitName split) {
        this.label = label;
        this.split = split;
    }

    /** The short name used in reports and file names: {@code main} or {@code cls}. */
    public String label() {
        return label;
    }

    /** The folder name of the download and the card's value, e.g. {@code main_features}. */
    public String folder() {
        return label + "_features";
    }

    /** The class split published with this feature set. */
    public SplitName defaultSplit() {
        return split;
    }

    /**
     * Parses {@code main}, {@code cls} or the folder names {@code main_features}, {@code
     * cls_features}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException if the name is none of these
     */
    public static FeatureSet parse(String name) {
        return Names.parse(
                values(),
                name,
                f -> List.of(f.label, f.folder()),
                "feature set",
                "main, cls, main_features or cls_features");
    }

    /** The same as {@link #label()}. */
    @Override
    public String toString() {
        return label;
    }
}
