package org.avca4j.sdk.evaluation;

/**
 * Predictions with calibrated stacking (Chao et al., 2016): β is added to the distance of every
 * seen candidate, then the nearest candidate wins, the first column on ties. The sum is taken in
 * single precision, as in the reference, so that ties fall the same way.
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
        for (int i = 0; i < predictions.length; i++) {
            predictions[i] = distances.candidateId(nearestColumn(distances, i, (float) beta));
        }
        return predictions;
    }

    /** The column with the smallest calibrated distance in row {@code row}; the first on ties. */
    static int nearestColumn(DistanceMatrix distances, int row, float beta) {
        int best = 0;
        float bestValue = calibrated(distances, row, 0, beta);
        for (int j = 1; j < distances.candidates(); j++) {
            float v = calibrated(distances, row, j, beta);
            if (v < bestValue) {
                bestValue = v;
                best = j;
            }
        }
        return best;
    }

    private static float calibrated(DistanceMatrix distances, int row, int column, float beta) {
        float d = distances.get(row, column);
        return distances.isSeen(column) ? d + beta : d;
    }
}
