package org.avca4j.trainer.method.fvaegan;

/**
 * How a sequence of figures chooses its best (docs/baselines.md#f-vaegan-d2): the reference keeps
 * the GZSL classifier's epoch with {@code >=} (the last maximum) and the ZSL classifier's and the
 * GAN's epoch with {@code >} (the first maximum).
 */
public enum BestRule {
    /** {@code >=}: on ties the later candidate replaces the best. */
    LAST_MAXIMUM,
    /** {@code >}: on ties the earlier best stays. */
    FIRST_MAXIMUM;

    /** Whether {@code candidate} replaces {@code best} (NaN never does). */
    public boolean replaces(double candidate, double best) {
        return this == LAST_MAXIMUM ? candidate >= best : candidate > best;
    }

    /**
     * The index of the best value of a sequence; −∞ starts the search, so an all-zero sequence
     * gives the last index under {@link #LAST_MAXIMUM} and 0 under {@link #FIRST_MAXIMUM}.
     *
     * @return the index, or −1 if the sequence is empty or all NaN
     */
    public int best(double[] values) {
        int at = -1;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            if (replaces(values[i], best)) {
                best = values[i];
                at = i;
            }
        }
        return at;
    }
}
