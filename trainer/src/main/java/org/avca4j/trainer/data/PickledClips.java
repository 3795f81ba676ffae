package org.avca4j.trainer.data;

import java.util.List;

/**
 * The clips of one per-class {@code .pkl} file of the TCaF or ClipClap layout: feature sequences
 * {@code (T_i, D)} or single vectors (then every {@code T_i} is 1).
 *
 * @param dim feature width D
 * @param lengths T_i of each clip
 * @param data all rows of all clips, clip after clip, row-major, {@code sum(T_i)*D} floats
 * @param names the clip names ({@code video_names}), one per clip
 * @param dtype the numpy dtype of the first clip, e.g. {@code f2}
 * @param warnings anything odd the reader could continue past
 */
public record PickledClips(
        int dim, int[] lengths, float[] data, String[] names, String dtype, List<String> warnings) {

    /** Number of clips. */
    public int clips() {
        return lengths.length;
    }

    /**
     * The clips as one row per clip, for single-vector files.
     *
     * @throws IllegalStateException if a clip has more than one row
     */
    public FeatureFile asVectors() {
        for (int t : lengths) {
            if (t != 1) {
                throw new IllegalStateException("clips are sequences, not single vectors");
            }
        }
        return new FeatureFile(lengths.length, dim, data, names);
    }
}
