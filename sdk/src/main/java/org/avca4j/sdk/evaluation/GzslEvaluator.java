package org.avca4j.sdk.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * S, U, HM and ZSL from a distance matrix (docs/protocol.md), and the search for the calibration β.
 *
 * <p>Per-class accuracy is averaged over the classes that have at least one clip; a candidate
 * without clips competes in the prediction but has no accuracy of its own.
 */
public final class GzslEvaluator {

    /** Number of β values searched: 0, 0.2, …, 3.0. */
    public static final int BETA_STEPS = 16;

    /** Step between searched β values. */
    public static final double BETA_STEP = 0.2;

    private GzslEvaluator() {}

    /**
     * The searched β values, computed as {@code i·0.2} like numpy's {@code arange(0, 3.2, 0.2)}.
     */
    public static double[] betaGrid() {
        double[] grid = new double[BETA_STEPS];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = i * BETA_STEP;
        }
        return grid;
    }

    /**
     * Figures at a given β.
     *
     * @param distances clips × candidates
     * @param labels true class id of each clip; every label must be a candidate
     * @param beta calibration added to seen candidates
     * @return the figures, with a one-point curve
     * @throws IllegalArgumentException if the labels do not match the rows or name a class that is
     *     not a candidate, or beta is not finite
     */
    public static GzslResult evaluate(DistanceMatrix distances, int[] labels, double beta) {
        return search(distances, labels, new double[] {beta});
    }

    /**
     * Searches β over {@link #betaGrid()} for the highest HM, the first maximum on ties.
     *
     * @return the figures at the chosen β, with the curve of every β tried
     * @throws IllegalArgumentException as {@link #evaluate}
     */
    public static GzslResult searchBeta(DistanceMatrix distances, int[] labels) {
        return search(distances, labels, betaGrid());
    }

    /**
     * Searches β over the given values for the highest HM, the first maximum on ties.
     *
     * @throws IllegalArgumentException as {@link #evaluate}, or if {@code betas} is empty
     */
    public static GzslResult search(DistanceMatrix distances, int[] labels, double[] betas) {
        if (betas.length == 0) {
            throw new IllegalArgumentException("no beta to try");
        }
        LabelIndex index = LabelIndex.of(distances, labels);
        double zsl = zsl(distances, labels, index);

        List<GzslResult.BetaPoint> curve = new ArrayList<>(betas.length);
        int[] bestCorrect = null;
        double bestHm = Double.NEGATIVE_INFINITY;
        double bestBeta = 0;
        int[] correct = new int[index.classCount()];
        for (double beta : betas) {
            int[] predictions = CalibratedStacking.predict(distances, beta);
            java.util.Arrays.fill(correct, 0);
            for (int i = 0; i < labels.length; i++) {
                if (predictions[i] == labels[i]) {
                    correct[index.slotOfRow(i)]++;
                }
            }
            double s = index.meanAccuracy(correct, true);
            double u = index.meanAccuracy(correct, false);
            double hm = GzslResult.harmonicMean(s, u);
            curve.add(new GzslResult.BetaPoint(beta, s, u, hm));
            if (hm > bestHm) {
                bestHm = hm;
                bestBeta = beta;
                bestCorrect = correct.clone();
            }
        }
        double s = index.meanAccuracy(bestCorrect, true);
        double u = index.meanAccuracy(bestCorrect, false);
        return new GzslResult(
                s,
                u,
                bestHm,
                zsl,
                bestBeta,
                index.perClass(bestCorrect),
                Collections.unmodifiableList(curve));
    }

    /**
     * ZSL accuracy: the clips of unseen classes, only unseen candidates, no calibration.
     *
     * @return NaN when no clip belongs to an unseen class
     */
    private static double zsl(DistanceMatrix distances, int[] labels, LabelIndex index) {
        int[] rows = index.unseenRows();
        if (rows.length == 0) {
            return Double.NaN;
        }
        DistanceMatrix unseen = distances.unseenOnly(rows);
        int[] predictions = CalibratedStacking.predict(unseen, 0);
        int[] correct = new int[index.classCount()];
        for (int k = 0; k < rows.length; k++) {
            if (predictions[k] == labels[rows[k]]) {
                correct[index.slotOfRow(rows[k])]++;
            }
        }
        return index.meanAccuracy(correct, false);
    }

    /** The classes that have clips, each clip's class slot, and clip counts per class. */
    private record LabelIndex(int[] classIds, boolean[] classSeen, int[] counts, int[] rowSlots) {

        static LabelIndex of(DistanceMatrix distances, int[] labels) {
            if (labels.length != distances.rows()) {
                throw new IllegalArgumentException(
                        "got " + labels.length + " labels for " + distances.rows() + " clips");
            }
            TreeMap<Integer, Integer> slots = new TreeMap<>();
            for (int label : labels) {
                if (distances.columnOf(label) < 0) {
                    throw new IllegalArgumentException(
                            "label " + label + " is not among the candidate classes");
                }
                slots.putIfAbsent(label, 0);
            }
            int[] ids = new int[slots.size()];
            boolean[] seen = new boolean[slots.size()];
            int k = 0;
            for (Map.Entry<Integer, Integer> e : slots.entrySet()) {
                ids[k] = e.getKey();
                seen[k] = distances.isSeen(distances.columnOf(e.getKey()));
                e.setValue(k++);
            }
            int[] counts = new int[ids.length];
            int[] rowSlots = new int[labels.length];
            for (int i = 0; i < labels.length; i++) {
                rowSlots[i] = slots.get(labels[i]);
                counts[rowSlots[i]]++;
            }
            return new LabelIndex(ids, seen, counts, rowSlots);
        }

        int classCount() {
            return classIds.length;
        }

        int slotOfRow(int row) {
            return rowSlots[row];
        }

        int[] unseenRows() {
            return java.util.stream.IntStream.range(0, rowSlots.length)
                    .filter(i -> !classSeen[rowSlots[i]])
                    .toArray();
        }

        /**
         * Mean per-class accuracy over the seen (or unseen) classes with clips; 0 when there are
         * none.
         */
        double meanAccuracy(int[] correct, boolean seen) {
            double sum = 0;
            int n = 0;
            for (int k = 0; k < classIds.length; k++) {
                if (classSeen[k] == seen) {
                    sum += (double) correct[k] / counts[k];
                    n++;
                }
            }
            return n == 0 ? 0 : sum / n;
        }

        Map<Integer, Double> perClass(int[] correct) {
            Map<Integer, Double> m = new TreeMap<>();
            for (int k = 0; k < classIds.length; k++) {
                m.put(classIds[k], (double) correct[k] / counts[k]);
            }
            return Collections.unmodifiableMap(m);
        }
    }
}
