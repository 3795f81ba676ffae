package org.avca4j.trainer.model;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link CrossAttention} on plain ND4J arrays with its hand-derived backward, for {@link
 * FusedAvcaNetwork}. With two tokens per clip, each head's softmax over two scores is {@code σ(s₀ −
 * s₁)}; per-head sums and broadcasts are gemms with a {@code [dim, heads]} indicator matrix, so
 * that a call is a few dozen large operations over the whole batch.
 */
final class FusedAttention {

    /** The forward cache of one training call. */
    static final class Call {
        private INDArray x0;
        private FusedLayers.Norm ln1;
        private INDArray ln1Out;
        private INDArray qa;
        private INDArray ka;
        private INDArray va;
        private INDArray qv;
        private INDArray kv;
        private INDArray vv;
        private INDArray paa;
        private INDArray pav;
        private INDArray pva;
        private INDArray pvv;
        private INDArray attended;
        private INDArray mask1;
        private FusedLayers.Norm ln2;
        private INDArray ln2Out;
        private INDArray geluDerivative;
        private INDArray mask2;
        private INDArray ffHidden;
        private INDArray mask3;
        private INDArray audio;
        private INDArray video;

        /** The transformer's output for the audio tokens {@code [B, dim]}. */
        INDArray audio() {
            return audio;
        }

        /** The transformer's output for the video tokens {@code [B, dim]}. */
        INDArray video() {
            return video;
        }
    }

    private final int dim;
    private final double dropout;
    private final double scoreScale;
    private final INDArray heads;
    private final INDArray pos;
    private final INDArray ln1g;
    private final INDArray ln1b;
    private final INDArray qkvW;
    private final INDArray outW;
    private final INDArray outB;
    private final INDArray ln2g;
    private final INDArray ln2b;
    private final INDArray ff1W;
    private final INDArray ff1b;
    private final INDArray ff2W;
    private final INDArray ff2b;
    private final Map<String, INDArray> grads;

    FusedAttention(AvcaConfig c, ParameterStore store, Map<String, INDArray> grads) {
        this.dim = c.textDim();
        this.dropout = c.dropoutEnc();
        this.scoreScale = 1.0 / Math.sqrt(c.headDim());
        this.grads = grads;
        this.heads = Nd4j.zeros(store.array(AvcaBlocks.POS).dataType(), dim, c.heads());
        for (int j = 0; j < dim; j++) {
            heads.putScalar(j, j / c.headDim(), 1.0);
        }
        pos = store.array(AvcaBlocks.POS);
        ln1g = store.array("attn.ln1.gamma");
        ln1b = store.array("attn.ln1.beta");
        qkvW = store.array("attn.qkv.W");
        outW = store.array("attn.out.W");
        outB = store.array("attn.out.b");
        ln2g = store.array("attn.ln2.gamma");
        ln2b = store.array("attn.ln2.beta");
        ff1W = store.array("attn.ff1.W");
        ff1b = store.array("attn.ff1.b");
        ff2W = store.array("attn.ff2.W");
        ff2b = store.array("attn.ff2.b");
    }

    /**
     * The forward of both tokens of a batch, as {@link CrossAttention#apply}.
     *
     * @param masks the pass's masks, or null for inference (no dropout)
     */
    Call apply(INDArray audio, INDArray video, MaskSource masks) {
        long n = audio.rows();
        Call c = new Call();
        INDArray x =
                Nd4j.vstack(audio.addRowVector(pos.getRow(0)), video.addRowVector(pos.getRow(1)));
        c.x0 = x;
        FusedLayers.LayerNorm l1 = FusedLayers.layerNorm(x, ln1g, ln1b);
        c.ln1 = l1.cache();
        c.ln1Out = l1.output();
        INDArray qkv = FusedLayers.product(l1.output(), qkvW, false, false);
        c.qa = part(qkv, 0, n, 0);
        c.ka = part(qkv, 0, n, 1);
        c.va = part(qkv, 0, n, 2);
        c.qv = part(qkv, n, 2 * n, 0);
        c.kv = part(qkv, n, 2 * n, 1);
        c.vv = part(qkv, n, 2 * n, 2);
        // p_aa = softmax(s_aa, s_av)[0] = σ(c·(q_a·k_a − q_a·k_v)); likewise for the video token
        INDArray kDiff = c.ka.sub(c.kv);
        c.paa = Transforms.sigmoid(headSums(c.qa.mul(kDiff)).muli(scoreScale), false);
        c.pva = Transforms.sigmoid(headSums(c.qv.mul(kDiff)).muli(scoreScale), false);
        c.pav = c.paa.rsub(1.0);
        c.pvv = c.pva.rsub(1.0);
        INDArray o = Nd4j.vstack(mix(c.paa, c.va, c.pav, c.vv), mix(c.pva, c.va, c.pvv, c.vv));
        c.attended = o;
        INDArray att = FusedLayers.linear(o, outW, outB);
        c.mask1 = mask(masks, 2 * n, dim);
        INDArray x1 = c.mask1 == null ? x.add(att) : x.add(att.muli(c.mask1));
        FusedLayers.LayerNorm l2 = FusedLayers.layerNorm(x1, ln2g, ln2b);
        c.ln2 = l2.cache();
        c.ln2Out = l2.output();
        INDArray[] g = FusedLayers.gelu(FusedLayers.linear(l2.output(), ff1W, ff1b));
        c.geluDerivative = g[1];
        c.mask2 = mask(masks, 2 * n, ff1W.columns());
        c.ffHidden = c.mask2 == null ? g[0] : g[0].muli(c.mask2);
        INDArray f = FusedLayers.linear(c.ffHidden, ff2W, ff2b);
        c.mask3 = mask(masks, 2 * n, dim);
        INDArray x2 = x1.addi(c.mask3 == null ? f : f.muli(c.mask3));
        c.audio = x2.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
        c.video = x2.get(NDArrayIndex.interval(n, 2 * n), NDArrayIndex.all());
        return c;
    }

