package org.avca4j.trainer.model;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The AVCA model as one SameDiff graph with three entry points sharing its parameters: the training
 * loss of docs/method.md#training (with the batch statistics of every BatchNorm call as outputs),
 * the post-step training-mode forward of the positive batch (statistics only), and inference.
 */
final class AvcaGraph {

    static final String AUDIO = "a";
    static final String VIDEO = "v";
    static final String TEXT = "w";
    static final String NEG_AUDIO = "a_neg";
    static final String NEG_VIDEO = "v_neg";
    static final String NEG_TEXT = "w_neg";

    static final String LOSS = "loss";
    static final String LOSS_REC = "loss.rec";
    static final String LOSS_CT = "loss.ct";
    static final String LOSS_W = "loss.w";
    static final String LOSS_T = "loss.t";
    static final String LOSS_R = "loss.r";
    static final List<String> LOSS_OUTPUTS =
            List.of(LOSS, LOSS_REC, LOSS_CT, LOSS_W, LOSS_T, LOSS_R);

    static final String THETA_V = "infer.theta_v";
    static final String THETA_A = "infer.theta_a";
    static final String THETA_W = "infer.theta_w";

    private final AvcaConfig config;
    private final DataType dataType;
    private final SameDiff sd = SameDiff.create();
    private final ParameterStore store;
    private final EmbeddingBlock aEnc;
    private final EmbeddingBlock vEnc;
    private final EmbeddingBlock wProj;
    private final EmbeddingBlock aProj;
    private final EmbeddingBlock vProj;
    private final EmbeddingBlock dec;
    private final EmbeddingBlock aRec;
    private final EmbeddingBlock vRec;
    private final CrossAttention attention;
    private final SDVariable pos;
    private final PassPlan trainPass;
    private final PassPlan postPass;

    AvcaGraph(AvcaConfig c, DataType dataType, long initSeed) {
        this.config = c;
        this.dataType = dataType;
        this.store = new ParameterStore(sd, dataType, initSeed);
        AvcaBlocks blocks = AvcaBlocks.create(store, c);
        aEnc = blocks.aEnc();
        vEnc = blocks.vEnc();
        attention = blocks.attention();
        wProj = blocks.wProj();
        aProj = blocks.aProj();
        vProj = blocks.vProj();
        dec = blocks.dec();
        aRec = blocks.aRec();
        vRec = blocks.vRec();
        pos = blocks.pos();
        int t = c.textDim();

        SDVariable a = sd.placeHolder(AUDIO, dataType, -1, c.audioDim());
        SDVariable v = sd.placeHolder(VIDEO, dataType, -1, c.videoDim());
        SDVariable w = sd.placeHolder(TEXT, dataType, -1, t);
        SDVariable aNeg = sd.placeHolder(NEG_AUDIO, dataType, -1, c.audioDim());
        SDVariable vNeg = sd.placeHolder(NEG_VIDEO, dataType, -1, c.videoDim());
        SDVariable wNeg = sd.placeHolder(NEG_TEXT, dataType, -1, t);

        trainPass = new PassPlan(sd, dataType, "train");
        buildLoss(a, v, w, aNeg, vNeg, wNeg);
        trainPass.finish();
        postPass = new PassPlan(sd, dataType, "post");
        buildPostStep(a, v, w);
        postPass.finish();
        buildInference(a, v, w);
    }

