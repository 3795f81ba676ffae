package org.avca4j.trainer.model;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The reference's one-layer pre-norm transformer over the two tokens (audio, video) of each clip
 * (docs/method.md#model): {@code x = x + Attn(LN(x)); x = x + FF(LN(x))}. The tokens of a batch of
 * B clips are laid out as 2B rows: the B audio tokens, then the B video tokens.
 */
final class CrossAttention {

    private final int dim;
    private final int heads;
    private final int headDim;
    private final int mlpDim;
    private final double dropout;
    private final SDVariable ln1g;
    private final SDVariable ln1b;
    private final SDVariable qkvW;
    private final SDVariable outW;
    private final SDVariable outB;
    private final SDVariable ln2g;
    private final SDVariable ln2b;
    private final SDVariable ff1W;
    private final SDVariable ff1b;
    private final SDVariable ff2W;
    private final SDVariable ff2b;

    CrossAttention(ParameterStore store, AvcaConfig c) {
        this.dim = c.textDim();
        this.heads = c.heads();
        this.headDim = c.headDim();
        this.mlpDim = c.mlpDim();
        this.dropout = c.dropoutEnc();
        ln1g = store.scale("attn.ln1.gamma", dim);
        ln1b = store.shift("attn.ln1.beta", dim);
        qkvW = store.linearWeight("attn.qkv.W", dim, 3 * dim);
        outW = store.linearWeight("attn.out.W", dim, dim);
        outB = store.linearBias("attn.out.b", dim, dim);
        ln2g = store.scale("attn.ln2.gamma", dim);
        ln2b = store.shift("attn.ln2.beta", dim);
        ff1W = store.linearWeight("attn.ff1.W", dim, mlpDim);
        ff1b = store.linearBias("attn.ff1.b", dim, mlpDim);
        ff2W = store.linearWeight("attn.ff2.W", mlpDim, dim);
        ff2b = store.linearBias("attn.ff2.b", mlpDim, dim);
    }

    /**
     * The transformer's output for both tokens, {@code [t[:,0], t[:,1]]}, each {@code [B, dim]}.
     *
     * @param pos the positional embedding {@code [2, dim]}
     * @param pass the training pass whose dropout masks to use, or null for inference
     */
    SDVariable[] apply(
            SameDiff sd, SDVariable audio, SDVariable video, SDVariable pos, PassPlan pass) {
        SDVariable x =
                sd.concat(
                        0,
                        sd.nn.biasAdd(audio, pos.get(SDIndex.point(0)), false),
                        sd.nn.biasAdd(video, pos.get(SDIndex.point(1)), false));
        x =
                x.add(
                        GraphLayers.dropout(
                                GraphLayers.linear(
                                        sd,
                                        attention(sd, GraphLayers.layerNorm(sd, x, ln1g, ln1b)),
                                        outW,
                                        outB),
                                mask(pass, dim)));
        SDVariable f =
                GraphLayers.gelu(
                        sd,
                        GraphLayers.linear(
                                sd, GraphLayers.layerNorm(sd, x, ln2g, ln2b), ff1W, ff1b));
        f = GraphLayers.dropout(f, mask(pass, mlpDim));
        f = GraphLayers.dropout(GraphLayers.linear(sd, f, ff2W, ff2b), mask(pass, dim));
        x = x.add(f);
        return sd.unstack(x.reshape(2, -1, dim), 0, 2);
    }

    /**
     * Multi-head softmax attention of each clip's two tokens over each other, heads concatenated.
     */
    private SDVariable attention(SameDiff sd, SDVariable x) {
        // [2B, 3·dim] → [token, B, q|k|v, head, headDim] → [q|k|v, B, head, token, headDim]
        SDVariable qkv = sd.mmul(x, qkvW).reshape(2, -1, 3, heads, headDim).permute(2, 1, 3, 0, 4);
        SDVariable[] parts = sd.unstack(qkv, 0, 3);
        SDVariable q = parts[0].reshape(-1, 2, headDim);
        SDVariable k = parts[1].reshape(-1, 2, headDim);
        SDVariable v = parts[2].reshape(-1, 2, headDim);
        SDVariable scores = sd.mmul(q, k, false, true, false).mul(1.0 / Math.sqrt(headDim));
        SDVariable o = sd.mmul(sd.nn.softmax(scores, 2), v);
        // [B·head, token, headDim] → [token, B, head, headDim] → [2B, dim]
        return o.reshape(-1, heads, 2, headDim).permute(2, 0, 1, 3).reshape(-1, dim);
    }

    private SDVariable mask(PassPlan pass, int width) {
        return pass == null ? null : pass.mask(2, width, dropout);
    }
}
