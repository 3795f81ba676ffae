package org.avca4j.trainer.method.tcaf;

import org.avca4j.trainer.data.sequence.FrameRates;
import org.avca4j.trainer.data.sequence.SequenceBatch;

/**
 * TCaF's inference forward (SUCCESSORS-SPEC §1.4: running BatchNorm statistics, no dropout) in
 * plain double loops, from {@link TcafWeights}: the clip embedding θo of every clip of a padded
 * batch, the text embedding θw of candidates, and the L2 distances the evaluation ranks. The
 * expectation that the exported graph and the SDK are checked against.
 */
public final class TcafForward {

    private static final double NORM_EPS = 1e-5;
    private static final double NORMALIZE_EPS = 1e-12;
    private static final double AUDIO_SCALE = 255;

    private final TcafWeights w;
    private final TcafSettings s;
    private final FrameRates rates;

    /**
     * @param weights the network
     * @param rates the feature set's frame rates; used when inference feeds rated time stamps
     *     ({@link TimeCodes#RATED})
     */
    public TcafForward(TcafWeights weights, FrameRates rates) {
        this.w = weights;
        this.s = weights.settings();
        this.rates = rates;
    }

    /**
     * θo {@code [B][64]} of every clip of a batch.
     *
     * @throws IllegalArgumentException if the batch's widths differ from the network's
     */
    public double[][] clipEmbeddings(SequenceBatch batch) {
        if (batch.audioDim() != w.audioDim() || batch.videoDim() != w.videoDim()) {
            throw new IllegalArgumentException(
                    "batch widths audio "
                            + batch.audioDim()
                            + ", video "
                            + batch.videoDim()
                            + "; the network expects "
                            + w.audioDim()
                            + ", "
                            + w.videoDim());
        }
        int la = batch.audioLength();
        int lv = batch.videoLength();
        double[] ta = TcafTimeCode.times(la, rates.audio(), false, s.timeCodes());
        double[] tv = TcafTimeCode.times(lv, rates.video(), false, s.timeCodes());
        double[][] theta = new double[batch.size()][];
        for (int b = 0; b < batch.size(); b++) {
            double[][] a = rows(batch.audio(), b * la, la, batch.audioDim());
            double[][] v = rows(batch.video(), b * lv, lv, batch.videoDim());
            for (double[] row : a) {
                for (int j = 0; j < row.length; j++) {
                    row[j] /= AUDIO_SCALE;
                }
            }
            normaliseOverTime(v);
            boolean[] mask = TcafAttentionMask.of(batch.audioMask(), la, batch.videoMask(), lv, b);
            double[][] x = new double[1 + la + lv][];
            x[0] = w.get("cls").clone();
            for (int k = 0; k < la; k++) {
                x[1 + k] = token("aenc", "tok_a", 0, a[k], ta[k], !mask[1 + k]);
            }
            for (int k = 0; k < lv; k++) {
                x[1 + la + k] = token("venc", "tok_v", 1, v[k], tv[k], !mask[1 + la + k]);
            }
            for (int l = 0; l < s.depth(); l++) {
                x = layer("layer" + l + ".", x, mask);
            }
            theta[b] = embeddingNet("oproj", x[0], true);
        }
        return theta;
    }

    /** θw {@code [C][64]} of candidates' raw text embeddings {@code [C][textDim]}. */
    public double[][] textEmbeddings(double[][] text) {
        double[][] out = new double[text.length][];
        for (int c = 0; c < text.length; c++) {
            out[c] = embeddingNet("wproj", text[c], false);
        }
        return out;
    }

    /** {@code ‖θo_i − θw_c‖₂}, {@code [B][C]}. */
    public static double[][] distances(double[][] clips, double[][] classes) {
        double[][] d = new double[clips.length][classes.length];
        for (int i = 0; i < clips.length; i++) {
            for (int c = 0; c < classes.length; c++) {
                double sum = 0;
                for (int j = 0; j < clips[i].length; j++) {
                    double e = clips[i][j] - classes[c][j];
                    sum += e * e;
                }
                d[i][c] = Math.sqrt(sum);
            }
        }
        return d;
    }

    private double[] token(
            String encoder, String proj, int modality, double[] row, double t, boolean padded) {
        double[] enc = embeddingNet(encoder, row, true);
        double[] code =
                linear(TcafTimeCode.features(t, w.get("time.R")), w.get("time.W"), w.get("time.b"));
        double[] m = w.get("modality");
        double[] pad = w.get("pad");
        int td = TcafSettings.TIME_DIM;
        double[] in = new double[enc.length + td];
        System.arraycopy(enc, 0, in, 0, enc.length);
        for (int j = 0; j < td; j++) {
            in[enc.length + j] = m[modality * td + j] + code[j] + (padded ? pad[j] : 0);
        }
        return linear(in, w.get(proj + ".W"), w.get(proj + ".b"));
    }

