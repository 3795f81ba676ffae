package org.avca4j.trainer.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The inference-time state of a trained AVCA model as plain float arrays: every trainable
 * parameter, the BatchNorm running statistics and the fixed positional embedding. This is the
 * hand-over from training to export.
 *
 * <p>Names (row-major shapes; a Linear computes {@code y = x·W + b} with {@code W} of shape {@code
 * [in, out]}, i.e. the transpose of PyTorch's {@code weight}):
 *
 * <pre>
 * {block}.fc1.W [in, h|out]  {block}.fc1.b [h|out]
 * {block}.bn1.gamma|beta|mean|var [h|out]
 * {block}.fc2.W [h, out]     {block}.fc2.b [out]         (blocks with a hidden layer only)
 * {block}.bn2.gamma|beta|mean|var [out]
 *   block ∈ A_enc, V_enc, A_proj, V_proj (hidden) ; W_proj, D, A_rec, V_rec (no hidden)
 * pos [2, textDim]
 * attn.ln1.gamma|beta [textDim]    attn.qkv.W [textDim, 3·textDim] (columns: q, k, v; head h of q is columns h·headDim..)
 * attn.out.W [textDim, textDim]    attn.out.b [textDim]
 * attn.ln2.gamma|beta [textDim]    attn.ff1.W [textDim, mlpDim] attn.ff1.b [mlpDim]
 * attn.ff2.W [mlpDim, textDim]     attn.ff2.b [textDim]
 * </pre>
 *
 * @param config the architecture these arrays belong to
 * @param values name → row-major values
 * @param shapes name → shape
 */
public record AvcaWeights(
        AvcaConfig config, Map<String, float[]> values, Map<String, long[]> shapes) {

    public AvcaWeights {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        shapes = Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
        if (!values.keySet().equals(shapes.keySet())) {
            throw new IllegalArgumentException("values and shapes name different arrays");
        }
    }

    /**
     * @throws IllegalArgumentException if no array has that name
     */
    public float[] get(String name) {
        float[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("No weight named '" + name + "'");
        }
        return v;
    }

    /**
     * @throws IllegalArgumentException if no array has that name
     */
    public long[] shape(String name) {
        long[] s = shapes.get(name);
        if (s == null) {
            throw new IllegalArgumentException("No weight named '" + name + "'");
        }
        return s;
    }
}
