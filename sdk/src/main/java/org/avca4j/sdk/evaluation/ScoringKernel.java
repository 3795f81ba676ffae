package org.avca4j.sdk.evaluation;

/**
 * The one scoring kernel of the project: Euclidean distances, calibrated stacking and the ranking
 * of candidates. The {@link org.avca4j.sdk.ZeroShotClassifier classifier}, {@link DistanceMatrix},
 * {@link CalibratedStacking} and so the GZSL metrics all score with these methods, so that a
 * classifier's prediction and the metrics' prediction are the same number compared the same way.
 *
 * <p>Precision is single, as in the reference (PyTorch, float32): a distance is computed from float
 * differences, their squares summed in double and rounded once to float; β is rounded to float and
 * added in float. Ties go to the earlier candidate column (numpy's {@code argmin}).
 *
 * <p>Stateless and thread-safe.
 */
public final class ScoringKernel {

    private ScoringKernel() {}

    /**
     * {@code ‖x − c‖₂} of one clip embedding and one class embedding.
     *
     * @param x the clip embeddings; the clip's {@code dim} floats start at {@code xOffset}
     * @param c the class embeddings; the class's {@code dim} floats start at {@code cOffset}
     * @return the distance, rounded to float; infinite when the squares overflow, NaN when an input
     *     is NaN
     * @throws ArrayIndexOutOfBoundsException if an offset and {@code dim} leave an array
     */
    public static float distance(float[] x, int xOffset, float[] c, int cOffset, int dim) {
        double sum = 0;
        for (int k = 0; k < dim; k++) {
            double diff = x[xOffset + k] - c[cOffset + k];
            sum += diff * diff;
        }
        return (float) Math.sqrt(sum);
    }

    /**
     * The distances of one clip to {@code count} classes.
     *
     * @param x the clip embeddings; the clip's {@code dim} floats start at {@code xOffset}
     * @param classes {@code [count * dim]} class embeddings, row-major
     * @param count number of classes
     * @param dim embedding width
     * @param out receives the {@code count} distances from {@code outOffset} on
     * @throws ArrayIndexOutOfBoundsException if the arrays are too short
     */
    public static void distances(
            float[] x,
            int xOffset,
            float[] classes,
            int count,
            int dim,
            float[] out,
            int outOffset) {
        // Four classes at a time: four independent sums instead of one chain of additions, each
        // summed in the same order as distance(), so the results are the same floats.
        int j = 0;
        for (; j + 4 <= count; j += 4) {
            int c0 = j * dim;
            int c1 = c0 + dim;
            int c2 = c1 + dim;
            int c3 = c2 + dim;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int k = 0; k < dim; k++) {
                float xk = x[xOffset + k];
                double d0 = xk - classes[c0 + k];
                double d1 = xk - classes[c1 + k];
                double d2 = xk - classes[c2 + k];
                double d3 = xk - classes[c3 + k];
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            out[outOffset + j] = (float) Math.sqrt(s0);
            out[outOffset + j + 1] = (float) Math.sqrt(s1);
            out[outOffset + j + 2] = (float) Math.sqrt(s2);
            out[outOffset + j + 3] = (float) Math.sqrt(s3);
        }
        for (; j < count; j++) {
            out[outOffset + j] = distance(x, xOffset, classes, j * dim, dim);
        }
    }

