package org.avca4j.sdk.card;

import java.util.List;

/**
 * The two class splits of the benchmarks. The printed form ({@link #folder()}, also {@link
 * #toString()}) is the split's folder in the download and the {@code split} field of a model card.
 */
public enum SplitName {
    /** The split of the SeLaVi features, folder {@code main_split}. */
    MAIN("main_split"),
    /** The split of the VGGish/C3D features, folder {@code cls_split}. */
    CLS("cls_split");

    private final String folder;

    SplitName(String folder) {
        this.folder = folder;
    }

    /** The folder name and the card's {@code split} value, e.g. {@code main_split}. */
    public String folder() {
        return folder;
    }

    /**
     * Parses {@code main_split}, {@code cls_split} or the short forms {@code main}, {@code cls},
     * ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException if the name is none of these
     */
    public static SplitName parse(String name) {
        return Names.parse(
                values(),
                name,
                s -> List.of(s.folder, s.name()),
                "class split",
                "main_split or cls_split");
    }

    /** The same as {@link #folder()}. */
    @Override
    public String toString() {
        return folder;
    }
}
