package org.avca4j.trainer.method.tcaf;

/**
 * Which rows of a padded training batch form the BatchNorm batch of the encoders A_enc and V_enc
 * (SUCCESSORS-SPEC §1.3, §1.4 step 2; quirk 2). Rows left out are still normalised; attention masks
 * padding either way.
 */
public enum PaddingStatistics {
    /**
     * As the reference: every row of the batch as its collator pads it (to the batch's longest clip
     * per modality, or to the fixed window), padding rows included, so the statistics depend on the
     * batch's padding.
     */
    REFERENCE,
    /** The fix: real rows only. */
    MASKED;

    /**
     * The weight of each row in the BatchNorm batch, 1 or 0, {@code [n*length]}.
     *
     * @param mask the batch's mask {@code [n*length]} (1 = real row)
     * @param length rows per clip as the graph holds them
     * @param batchRows the leading rows per clip that the reference's collator would have given the
     *     batch (its longest clip, or the window); rows past it belong to no reference batch
     * @throws IllegalArgumentException if {@code mask} is not a whole number of clips of {@code
     *     length} rows or {@code batchRows} is not in {@code [1, length]}
     */
    public float[] rowWeights(float[] mask, int length, int batchRows) {
        if (length < 1 || mask.length % length != 0 || batchRows < 1 || batchRows > length) {
            throw new IllegalArgumentException(
                    "row weights: a mask of "
                            + mask.length
                            + " values, "
                            + length
                            + " rows per clip and "
                            + batchRows
                            + " batch rows do not fit (expected whole clips and 1 ≤ batch rows ≤"
                            + " rows per clip)");
        }
        float[] w = new float[mask.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = this == MASKED ? (mask[i] > 0 ? 1f : 0f) : (i % length < batchRows ? 1f : 0f);
        }
        return w;
    }
}