    /**
     * The distances of {@code rows} clips to {@code count} classes: equal, float for float, to
     * {@link #distances} of each clip, several times faster for many clips (the arithmetic is
     * vectorised; see {@code DistanceBlocks}).
     *
     * @param clips {@code [rows * dim]} clip embeddings, row-major
     * @param rows number of clips
     * @param classes {@code [count * dim]} class embeddings, row-major
     * @param count number of classes
     * @param dim embedding width
     * @param out receives {@code [rows * count]} distances, row-major (clip by clip)
     * @throws IllegalArgumentException if a count is negative or an array is shorter than the sizes
     *     ask for
     */
    public static void distanceMatrix(
            float[] clips, int rows, float[] classes, int count, int dim, float[] out) {
        if (rows < 0 || count < 0 || dim < 0) {
            throw new IllegalArgumentException(
                    "rows, count and dim must be >= 0, got " + rows + ", " + count + ", " + dim);
        }
        if (clips.length < (long) rows * dim
                || classes.length < (long) count * dim
                || out.length < (long) rows * count) {
            throw new IllegalArgumentException(
                    "arrays too short: clips "
                            + clips.length
                            + " (expected rows*dim = "
                            + (long) rows * dim
                            + "), classes "
                            + classes.length
                            + " (expected count*dim = "
                            + (long) count * dim
                            + "), out "
                            + out.length
                            + " (expected rows*count = "
                            + (long) rows * count
                            + ")");
        }
        DistanceBlocks.matrix(clips, rows, classes, count, dim, out);
    }

    /**
     * The sum of a clip's audio and video distance to a class, in float (the {@code
     * sum_of_distances} scoring rule).
     */
    public static float sumOfDistances(float audioDistance, float videoDistance) {
        return audioDistance + videoDistance;
    }

    /**
     * The {@code gated} scoring rule: the video distance where the hard gate is 1 (ω ≥ 0.5), else
     * the audio distance. For finite distances this is {@code (1−ω̄)·d_a + ω̄·d_v} exactly.
     */
    public static float gated(float audioDistance, float videoDistance, float gate) {
        return gate >= 0.5f ? videoDistance : audioDistance;
    }

    /**
     * Calibrated stacking of one distance: {@code distance + β} for a seen class, else the
     * distance; β is rounded to float and the sum taken in float.
     */
    public static float calibrated(float distance, boolean seen, double beta) {
        return seen ? distance + (float) beta : distance;
    }

    /**
     * Ranks candidates by calibrated distance: the {@code out.length} nearest, nearest first; of
     * equal calibrated distances the earlier column comes first. {@code out.length == 1} is the
     * argmin of calibrated stacking.
     *
     * @param distances the row's distances start at {@code offset}, one per candidate column
     * @param offset where the row starts
     * @param seen whether each candidate column is a seen class ({@code seen.length} columns)
     * @param beta added to seen candidates' distances
     * @param out receives the columns of the nearest candidates; its length is how many are wanted
     * @return how many columns were written: {@code min(out.length, seen.length)}
     * @throws IllegalArgumentException if a distance in the row is NaN
     */
    public static int rank(float[] distances, int offset, boolean[] seen, double beta, int[] out) {
        int keep = Math.min(out.length, seen.length);
        float[] top = new float[keep];
        int filled = 0;
        for (int j = 0; j < seen.length; j++) {
            float v = calibrated(distances[offset + j], seen[j], beta);
            if (Float.isNaN(v)) {
                throw new IllegalArgumentException(
                        "distance to candidate column " + j + " is NaN: it cannot be ranked");
            }
            // Not nearer than the last kept one: most candidates of a long row stop here.
            if (filled == keep && (keep == 0 || !(v < top[keep - 1]))) {
                continue;
            }
            // Insertion from the end, past the greater values only: equal values keep the
            // earlier column first. A loop, not System.arraycopy: the few values moved cost less
            // than a call (ranking 256 clips of 51 classes took 105 µs with it, 38 µs so).
            int m = filled < keep ? filled : keep - 1;
            while (m > 0 && top[m - 1] > v) {
                top[m] = top[m - 1];
                out[m] = out[m - 1];
                m--;
            }
            top[m] = v;
            out[m] = j;
            if (filled < keep) {
                filled++;
            }
        }
        return filled;
    }

    /**
     * The column of the smallest calibrated distance of a row, the first on ties: {@link #rank}
     * with one column wanted.
     *
     * @throws IllegalArgumentException if there is no column or a distance is NaN
     */
    public static int nearest(float[] distances, int offset, boolean[] seen, double beta) {
        if (seen.length == 0) {
            throw new IllegalArgumentException("no candidate to choose from");
        }
        int[] best = new int[1];
        rank(distances, offset, seen, beta, best);
        return best[0];
    }
}
