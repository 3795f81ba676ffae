package org.avca4j.sdk.evaluation;

/**
 * Predictions with calibrated stacking (Chao et al., 2016): β is added to the distance of every
 * seen candidate, then the nearest candidate wins, the first column on ties. The arithmetic is
 * {@link ScoringKernel}'s, the same as the classifier's.
 */
public final class CalibratedStacking {

    private CalibratedStacking() {}

    /**
     * Predicts a class id for every row.
     *
     * @param distances clips × candidates
     * @param beta the calibration added to seen candidates' distances (0 for none)
     * @return the predicted class id of each clip
     * @throws IllegalArgumentException if beta is NaN or infinite
     */
    public static int[] predict(DistanceMatrix distances, double beta) {
        if (!Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be finite, got " + beta);
        }
        int[] predictions = new int[distances.rows()];
        float[] values = distances.values();
        boolean[] seen = distances.seenColumns();
        for (int i = 0; i < predictions.length; i++) {
            predictions[i] =
                    distances.candidateId(
                            ScoringKernel.nearest(values, i * seen.length, seen, beta));
        }
        return predictions;
    }
}
