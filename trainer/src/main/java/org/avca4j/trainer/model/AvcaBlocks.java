package org.avca4j.trainer.model;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The blocks of an AVCA model with their parameters, created in the reference's order from one
 * {@link ParameterStore} (so that every implementation draws the same initial weights from a seed).
 */
record AvcaBlocks(
        EmbeddingBlock aEnc,
        EmbeddingBlock vEnc,
        CrossAttention attention,
        EmbeddingBlock wProj,
        EmbeddingBlock aProj,
        EmbeddingBlock vProj,
        EmbeddingBlock dec,
        EmbeddingBlock aRec,
        EmbeddingBlock vRec,
        SDVariable pos) {

    /** Name of the fixed positional embedding {@code [2, textDim]}. */
    static final String POS = "pos";

    /** Creates every block's arrays in {@code store}, in the order of the reference. */
    static AvcaBlocks create(ParameterStore store, AvcaConfig c) {
        int t = c.textDim();
        double m = c.momentum();
        EmbeddingBlock aEnc =
                new EmbeddingBlock(
                        store, "A_enc", c.audioDim(), c.encoderHidden(), t, c.dropoutEnc(), m);
        EmbeddingBlock vEnc =
                new EmbeddingBlock(
                        store, "V_enc", c.videoDim(), c.encoderHidden(), t, c.dropoutEnc(), m);
        CrossAttention attention = new CrossAttention(store, c);
        EmbeddingBlock wProj =
                new EmbeddingBlock(store, "W_proj", t, 0, c.outDim(), c.dropoutDec(), m);
        EmbeddingBlock aProj =
                new EmbeddingBlock(
                        store, "A_proj", t, c.projHidden(), c.outDim(), c.dropoutProj(), m);
        EmbeddingBlock vProj =
                new EmbeddingBlock(
                        store, "V_proj", t, c.projHidden(), c.outDim(), c.dropoutProj(), m);
        EmbeddingBlock dec = new EmbeddingBlock(store, "D", c.outDim(), 0, t, c.dropoutDec(), m);
        EmbeddingBlock aRec =
                new EmbeddingBlock(store, "A_rec", c.outDim(), 0, t, c.dropoutDec(), m);
        EmbeddingBlock vRec =
                new EmbeddingBlock(store, "V_rec", c.outDim(), 0, t, c.dropoutDec(), m);
        SDVariable pos = store.normalState(POS, 2, t);
        return new AvcaBlocks(aEnc, vEnc, attention, wProj, aProj, vProj, dec, aRec, vRec, pos);
    }
}
