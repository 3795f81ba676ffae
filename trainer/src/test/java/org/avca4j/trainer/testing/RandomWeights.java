package org.avca4j.trainer.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaWeights;

/**
 * Random inference-time weights of an architecture, named and shaped as {@link AvcaWeights}
 * documents, and random rows of features and class embeddings: test data only. Linear layers follow
 * PyTorch's U(−1/√fan_in, 1/√fan_in); BatchNorm and LayerNorm parameters and running statistics are
 * spread around their defaults so that folding them is exercised.
 */
public final class RandomWeights {

    private final Random random;
    private final Map<String, float[]> values = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();

    private RandomWeights(long seed) {
        this.random = new Random(seed);
    }

    /** {@code n} rows of {@code width} standard normal floats: random clip features. */
    public static float[][] gaussianRows(int n, int width, Random random) {
        float[][] rows = new float[n][width];
        for (float[] row : rows) {
            for (int j = 0; j < width; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return rows;
    }

    /**
     * {@code n} random rows of {@code width} floats scaled to unit L2 norm, like the published
     * class text embeddings.
     */
    public static float[][] unitRows(int n, int width, Random random) {
        float[][] rows = gaussianRows(n, width, random);
        for (float[] row : rows) {
            double sq = 0;
            for (float x : row) {
                sq += x * x;
            }
            for (int j = 0; j < width; j++) {
                row[j] = (float) (row[j] / Math.sqrt(sq));
            }
        }
        return rows;
    }

    /**
     * @param cfg the architecture
     * @param seed the random seed
     * @return weights for every block, {@code pos} and the transformer
     */
    public static AvcaWeights of(AvcaConfig cfg, long seed) {
        RandomWeights r = new RandomWeights(seed);
        r.block("A_enc", cfg.audioDim(), cfg.encoderHidden(), cfg.textDim());
        r.block("V_enc", cfg.videoDim(), cfg.encoderHidden(), cfg.textDim());
        r.block("A_proj", cfg.textDim(), cfg.projHidden(), cfg.outDim());
        r.block("V_proj", cfg.textDim(), cfg.projHidden(), cfg.outDim());
        r.block("W_proj", cfg.textDim(), 0, cfg.outDim());
        r.block("D", cfg.outDim(), 0, cfg.textDim());
        r.block("A_rec", cfg.outDim(), 0, cfg.textDim());
        r.block("V_rec", cfg.outDim(), 0, cfg.textDim());
        int d = cfg.textDim();
        r.put("pos", r.gaussian(2 * d), 2, d);
        r.norm("attn.ln1", d);
        r.put("attn.qkv.W", r.around(d * 3 * d, 0, 1 / Math.sqrt(d)), d, 3 * d);
        r.linear("attn.out", d, d);
        r.norm("attn.ln2", d);
        r.linear("attn.ff1", d, cfg.mlpDim());
        r.linear("attn.ff2", cfg.mlpDim(), d);
        return new AvcaWeights(cfg, r.values, r.shapes);
    }

    private void block(String name, int in, int hidden, int out) {
        int first = hidden > 0 ? hidden : out;
        linear(name + ".fc1", in, first);
        batchNorm(name + ".bn1", first);
        if (hidden > 0) {
            linear(name + ".fc2", hidden, out);
            batchNorm(name + ".bn2", out);
        }
    }

    private void linear(String name, int in, int out) {
        double bound = 1 / Math.sqrt(in);
        put(name + ".W", around(in * out, 0, bound), in, out);
        put(name + ".b", around(out, 0, bound), out);
    }

    private void batchNorm(String name, int n) {
        put(name + ".gamma", around(n, 1.0, 0.5), n);
        put(name + ".beta", around(n, 0.0, 0.2), n);
        put(name + ".mean", around(n, 0.0, 0.2), n);
        put(name + ".var", around(n, 0.6, 0.4), n);
    }

    private void norm(String name, int n) {
        put(name + ".gamma", around(n, 1.0, 0.3), n);
        put(name + ".beta", around(n, 0.0, 0.1), n);
    }

    private void put(String name, float[] v, long... shape) {
        values.put(name, v);
        shapes.put(name, shape);
    }

    /** Uniform in [centre − halfWidth, centre + halfWidth). */
    private float[] around(int n, double centre, double halfWidth) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (centre + (2 * random.nextDouble() - 1) * halfWidth);
        }
        return v;
    }

    private float[] gaussian(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