    private double[][] layer(String p, double[][] x, boolean[] mask) {
        int n = x.length;
        int h = s.heads();
        int dh = s.headDim();
        int aw = s.attentionWidth();
        double[][] y = new double[n][];
        double[][] ln = new double[n][];
        for (int i = 0; i < n; i++) {
            ln[i] = layerNorm(x[i], p);
        }
        double[][] q = new double[n][];
        double[][] k = new double[n][];
        double[][] v = new double[n][];
        for (int i = 0; i < n; i++) {
            q[i] = linear(ln[i], w.get(p + "q"), null);
            k[i] = linear(ln[i], w.get(p + "k"), null);
            v[i] = linear(ln[i], w.get(p + "v"), null);
        }
        double scale = 1 / Math.sqrt(dh);
        for (int i = 0; i < n; i++) {
            double[] heads = new double[aw];
            for (int hd = 0; hd < h; hd++) {
                double[] score = new double[n];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    double dot = 0;
                    for (int c = hd * dh; c < (hd + 1) * dh; c++) {
                        dot += q[i][c] * k[j][c];
                    }
                    score[j] = mask[i * n + j] ? dot * scale : -Float.MAX_VALUE;
                    max = Math.max(max, score[j]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    score[j] = Math.exp(score[j] - max);
                    sum += score[j];
                }
                for (int j = 0; j < n; j++) {
                    double pj = score[j] / sum;
                    for (int c = hd * dh; c < (hd + 1) * dh; c++) {
                        heads[c] += pj * v[j][c];
                    }
                }
            }
            double[] att = linear(heads, w.get(p + "o.W"), w.get(p + "o.b"));
            y[i] = new double[x[i].length];
            for (int c = 0; c < y[i].length; c++) {
                y[i][c] = x[i][c] + att[c];
            }
        }
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] f = linear(layerNorm(y[i], p), w.get(p + "ff1.W"), w.get(p + "ff1.b"));
            for (int c = 0; c < f.length; c++) {
                f[c] = 0.5 * f[c] * (1 + erf(f[c] / Math.sqrt(2)));
            }
            double[] g = linear(f, w.get(p + "ff2.W"), w.get(p + "ff2.b"));
            out[i] = new double[y[i].length];
            for (int c = 0; c < g.length; c++) {
                out[i][c] = y[i][c] + g[c];
            }
        }
        return out;
    }

    private double[] layerNorm(double[] x, String p) {
        double mean = 0;
        for (double e : x) {
            mean += e;
        }
        mean /= x.length;
        double var = 0;
        for (double e : x) {
            var += (e - mean) * (e - mean);
        }
        var /= x.length;
        double inv = 1 / Math.sqrt(var + NORM_EPS);
        double[] g = w.get(p + "ln.gamma");
        double[] b = w.get(p + "ln.beta");
        double[] y = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            y[j] = (x[j] - mean) * inv * g[j] + b[j];
        }
        return y;
    }

    private double[] embeddingNet(String name, double[] x, boolean hidden) {
        double[] y =
                reluBatchNorm(
                        name + ".bn1", linear(x, w.get(name + ".fc1.W"), w.get(name + ".fc1.b")));
        if (hidden) {
            y =
                    reluBatchNorm(
                            name + ".bn2",
                            linear(y, w.get(name + ".fc2.W"), w.get(name + ".fc2.b")));
        }
        return y;
    }

    private double[] reluBatchNorm(String bn, double[] x) {
        double[] g = w.get(bn + ".gamma");
        double[] b = w.get(bn + ".beta");
        double[] m = w.get(bn + ".mean");
        double[] v = w.get(bn + ".var");
        double[] y = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            y[j] = Math.max(0, (x[j] - m[j]) / Math.sqrt(v[j] + NORM_EPS) * g[j] + b[j]);
        }
        return y;
    }

    /** {@code x·W + b} with {@code W [in][out]} row-major; {@code b} may be null. */
    static double[] linear(double[] x, double[] weight, double[] bias) {
        int out = weight.length / x.length;
        double[] y = bias == null ? new double[out] : bias.clone();
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            int row = i * out;
            for (int j = 0; j < out; j++) {
                y[j] += xi * weight[row + j];
            }
        }
        return y;
    }

    private static double[][] rows(float[] flat, int firstRow, int n, int width) {
        double[][] r = new double[n][width];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < width; j++) {
                r[t][j] = flat[(firstRow + t) * width + j];
            }
        }
        return r;
    }

    /** {@code v / max(‖v‖, 1e-12)} along time, per channel (PyTorch F.normalize, dim 1). */
    private static void normaliseOverTime(double[][] v) {
        int width = v[0].length;
        for (int j = 0; j < width; j++) {
            double sum = 0;
            for (double[] row : v) {
                sum += row[j] * row[j];
            }
            double norm = Math.max(Math.sqrt(sum), NORMALIZE_EPS);
            for (double[] row : v) {
                row[j] /= norm;
            }
        }
    }

    /** erf to ~1e-15: Maclaurin series for |x| < 3, continued fraction of erfc beyond. */
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
            double f = ax;
            for (int n = 60; n >= 1; n--) {
                f = ax + (n / 2.0) / f;
            }
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
        }
        return x < 0 ? -r : r;
    }
}
