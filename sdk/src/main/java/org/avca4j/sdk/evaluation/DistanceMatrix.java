package org.avca4j.sdk.evaluation;

import java.util.Arrays;

/**
 * Distances from clips (rows) to candidate classes (columns), with each column's class id and
 * seen/unseen role. The column order is the tie-break order of every prediction made from it: the
 * first column wins a tie, so candidates are kept in ascending class id as in the reference.
 *
 * <p>Distances are single precision, computed by {@link ScoringKernel} like the classifier's; the
 * matrix is immutable.
 */
public final class DistanceMatrix {

    private final float[] distances;
    private final int rows;
    private final int[] candidateIds;
    private final boolean[] candidateSeen;

    private DistanceMatrix(
            float[] distances, int rows, int[] candidateIds, boolean[] candidateSeen) {
        this.distances = distances;
        this.rows = rows;
        this.candidateIds = candidateIds;
        this.candidateSeen = candidateSeen;
    }

    /**
     * Wraps precomputed distances.
     *
     * @param distances {@code [rows * candidates]} row-major; copied
     * @param rows number of clips
     * @param candidateIds class id of each column, ascending and distinct
     * @param candidateSeen whether each column's class is seen
     * @throws IllegalArgumentException if the sizes disagree, there are no candidates, ids are not
     *     strictly ascending, or a distance is NaN
     */
    public static DistanceMatrix of(
            float[] distances, int rows, int[] candidateIds, boolean[] candidateSeen) {
        checkCandidates(candidateIds, candidateSeen);
        if (rows < 0 || distances.length != (long) rows * candidateIds.length) {
            throw new IllegalArgumentException(
                    "distances has "
                            + distances.length
                            + " values, expected rows*candidates = "
                            + rows
                            + "*"
                            + candidateIds.length);
        }
        for (int i = 0; i < distances.length; i++) {
            if (Float.isNaN(distances[i])) {
                throw new IllegalArgumentException(
                        "distance of clip "
                                + i / candidateIds.length
                                + " to class "
                                + candidateIds[i % candidateIds.length]
                                + " is NaN");
            }
        }
        return new DistanceMatrix(
                distances.clone(), rows, candidateIds.clone(), candidateSeen.clone());
    }

    /**
     * Euclidean distances ‖x − c‖₂ between clip embeddings and candidate class embeddings.
     *
     * @param clipEmbeddings {@code [rows * dim]} row-major
     * @param rows number of clips
     * @param classEmbeddings {@code [candidates * dim]} row-major, in candidate order
     * @param dim embedding width
     * @param candidateIds class id of each candidate, ascending and distinct
     * @param candidateSeen whether each candidate is a seen class
     * @throws IllegalArgumentException if the sizes disagree, there are no candidates, ids are not
     *     strictly ascending, or an embedding holds NaN or infinity
     */
    public static DistanceMatrix euclidean(
            float[] clipEmbeddings,
            int rows,
            float[] classEmbeddings,
            int dim,
            int[] candidateIds,
            boolean[] candidateSeen) {
        checkCandidates(candidateIds, candidateSeen);
        int c = candidateIds.length;
        if (dim <= 0 || clipEmbeddings.length != (long) rows * dim) {
            throw new IllegalArgumentException(
                    "clip embeddings have "
                            + clipEmbeddings.length
                            + " values, expected rows*dim = "
                            + rows
                            + "*"
                            + dim);
        }
        if (classEmbeddings.length != (long) c * dim) {
            throw new IllegalArgumentException(
                    "class embeddings have "
                            + classEmbeddings.length
                            + " values, expected candidates*dim = "
                            + c
                            + "*"
                            + dim);
        }
        checkFinite(clipEmbeddings, dim, "clip");
        checkFinite(classEmbeddings, dim, "class");
        float[] d = new float[rows * c];
        ScoringKernel.distanceMatrix(clipEmbeddings, rows, classEmbeddings, c, dim, d);
        return new DistanceMatrix(d, rows, candidateIds.clone(), candidateSeen.clone());
    }

    private static void checkCandidates(int[] ids, boolean[] seen) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("the candidate set is empty");
        }
        if (seen.length != ids.length) {
            throw new IllegalArgumentException(
                    "candidateSeen has " + seen.length + " entries, expected " + ids.length);
        }
        for (int j = 1; j < ids.length; j++) {
            if (ids[j] <= ids[j - 1]) {
                throw new IllegalArgumentException(
                        "candidate ids must be strictly ascending, got "
                                + ids[j - 1]
                                + " before "
                                + ids[j]);
            }
        }
    }

    private static void checkFinite(float[] values, int dim, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        what
                                + " embedding "
                                + i / dim
                                + " has a non-finite value at "
                                + i % dim
                                + ": "
                                + values[i]);
            }
        }
    }

    /** Number of clips. */
    public int rows() {
        return rows;
    }

    /** Number of candidate classes. */
    public int candidates() {
        return candidateIds.length;
    }

    /** Distance of clip {@code row} to candidate column {@code column}. */
    public float get(int row, int column) {
        return distances[row * candidateIds.length + column];
    }

    /** Class id of candidate column {@code column}. */
    public int candidateId(int column) {
        return candidateIds[column];
    }

    /** Row {@code row} starts at {@code row * candidates()} in this array; not a copy. */
    float[] values() {
        return distances;
    }

    /** The seen flag of every column; not a copy. */
    boolean[] seenColumns() {
        return candidateSeen;
    }

    /** Whether candidate column {@code column} is a seen class. */
    public boolean isSeen(int column) {
        return candidateSeen[column];
    }

    /** Class ids of all candidate columns, in column order (a copy). */
    public int[] candidateIds() {
        return candidateIds.clone();
    }

    /** The column of a class id, or -1 if it is not a candidate. */
    public int columnOf(int classId) {
        int j = Arrays.binarySearch(candidateIds, classId);
        return j >= 0 ? j : -1;
    }

    /**
     * The sub-matrix of the unseen candidates and the given rows: what ZSL evaluation scores.
     *
     * @throws IllegalArgumentException if there is no unseen candidate
     */
    DistanceMatrix unseenOnly(int[] rowIndices) {
        int u = 0;
        for (boolean s : candidateSeen) {
            if (!s) {
                u++;
            }
        }
        if (u == 0) {
            throw new IllegalArgumentException("the candidate set holds no unseen class");
        }
        int[] ids = new int[u];
        int[] cols = new int[u];
        for (int j = 0, k = 0; j < candidateIds.length; j++) {
            if (!candidateSeen[j]) {
                ids[k] = candidateIds[j];
                cols[k++] = j;
            }
        }
        float[] d = new float[rowIndices.length * u];
        for (int i = 0; i < rowIndices.length; i++) {
            int base = rowIndices[i] * candidateIds.length;
            for (int k = 0; k < u; k++) {
                d[i * u + k] = distances[base + cols[k]];
            }
        }
        return new DistanceMatrix(d, rowIndices.length, ids, new boolean[u]);
    }
}
