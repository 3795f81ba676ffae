package org.avca4j.trainer.export;

import java.util.HashMap;
import java.util.Map;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaWeights;
import org.avca4j.trainer.testing.RandomWeights;

/**
 * Weights that make the model a function one can reason about: for non-negative inputs, {@code
 * θv(a, v) = v[0:out]} and {@code θw(w) = w[0:out]} (ReLU of them in general). BatchNorms are the
 * identity, {@code pos} and the attention and feed-forward outputs are zero, so the transformer
 * passes φv through and adding it once more doubles it, which V_proj halves.
 */
final class KnownWeights {

    private KnownWeights() {}

    static AvcaWeights identity(AvcaConfig cfg) {
        AvcaWeights random = RandomWeights.of(cfg, 1);
        Map<String, float[]> values = new HashMap<>();
        for (String name : random.values().keySet()) {
            values.put(name, new float[random.get(name).length]);
        }
        for (String name : random.values().keySet()) {
            if (name.endsWith(".gamma")) {
                java.util.Arrays.fill(values.get(name), 1f);
            } else if (name.endsWith(".var")) {
                java.util.Arrays.fill(values.get(name), 1f - 1e-5f);
            }
        }
        int out = cfg.outDim();
        copy(values, random, "V_enc.fc1.W", out, 1f);
        copy(values, random, "V_enc.fc2.W", out, 1f);
        copy(values, random, "V_proj.fc1.W", out, 0.5f);
        copy(values, random, "V_proj.fc2.W", out, 1f);
        copy(values, random, "W_proj.fc1.W", out, 1f);
        return new AvcaWeights(cfg, values, random.shapes());
    }

    /** {@code W[i][i] = scale} for {@code i < n}. */
    private static void copy(
            Map<String, float[]> values, AvcaWeights shapes, String name, int n, float scale) {
        long[] shape = shapes.shape(name);
        float[] w = values.get(name);
        for (int i = 0; i < n; i++) {
            w[i * (int) shape[1] + i] = scale;
        }
    }
}