    /**
     * See docs/method.md#training; the block calls are made in the order in which the reference
     * updates running statistics.
     */
    private void buildLoss(
            SDVariable a,
            SDVariable v,
            SDVariable w,
            SDVariable aNeg,
            SDVariable vNeg,
            SDVariable wNeg) {
        PassPlan p = trainPass;
        SDVariable phiA = aEnc.train(sd, a, p, true);
        SDVariable phiV = vEnc.train(sd, v, p, true);
        SDVariable phiANeg = aEnc.train(sd, aNeg, p, true);
        SDVariable phiVNeg = vEnc.train(sd, vNeg, p, true);
        SDVariable[] t = attention.apply(sd, phiA, phiV, pos, p);
        SDVariable[] tNeg = attention.apply(sd, phiANeg, phiVNeg, pos, p);
        SDVariable phiA2 = phiA.add(t[0]);
        SDVariable phiV2 = phiV.add(t[1]);
        SDVariable phiA2Neg = phiANeg.add(tNeg[0]);
        SDVariable phiV2Neg = phiVNeg.add(tNeg[1]);

        SDVariable thW = wProj.train(sd, w, p, true);
        SDVariable thWNeg = wProj.train(sd, wNeg, p, true);
        SDVariable rhoW = dec.train(sd, thW, p, true);
        // D(θw⁻) enters no loss term; the reference computes it all the same, so it updates D's
        // statistics.
        dec.train(sd, thWNeg, p, false);
        SDVariable thV = vProj.train(sd, phiV2, p, true);
        SDVariable thVNeg = vProj.train(sd, phiV2Neg, p, true);
        SDVariable thA = aProj.train(sd, phiA2, p, true);
        SDVariable thANeg = aProj.train(sd, phiA2Neg, p, true);
        SDVariable phiVRec = vRec.train(sd, thV, p, true);
        SDVariable phiARec = aRec.train(sd, thA, p, true);
        aProj.train(sd, phiARec, p, false);
        vProj.train(sd, phiVRec, p, false);
        SDVariable rhoA = dec.train(sd, thA, p, true);
        SDVariable rhoANeg = dec.train(sd, thANeg, p, true);
        SDVariable rhoV = dec.train(sd, thV, p, true);
        SDVariable rhoVNeg = dec.train(sd, thVNeg, p, true);

        SDVariable lRec =
                GraphLayers.mse(sd, w, rhoV)
                        .add(GraphLayers.mse(sd, w, rhoA))
                        .add(GraphLayers.mse(sd, w, rhoW));
        SDVariable lCt = triplet(rhoW, rhoA, rhoANeg).add(triplet(rhoW, rhoV, rhoVNeg));
        SDVariable lW =
                triplet(thW, thA, thANeg)
                        .add(triplet(thA, thW, thWNeg))
                        .add(triplet(thW, thV, thVNeg))
                        .add(triplet(thV, thW, thWNeg));
        SDVariable lT =
                triplet(thA, thW, thANeg)
                        .add(triplet(thV, thW, thVNeg))
                        .add(triplet(thW, thA, thWNeg))
                        .add(triplet(thW, thV, thWNeg));
        SDVariable lR =
                GraphLayers.mse(sd, phiVRec, phiV)
                        .add(GraphLayers.mse(sd, phiARec, phiA))
                        .add(GraphLayers.mse(sd, thV, thW))
                        .add(GraphLayers.mse(sd, thA, thW));
        lRec.rename(LOSS_REC);
        lCt.rename(LOSS_CT);
        lW.rename(LOSS_W);
        lT.rename(LOSS_T);
        lR.rename(LOSS_R);
        lRec.add(lCt).add(lW).add(lT).add(lR).rename(LOSS);
        sd.setLossVariables(LOSS);
    }

    /**
     * The training-mode forward of the positive batch after the update; only its statistics are
     * used.
     */
    private void buildPostStep(SDVariable a, SDVariable v, SDVariable w) {
        PassPlan p = postPass;
        SDVariable phiA = aEnc.train(sd, a, p, true);
        SDVariable phiV = vEnc.train(sd, v, p, true);
        wProj.train(sd, w, p, false);
        SDVariable[] t = attention.apply(sd, phiA, phiV, pos, p);
        vProj.train(sd, phiV.add(t[1]), p, false);
        aProj.train(sd, phiA.add(t[0]), p, false);
    }

    private void buildInference(SDVariable a, SDVariable v, SDVariable w) {
        SDVariable phiA = aEnc.infer(sd, a);
        SDVariable phiV = vEnc.infer(sd, v);
        SDVariable[] t = attention.apply(sd, phiA, phiV, pos, null);
        vProj.infer(sd, phiV.add(t[1])).rename(THETA_V);
        aProj.infer(sd, phiA.add(t[0])).rename(THETA_A);
        wProj.infer(sd, w).rename(THETA_W);
    }

    private SDVariable triplet(SDVariable anchor, SDVariable positive, SDVariable negative) {
        return GraphLayers.triplet(sd, anchor, positive, negative);
    }

    AvcaConfig config() {
        return config;
    }

    DataType dataType() {
        return dataType;
    }

    SameDiff sameDiff() {
        return sd;
    }

    ParameterStore store() {
        return store;
    }

    PassPlan trainPass() {
        return trainPass;
    }

    PassPlan postPass() {
        return postPass;
    }
}
