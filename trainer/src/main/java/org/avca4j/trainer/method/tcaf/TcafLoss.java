package org.avca4j.trainer.method.tcaf;

import java.util.Arrays;

/**
 * TCaF's loss (SUCCESSORS-SPEC §0 "Loss", all weights 1) on given network outputs, in double:
 *
 * <pre>
 *   l_ce  = CrossEntropy(θo · W_proj(Ê)ᵀ, idx(y))      dot-product logits
 *   l_reg = MSE(θo, θw)
 *   l_rec = MSE(ŵ, ρo) + MSE(ŵ, ρw)
 *   loss  = l_ce + l_reg + l_rec
 * </pre>
 *
 * idx(y) is the position of y among the sorted training class ids; MSE is the mean over elements.
 *
 * @param crossEntropy l_ce
 * @param regression l_reg
 * @param reconstruction l_rec
 */
public record TcafLoss(double crossEntropy, double regression, double reconstruction) {

    /** {@code l_ce + l_reg + l_rec}. */
    public double total() {
        return crossEntropy + regression + reconstruction;
    }

    /**
     * The loss of a batch.
     *
     * @param thetaO θo {@code [B][e]}
     * @param thetaW θw = W_proj(ŵ) {@code [B][e]}
     * @param rhoO ρo = D_o(θo) {@code [B][d]}
     * @param rhoW ρw = D_w(θw) {@code [B][d]}
     * @param target ŵ, the raw text of each clip's class {@code [B][d]}
     * @param classEmbeddings W_proj(Ê) of the training classes in ascending id order {@code [K][e]}
     * @param trainingClasses the sorted training class ids {@code [K]}
     * @param labels class id of each clip {@code [B]}
     * @throws IllegalArgumentException if a label is not a training class or shapes disagree
     */
    public static TcafLoss of(
            double[][] thetaO,
            double[][] thetaW,
            double[][] rhoO,
            double[][] rhoW,
            double[][] target,
            double[][] classEmbeddings,
            int[] trainingClasses,
            int[] labels) {
        int n = thetaO.length;
        if (thetaW.length != n
                || rhoO.length != n
                || rhoW.length != n
                || target.length != n
                || labels.length != n
                || classEmbeddings.length != trainingClasses.length) {
            throw new IllegalArgumentException(
                    "TcafLoss: "
                            + n
                            + " clips need as many rows of θw, ρo, ρw, ŵ and labels, and one class"
                            + " embedding per training class");
        }
        double ce = 0;
        for (int i = 0; i < n; i++) {
            int position = Arrays.binarySearch(trainingClasses, labels[i]);
            if (position < 0) {
                throw new IllegalArgumentException(
                        "TcafLoss: label "
                                + labels[i]
                                + " of clip "
                                + i
                                + " is not a training class "
                                + Arrays.toString(trainingClasses));
            }
            double[] logits = new double[classEmbeddings.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < logits.length; k++) {
                logits[k] = dot(thetaO[i], classEmbeddings[k]);
                max = Math.max(max, logits[k]);
            }
            double sum = 0;
            for (double l : logits) {
                sum += Math.exp(l - max);
            }
            ce += max + Math.log(sum) - logits[position];
        }
        return new TcafLoss(ce / n, mse(thetaO, thetaW), mse(target, rhoO) + mse(target, rhoW));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    private static double mse(double[][] a, double[][] b) {
        double s = 0;
        long count = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                double e = a[i][j] - b[i][j];
                s += e * e;
                count++;
            }
        }
        return s / count;
    }
}
