package org.avca4j.trainer.method.tcaf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The parameters and BatchNorm state TCaF's inference needs (SUCCESSORS-SPEC §1.4), by name, in
 * double precision, with PyTorch's initialisation: Linear {@code U(±1/√fan_in)} for weight and
 * bias, Embedding and class token {@code N(0,1)}, LayerNorm and BatchNorm weight 1 and bias 0,
 * running mean 0 and variance 1, the Fourier matrix {@code 10·N(0,1)}. A Linear's weight is stored
 * {@code [in][out]} row-major ({@code y = x·W + b}).
 *
 * <p>Names: {@code aenc.*}, {@code venc.*}, {@code oproj.*}, {@code dec_o.*} (EmbeddingNets with
 * {@code fc1, bn1, fc2, bn2}), {@code wproj.*}, {@code dec_w.*} ({@code fc1, bn1}), {@code time.R},
 * {@code time.W/b}, {@code modality} {@code [2][64]}, {@code pad} {@code [64]}, {@code tok_a.W/b},
 * {@code tok_v.W/b}, {@code cls} {@code [300]}, {@code layer<l>.ln.gamma/beta}, {@code
 * layer<l>.q/k/v} (no bias), {@code layer<l>.o.W/b}, {@code layer<l>.ff1.W/b}, {@code
 * layer<l>.ff2.W/b}; a BatchNorm {@code x} has {@code x.gamma, x.beta, x.mean, x.var}.
 */
public final class TcafWeights {

    private final int audioDim;
    private final int videoDim;
    private final int textDim;
    private final TcafSettings settings;
    private final Map<String, double[]> values = new LinkedHashMap<>();

    private TcafWeights(int audioDim, int videoDim, int textDim, TcafSettings settings) {
        this.audioDim = audioDim;
        this.videoDim = videoDim;
        this.textDim = textDim;
        this.settings = settings;
    }

    /**
     * Freshly initialised weights.
     *
     * @throws IllegalArgumentException if a width is not positive
     */
    public static TcafWeights initial(
            int audioDim, int videoDim, int textDim, TcafSettings settings, long seed) {
        if (audioDim < 1 || videoDim < 1 || textDim < 1) {
            throw new IllegalArgumentException(
                    "widths must be positive, got audio "
                            + audioDim
                            + ", video "
                            + videoDim
                            + ", text "
                            + textDim);
        }
        TcafWeights w = new TcafWeights(audioDim, videoDim, textDim, settings);
        SplittableRandom r = new SplittableRandom(seed);
        int d = TcafSettings.MODEL_DIM;
        int h = settings.encoderHidden();
        w.embeddingNet(r, "aenc", audioDim, h, d);
        w.embeddingNet(r, "venc", videoDim, h, d);
        w.values.put("time.R", TcafTimeCode.drawFrequencies(r));
        w.linear(r, "time", TcafSettings.TIME_DIM, TcafSettings.TIME_DIM);
        w.values.put("modality", gaussian(r, 2 * TcafSettings.TIME_DIM));
        w.values.put("pad", gaussian(r, TcafSettings.TIME_DIM));
        w.linear(r, "tok_a", d + TcafSettings.TIME_DIM, d);
        w.linear(r, "tok_v", d + TcafSettings.TIME_DIM, d);
        w.values.put("cls", gaussian(r, d));
        int aw = settings.attentionWidth();
        for (int l = 0; l < settings.depth(); l++) {
            String p = "layer" + l + ".";
            w.values.put(p + "ln.gamma", filled(d, 1));
            w.values.put(p + "ln.beta", new double[d]);
            w.values.put(p + "q", uniform(r, d * aw, d));
            w.values.put(p + "k", uniform(r, d * aw, d));
            w.values.put(p + "v", uniform(r, d * aw, d));
            w.linear(r, p + "o", aw, d);
            w.linear(r, p + "ff1", d, TcafSettings.FF_HIDDEN);
            w.linear(r, p + "ff2", TcafSettings.FF_HIDDEN, d);
        }
        w.embeddingNet(r, "oproj", d, TcafSettings.DECODER_HIDDEN, TcafSettings.EMBEDDING_DIM);
        w.embeddingNet(
                r, "dec_o", TcafSettings.EMBEDDING_DIM, TcafSettings.DECODER_HIDDEN, textDim);
        w.embeddingNet(r, "wproj", textDim, 0, TcafSettings.EMBEDDING_DIM);
        w.embeddingNet(r, "dec_w", TcafSettings.EMBEDDING_DIM, 0, textDim);
        return w;
    }

    /** Width of an audio row. */
    public int audioDim() {
        return audioDim;
    }

    /** Width of a video row. */
    public int videoDim() {
        return videoDim;
    }

    /** Width of a text embedding. */
    public int textDim() {
        return textDim;
    }

    /** The settings the shapes follow. */
    public TcafSettings settings() {
        return settings;
    }

    /**
     * The live array of a name (changes are seen by every forward).
     *
     * @throws IllegalArgumentException if there is no such array; the message lists a few names
     */
    public double[] get(String name) {
        double[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(
                    "TCaF has no array '"
                            + name
                            + "' (e.g. "
                            + values.keySet().iterator().next()
                            + ")");
        }
        return v;
    }

    /**
     * Number of trained values: every array but the Fourier matrix (a buffer) and the BatchNorm
     * running statistics; PyTorch's count of the published model (SUCCESSORS-SPEC §1.2).
     */
    public long trainableCount() {
        long n = 0;
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            String k = e.getKey();
            if (!k.equals("time.R") && !k.endsWith(".mean") && !k.endsWith(".var")) {
                n += e.getValue().length;
            }
        }
        return n;
    }

    /** Every array by name, in creation order; the arrays are live. */
    public Map<String, double[]> arrays() {
        return Collections.unmodifiableMap(values);
    }

    private void embeddingNet(SplittableRandom r, String name, int in, int hidden, int out) {
        if (hidden > 0) {
            linear(r, name + ".fc1", in, hidden);
            batchNorm(name + ".bn1", hidden);
            linear(r, name + ".fc2", hidden, out);
            batchNorm(name + ".bn2", out);
        } else {
            linear(r, name + ".fc1", in, out);
            batchNorm(name + ".bn1", out);
        }
    }

    private void linear(SplittableRandom r, String name, int in, int out) {
        values.put(name + ".W", uniform(r, in * out, in));
        values.put(name + ".b", uniform(r, out, in));
    }

    private void batchNorm(String name, int width) {
        values.put(name + ".gamma", filled(width, 1));
        values.put(name + ".beta", new double[width]);
        values.put(name + ".mean", new double[width]);
        values.put(name + ".var", filled(width, 1));
    }

    private static double[] uniform(SplittableRandom r, int n, int fanIn) {
        double bound = 1 / Math.sqrt(fanIn);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (2 * r.nextDouble() - 1) * bound;
        }
        return v;
    }

    private static double[] gaussian(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double u = 1 - r.nextDouble();
            v[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
        }
        return v;
    }

    private static double[] filled(int n, double x) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, x);
        return v;
    }
}
