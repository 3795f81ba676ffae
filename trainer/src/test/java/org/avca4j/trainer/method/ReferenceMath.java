package org.avca4j.trainer.method;

import java.util.SplittableRandom;
import org.avca4j.trainer.model.MethodGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An independent double-precision forward of the comparison methods' blocks, written from the
 * formulas of docs/baselines.md with plain loops over a graph's weights: the expectation of their
 * loss and BatchNorm tests (dropout 0).
 */
public final class ReferenceMath {

    /** PyTorch's BatchNorm epsilon. */
    public static final double BN_EPS = 1e-5;

    private ReferenceMath() {}

    /** The output of a training-mode block call and its BatchNorm batch statistics. */
    public record Call(double[][] out, double[] mean, double[] unbiasedVar) {}

    /** Rows of a flat array. */
    public static double[][] rows(float[] data, int n, int width) {
        double[][] m = new double[n][width];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < width; j++) {
                m[i][j] = data[i * width + j];
            }
        }
        return m;
    }

    /** A graph array as a matrix (a vector as one row). */
    public static double[][] matrix(INDArray a) {
        long r = a.rank() == 1 ? 1 : a.rows();
        long c = a.rank() == 1 ? a.length() : a.columns();
        double[][] m = new double[(int) r][(int) c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                m[i][j] = a.getDouble((long) i * c + j);
            }
        }
        return m;
    }

    /** {@code x·W + b} with the graph's {@code name.W} and {@code name.b}. */
    public static double[][] linear(MethodGraph g, String name, double[][] x) {
        double[][] w = matrix(g.array(name + ".W"));
        double[] b = matrix(g.array(name + ".b"))[0];
        double[][] y = new double[x.length][b.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double s = b[j];
                for (int k = 0; k < w.length; k++) {
                    s += x[i][k] * w[k][j];
                }
                y[i][j] = s;
            }
        }
        return y;
    }

    /** Training-mode BatchNorm with the graph's scale and shift; also the batch statistics. */
    public static Call batchNorm(MethodGraph g, String name, double[][] x) {
        double[] gamma = matrix(g.array(name + ".gamma"))[0];
        double[] beta = matrix(g.array(name + ".beta"))[0];
        int n = x.length;
        int c = gamma.length;
        double[] mean = new double[c];
        double[] var = new double[c];
        for (int j = 0; j < c; j++) {
            for (double[] row : x) {
                mean[j] += row[j] / n;
            }
            for (double[] row : x) {
                var[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        double[][] y = new double[n][c];
        double[] unbiased = new double[c];
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < n; i++) {
                y[i][j] = gamma[j] * (x[i][j] - mean[j]) / Math.sqrt(var[j] + BN_EPS) + beta[j];
            }
            unbiased[j] = var[j] * n / (n - 1);
        }
        return new Call(y, mean, unbiased);
    }

    /** Linear → BatchNorm → ReLU → Linear of an MlpBlock, without dropout; the BN call's stats. */
    public static Call mlp(MethodGraph g, String name, double[][] x) {
        Call bn = batchNorm(g, name + ".bn1", linear(g, name + ".fc1", x));
        return new Call(linear(g, name + ".fc2", relu(bn.out())), bn.mean(), bn.unbiasedVar());
    }

    public static double[][] relu(double[][] x) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i].clone();
            for (int j = 0; j < y[i].length; j++) {
                y[i][j] = Math.max(0, y[i][j]);
            }
        }
        return y;
    }

    /** Row-wise {@code x / max(‖x‖, 1e-12)}. */
    public static double[][] l2n(double[][] x) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double n = Math.max(distance(x[i], new double[x[i].length]), 1e-12);
            y[i] = x[i].clone();
            for (int j = 0; j < y[i].length; j++) {
                y[i][j] /= n;
            }
        }
        return y;
    }

    /** {@code ‖a − b + eps‖₂}. */
    public static double norm(double[] a, double[] b, double eps) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j] + eps;
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** {@code ‖a − b‖₂}. */
    public static double distance(double[] a, double[] b) {
        return norm(a, b, 0);
    }

    /** Per-row triplet {@code max(0, ‖a−p+1e-6‖ − ‖a−n+1e-6‖ + margin)}. */
    public static double[] triplets(double[][] a, double[][] p, double[][] n, double margin) {
        double[] t = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            t[i] = Math.max(0, norm(a[i], p[i], 1e-6) - norm(a[i], n[i], 1e-6) + margin);
        }
        return t;
    }

    public static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Mean of squared differences over all elements. */
    public static double mse(double[][] a, double[][] b) {
        double s = 0;
        int count = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                s += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
                count++;
            }
        }
        return s / count;
    }

    /** Seeded Gaussian values. */
    public static float[] gaussian(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
