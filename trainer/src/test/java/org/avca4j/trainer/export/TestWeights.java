package org.avca4j.trainer.export;

import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaWeights;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Random AVCA weights of a given architecture, named and shaped as {@link AvcaWeights} documents. */
final class TestWeights {

    private final Random random;
    private final Map<String, float[]> values = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();

    private TestWeights(long seed) {
        this.random = new Random(seed);
    }

    /** PyTorch-like initialisation with non-trivial BatchNorm and LayerNorm statistics. */
    static AvcaWeights random(AvcaConfig cfg, long seed) {
        TestWeights t = new TestWeights(seed);
        t.block("A_enc", cfg.audioDim(), cfg.encoderHidden(), cfg.textDim());
        t.block("V_enc", cfg.videoDim(), cfg.encoderHidden(), cfg.textDim());
        t.block("A_proj", cfg.textDim(), cfg.projHidden(), cfg.outDim());
        t.block("V_proj", cfg.textDim(), cfg.projHidden(), cfg.outDim());
        t.block("W_proj", cfg.textDim(), 0, cfg.outDim());
        t.block("D", cfg.outDim(), 0, cfg.textDim());
        t.block("A_rec", cfg.outDim(), 0, cfg.textDim());
        t.block("V_rec", cfg.outDim(), 0, cfg.textDim());
        int d = cfg.textDim();
        t.put("pos", t.gaussian(2 * d, 1.0), 2, d);
        t.norm("attn.ln1", d);
        t.put("attn.qkv.W", t.uniform(d * 3 * d, 1 / Math.sqrt(d)), d, 3 * d);
        t.linear("attn.out", d, d);
        t.norm("attn.ln2", d);
        t.linear("attn.ff1", d, cfg.mlpDim());
        t.linear("attn.ff2", cfg.mlpDim(), d);
        return new AvcaWeights(cfg, t.values, t.shapes);
    }

    private void block(String name, int in, int hidden, int out) {
        if (hidden > 0) {
            linear(name + ".fc1", in, hidden);
            batchNorm(name + ".bn1", hidden);
            linear(name + ".fc2", hidden, out);
            batchNorm(name + ".bn2", out);
        } else {
            linear(name + ".fc1", in, out);
            batchNorm(name + ".bn1", out);
        }
    }

    private void linear(String name, int in, int out) {
        double bound = 1 / Math.sqrt(in);
        put(name + ".W", uniform(in * out, bound), in, out);
        put(name + ".b", uniform(out, bound), out);
    }

    private void batchNorm(String name, int n) {
        put(name + ".gamma", shifted(n, 1.0, 0.5), n);
        put(name + ".beta", shifted(n, 0.0, 0.2), n);
        put(name + ".mean", shifted(n, 0.0, 0.2), n);
        put(name + ".var", shifted(n, 0.6, 0.4), n);
    }

    private void norm(String name, int n) {
        put(name + ".gamma", shifted(n, 1.0, 0.3), n);
        put(name + ".beta", shifted(n, 0.0, 0.1), n);
    }

    private void put(String name, float[] v, long... shape) {
        values.put(name, v);
        shapes.put(name, shape);
    }

    private float[] uniform(int n, double bound) {
        return shifted(n, 0, bound);
    }

    private float[] shifted(int n, double centre, double halfWidth) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (centre + (2 * random.nextDouble() - 1) * halfWidth);
        }
        return v;
    }

    private float[] gaussian(int n, double sd) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * sd);
        }
        return v;
    }

    /** {@code n} rows of {@code width} standard normal floats. */
    static float[][] gaussianRows(int n, int width, long seed) {
        Random r = new Random(seed);
        float[][] rows = new float[n][width];
        for (float[] row : rows) {
            for (int j = 0; j < width; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return rows;
    }

    /** {@code n} unit-length rows of {@code width} floats. */
    static float[][] unitRows(int n, int width, long seed) {
        float[][] rows = gaussianRows(n, width, seed);
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
}
