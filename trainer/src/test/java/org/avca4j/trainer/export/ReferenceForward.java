package org.avca4j.trainer.export;

import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaWeights;

/**
 * AVCA inference (spec §3) in plain loops with double accumulation, straight from the unfolded
 * weights: the independent expectation the exported ONNX graph is checked against.
 */
final class ReferenceForward {

    private final AvcaWeights w;
    private final AvcaConfig cfg;

    ReferenceForward(AvcaWeights w) {
        this.w = w;
        this.cfg = w.config();
    }

    /** θv of one clip. */
    double[] thetaV(float[] audio, float[] video) {
        return clip(audio, video)[1];
    }

    /** θa of one clip. */
    double[] thetaA(float[] audio, float[] video) {
        return clip(audio, video)[0];
    }

    /** θw of one class embedding. */
    double[] thetaW(float[] text) {
        return block("W_proj", toDouble(text), false);
    }

    /** {θa, θv}. */
    private double[][] clip(float[] audio, float[] video) {
        double[] phiA = block("A_enc", toDouble(audio), true);
        double[] phiV = block("V_enc", toDouble(video), true);
        int d = cfg.textDim();
        float[] pos = w.get("pos");
        double[][] x = new double[2][d];
        for (int j = 0; j < d; j++) {
            x[0][j] = phiA[j] + pos[j];
            x[1][j] = phiV[j] + pos[d + j];
        }
        // x = x + Attn(LN(x))
        double[][] ln = {layerNorm("attn.ln1", x[0]), layerNorm("attn.ln1", x[1])};
        double[][] qkv = {matVec(ln[0], "attn.qkv.W", 3 * d), matVec(ln[1], "attn.qkv.W", 3 * d)};
        double[][] heads = new double[2][d];
        int hd = cfg.headDim();
        for (int h = 0; h < cfg.heads(); h++) {
            for (int i = 0; i < 2; i++) {
                double[] s = new double[2];
                for (int jTok = 0; jTok < 2; jTok++) {
                    double dot = 0;
                    for (int e = 0; e < hd; e++) {
                        dot += qkv[i][h * hd + e] * qkv[jTok][d + h * hd + e];
                    }
                    s[jTok] = dot / Math.sqrt(hd);
                }
                double m = Math.max(s[0], s[1]);
                double e0 = Math.exp(s[0] - m);
                double e1 = Math.exp(s[1] - m);
                double a0 = e0 / (e0 + e1);
                double a1 = e1 / (e0 + e1);
                for (int e = 0; e < hd; e++) {
                    heads[i][h * hd + e] =
                            a0 * qkv[0][2 * d + h * hd + e] + a1 * qkv[1][2 * d + h * hd + e];
                }
            }
        }
        double[][] x2 = new double[2][];
        for (int i = 0; i < 2; i++) {
            x2[i] = add(x[i], linear(heads[i], "attn.out", d));
        }
        // x = x + FF(LN(x))
        double[][] t = new double[2][];
        for (int i = 0; i < 2; i++) {
            double[] hidden = linear(layerNorm("attn.ln2", x2[i]), "attn.ff1", cfg.mlpDim());
            for (int j = 0; j < hidden.length; j++) {
                hidden[j] = 0.5 * hidden[j] * (1 + erf(hidden[j] / Math.sqrt(2)));
            }
            t[i] = add(x2[i], linear(hidden, "attn.ff2", d));
        }
        double[] thetaA = block("A_proj", add(phiA, t[0]), true);
        double[] thetaV = block("V_proj", add(phiV, t[1]), true);
        return new double[][] {thetaA, thetaV};
    }

    /** EmbeddingNet in eval mode. */
    private double[] block(String name, double[] x, boolean hidden) {
        double[] h = linearBnRelu(name, 1, x);
        return hidden ? linearBnRelu(name, 2, h) : h;
    }

    private double[] linearBnRelu(String block, int layer, double[] x) {
        String fc = block + ".fc" + layer;
        String bn = block + ".bn" + layer;
        int out = (int) w.shape(fc + ".b")[0];
        double[] y = linear(x, fc, out);
        float[] gamma = w.get(bn + ".gamma");
        float[] beta = w.get(bn + ".beta");
        float[] mean = w.get(bn + ".mean");
        float[] var = w.get(bn + ".var");
        for (int j = 0; j < out; j++) {
            double v = (y[j] - mean[j]) / Math.sqrt(var[j] + 1e-5) * gamma[j] + beta[j];
            y[j] = Math.max(0, v);
        }
        return y;
    }

    private double[] linear(double[] x, String name, int out) {
        double[] y = matVec(x, name + ".W", out);
        float[] b = w.get(name + ".b");
        for (int j = 0; j < out; j++) {
            y[j] += b[j];
        }
        return y;
    }

    private double[] matVec(double[] x, String weight, int out) {
        float[] m = w.get(weight);
        double[] y = new double[out];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < out; j++) {
                y[j] += x[i] * m[i * out + j];
            }
        }
        return y;
    }

    private double[] layerNorm(String name, double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        var /= x.length;
        float[] g = w.get(name + ".gamma");
        float[] b = w.get(name + ".beta");
        double[] y = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            y[j] = (x[j] - mean) / Math.sqrt(var + 1e-5) * g[j] + b[j];
        }
        return y;
    }

    private static double[] add(double[] a, double[] b) {
        double[] y = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            y[j] = a[j] + b[j];
        }
        return y;
    }

    private static double[] toDouble(float[] x) {
        double[] y = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            y[j] = x[j];
        }
        return y;
    }

    /**
     * erf to ~1e-15 by its Maclaurin series for |x| < 3 and the continued fraction of erfc beyond.
     */
    static double erf(double x) {
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