    /**
     * Accumulates the parameters' gradients of a call whose outputs have gradients {@code dAudio}
     * and {@code dVideo}.
     *
     * @return the gradients of the audio and video inputs
     */
    INDArray[] backward(Call c, INDArray dAudio, INDArray dVideo) {
        long n = dAudio.rows();
        INDArray dx = Nd4j.vstack(dAudio, dVideo);
        INDArray df = c.mask3 == null ? dx : dx.mul(c.mask3);
        INDArray dh =
                FusedLayers.linearBackward(
                        c.ffHidden, df, ff2W, g("attn.ff2.W"), g("attn.ff2.b"), true);
        if (c.mask2 != null) {
            dh.muli(c.mask2);
        }
        dh.muli(c.geluDerivative);
        INDArray dln2 =
                FusedLayers.linearBackward(
                        c.ln2Out, dh, ff1W, g("attn.ff1.W"), g("attn.ff1.b"), true);
        dx.addi(
                FusedLayers.layerNormBackward(
                        c.ln2, dln2, ln2g, g("attn.ln2.gamma"), g("attn.ln2.beta")));
        INDArray datt = c.mask1 == null ? dx : dx.mul(c.mask1);
        INDArray dO =
                FusedLayers.linearBackward(
                        c.attended, datt, outW, g("attn.out.W"), g("attn.out.b"), true);
        INDArray dOa = dO.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
        INDArray dOv = dO.get(NDArrayIndex.interval(n, 2 * n), NDArrayIndex.all());
        INDArray dVa = mix(c.paa, dOa, c.pva, dOv);
        INDArray dVv = mix(c.pav, dOa, c.pvv, dOv);
        // ds_aa = p_aa·p_av·(dp_aa − dp_av) with dp_aa = dO_a·v_a, dp_av = dO_a·v_v
        INDArray vDiff = c.va.sub(c.vv);
        INDArray ga = headSums(dOa.mul(vDiff)).muli(c.paa).muli(c.pav).muli(scoreScale);
        INDArray gv = headSums(dOv.mul(vDiff)).muli(c.pva).muli(c.pvv).muli(scoreScale);
        INDArray gaWide = expand(ga);
        INDArray gvWide = expand(gv);
        INDArray kDiff = c.ka.sub(c.kv);
        INDArray dQa = kDiff.mul(gaWide);
        INDArray dQv = kDiff.muli(gvWide);
        INDArray dKa = c.qa.mul(gaWide).addi(c.qv.mul(gvWide));
        INDArray dKv = dKa.neg();
        INDArray dqkv = Nd4j.vstack(Nd4j.hstack(dQa, dKa, dVa), Nd4j.hstack(dQv, dKv, dVv));
        INDArray dln1 =
                FusedLayers.linearBackward(c.ln1Out, dqkv, qkvW, g("attn.qkv.W"), null, true);
        dx.addi(
                FusedLayers.layerNormBackward(
                        c.ln1, dln1, ln1g, g("attn.ln1.gamma"), g("attn.ln1.beta")));
        return new INDArray[] {
            dx.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()),
            dx.get(NDArrayIndex.interval(n, 2 * n), NDArrayIndex.all())
        };
    }

    private INDArray g(String name) {
        return grads.get(name);
    }

    private INDArray mask(MaskSource masks, long rows, int width) {
        return masks == null ? null : masks.next(rows, width, dropout);
    }

    /**
     * Column block {@code which} (q, k, v) of rows {@code [from, to)} of {@code qkv}, as a copy.
     */
    private INDArray part(INDArray qkv, long from, long to, int which) {
        INDArrayIndex rows = NDArrayIndex.interval(from, to);
        return qkv.get(rows, NDArrayIndex.interval((long) which * dim, (long) (which + 1) * dim))
                .dup('c');
    }

    /** {@code [B, dim] → [B, heads]}: each head's sum of its columns. */
    private INDArray headSums(INDArray x) {
        return FusedLayers.product(x, heads, false, false);
    }

    /** {@code [B, heads] → [B, dim]}: each head's value repeated over its columns. */
    private INDArray expand(INDArray perHead) {
        return FusedLayers.product(perHead, heads, false, true);
    }

    /** {@code p ⊙ x + q ⊙ y} with per-head weights. */
    private INDArray mix(INDArray p, INDArray x, INDArray q, INDArray y) {
        return expand(p).muli(x).addi(expand(q).muli(y));
    }
}
