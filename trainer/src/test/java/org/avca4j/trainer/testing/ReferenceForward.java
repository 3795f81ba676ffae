package org.avca4j.trainer.testing;

import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaWeights;

/**
 * The AVCA inference forward ({@code docs/method.md#model}) in plain loops with double
 * accumulation, straight from unfolded {@link AvcaWeights}, plus the training-mode BatchNorm
 * statistics: the one independent expectation that the SameDiff network and the exported ONNX graph
 * are both checked against.
 */
public final class ReferenceForward {

    private static final double EPS = 1e-5;
    private final AvcaWeights w;
    private final AvcaConfig c;

    /**
     * @param w the weights to run, in inference mode
     */
    public ReferenceForward(AvcaWeights w) {
        this.w = w;
        this.c = w.config();
    }

    /** {@code n} rows of {@code width} from a row-major array. */
    public static double[][] rows(float[] flat, int n, int width) {
        double[][] r = new double[n][width];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < width; j++) {
                r[i][j] = flat[i * width + j];
            }
        }
        return r;
    }

    /** θv of a batch of clips (one row each). */
    public double[][] thetaV(double[][] a, double[][] v) {
        double[][][] phi = attended(a, v);
        return block("V_proj", phi[1]);
    }

    /** θa of a batch of clips. */
    public double[][] thetaA(double[][] a, double[][] v) {
        double[][][] phi = attended(a, v);
        return block("A_proj", phi[0]);
    }

    /** θw of a batch of class embeddings. */
    public double[][] thetaW(double[][] text) {
        return block("W_proj", text);
    }

    /** θv of one clip. */
    public double[] thetaV(float[] audio, float[] video) {
        return thetaV(row(audio), row(video))[0];
    }

    /** θa of one clip. */
    public double[] thetaA(float[] audio, float[] video) {
        return thetaA(row(audio), row(video))[0];
    }

    /** θw of one class embedding. */
    public double[] thetaW(float[] text) {
        return thetaW(row(text))[0];
    }

    private static double[][] row(float[] x) {
        return rows(x, 1, x.length);
    }

    /** φa' and φv' in inference mode. */
    private double[][][] attended(double[][] a, double[][] v) {
        double[][] phiA = block("A_enc", a);
        double[][] phiV = block("V_enc", v);
        int n = a.length;
        int d = c.textDim();
        float[] pos = w.get("pos");
        double[][] outA = new double[n][];
        double[][] outV = new double[n][];
        for (int i = 0; i < n; i++) {
            double[][] x = new double[2][d];
            for (int j = 0; j < d; j++) {
                x[0][j] = phiA[i][j] + pos[j];
                x[1][j] = phiV[i][j] + pos[d + j];
            }
            double[][] t = transformer(x);
            outA[i] = add(phiA[i], t[0]);
            outV[i] = add(phiV[i], t[1]);
        }
        return new double[][][] {outA, outV};
    }

    private double[][] transformer(double[][] x) {
        int d = c.textDim();
        int h = c.heads();
        int hd = c.headDim();
        double[][] ln = new double[2][];
        for (int t = 0; t < 2; t++) {
            ln[t] = layerNorm(x[t], w.get("attn.ln1.gamma"), w.get("attn.ln1.beta"));
        }
        double[][] qkv = linear(ln, w.get("attn.qkv.W"), null, d, 3 * d);
        double[][] heads = new double[2][d];
        for (int head = 0; head < h; head++) {
            for (int i = 0; i < 2; i++) {
                double[] s = new double[2];
                for (int j = 0; j < 2; j++) {
                    for (int k = 0; k < hd; k++) {
                        s[j] += qkv[i][head * hd + k] * qkv[j][d + head * hd + k];
                    }
                    s[j] /= Math.sqrt(hd);
                }
                double mx = Math.max(s[0], s[1]);
                double e0 = Math.exp(s[0] - mx);
                double e1 = Math.exp(s[1] - mx);
                for (int k = 0; k < hd; k++) {
                    heads[i][head * hd + k] =
                            (e0 * qkv[0][2 * d + head * hd + k]
                                            + e1 * qkv[1][2 * d + head * hd + k])
                                    / (e0 + e1);
                }
            }
        }
        double[][] attn = linear(heads, w.get("attn.out.W"), w.get("attn.out.b"), d, d);
        double[][] y = new double[2][];
        for (int t = 0; t < 2; t++) {
            y[t] = add(x[t], attn[t]);
        }
        double[][] ln2 = new double[2][];
        for (int t = 0; t < 2; t++) {
            ln2[t] = layerNorm(y[t], w.get("attn.ln2.gamma"), w.get("attn.ln2.beta"));
        }
        double[][] f = linear(ln2, w.get("attn.ff1.W"), w.get("attn.ff1.b"), d, c.mlpDim());
        for (double[] row : f) {
            for (int j = 0; j < row.length; j++) {
                row[j] = 0.5 * row[j] * (1 + erf(row[j] / Math.sqrt(2)));
            }
        }
        f = linear(f, w.get("attn.ff2.W"), w.get("attn.ff2.b"), c.mlpDim(), d);
        for (int t = 0; t < 2; t++) {
            y[t] = add(y[t], f[t]);
        }
        return y;
    }

    /** An EmbeddingNet in inference mode. */
    public double[][] block(String name, double[][] x) {
        int in = x[0].length;
        int first = (int) w.shape(name + ".fc1.W")[1];
        double[][] h = linear(x, w.get(name + ".fc1.W"), w.get(name + ".fc1.b"), in, first);
        h = relu(bnInfer(h, name + ".bn1"));
        if (!w.values().containsKey(name + ".fc2.W")) {
            return h;
        }
        int out = (int) w.shape(name + ".fc2.W")[1];
        h = linear(h, w.get(name + ".fc2.W"), w.get(name + ".fc2.b"), first, out);
        return relu(bnInfer(h, name + ".bn2"));
    }

    private double[][] bnInfer(double[][] x, String bn) {
        float[] g = w.get(bn + ".gamma");
        float[] b = w.get(bn + ".beta");
        float[] m = w.get(bn + ".mean");
        float[] v = w.get(bn + ".var");
        double[][] y = new double[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                y[i][j] = (x[i][j] - m[j]) / Math.sqrt(v[j] + EPS) * g[j] + b[j];
            }
        }
        return y;
    }

    public static double[][] linear(double[][] x, float[] wt, float[] b, int in, int out) {
        double[][] y = new double[x.length][out];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                for (int k = 0; k < in; k++) {
                    s += x[i][k] * wt[k * out + o];
                }
                y[i][o] = s;
            }
        }
        return y;
    }

    public static double[][] relu(double[][] x) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                y[i][j] = Math.max(0, x[i][j]);
            }
        }
        return y;
    }

    /** Column means and unbiased column variances. */
    public static double[][] meanAndUnbiasedVar(double[][] x) {
        int n = x.length;
        int m = x[0].length;
        double[] mean = new double[m];
        double[] var = new double[m];
        for (int j = 0; j < m; j++) {
            for (double[] row : x) {
                mean[j] += row[j] / n;
            }
            for (double[] row : x) {
                var[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / (n - 1);
            }
        }
        return new double[][] {mean, var};
    }

    /** Training-mode BatchNorm with γ = gamma, β = beta (batch statistics, biased variance). */
    public static double[][] bnTrain(double[][] x, float[] g, float[] b) {
        int n = x.length;
        double[][] mv = meanAndUnbiasedVar(x);
        double[][] y = new double[n][x[0].length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < x[0].length; j++) {
                double biased = mv[1][j] * (n - 1) / n;
                y[i][j] = (x[i][j] - mv[0][j]) / Math.sqrt(biased + EPS) * g[j] + b[j];
            }
        }
        return y;
    }

    private static double[] layerNorm(double[] x, float[] g, float[] b) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean) / x.length;
        }
        double[] y = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            y[j] = (x[j] - mean) / Math.sqrt(var + EPS) * g[j] + b[j];
        }
        return y;
    }

    private static double[] add(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] + b[i];
        }
        return r;
    }

    /**
     * erf to ~1e-15 by its Maclaurin series for |x| < 3 and the continued fraction of erfc beyond.
     */
    public static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 3) {
            double term = ax;
            double sum = ax;
            for (int n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
                term *= -ax * ax / n;
                sum += term / (2 * n + 1);
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // erfc(x) = exp(-x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...))))
            double f = ax;
            for (int n = 60; n >= 1; n--) {
                f = ax + (n / 2.0) / f;
            }
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
        }
        return x < 0 ? -r : r;
    }
}
