package org.avca4j.trainer.method.cjme;

import java.util.LinkedHashMap;
import java.util.Map;
import org.avca4j.sdk.card.ScoringRule;
import org.avca4j.trainer.method.BaselineRules;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.PairedBatch;
import org.avca4j.trainer.method.TwoBranchNetwork;
import org.avca4j.trainer.model.MethodGraph;
import org.avca4j.trainer.model.MlpBlock;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * CJME's network and loss on a {@link MethodGraph} (docs/baselines.md#cjme). The BatchNorm calls of
 * a step, in order: f_a(a), f_v(v), f_t(w), f_a(a⁻), f_v(v⁻), f_t(w⁻), g([a‖v]), then f_t over
 * every training class's embedding (training mode, output detached). Not thread-safe.
 */
final class CjmeNetwork extends TwoBranchNetwork {

    /** Inference output: the soft attention ω {@code [n, 1]}. */
    static final String OMEGA = "omega";

    /** The entropy difference (nats) beyond which one modality counts as more confident. */
    static final double ENTROPY_MARGIN = 0.1;

    private final CjmeSettings settings;

    private CjmeNetwork(MethodContext context, CjmeSettings settings, DataType dataType) {
        super(
                Cjme.ID,
                context,
                settings,
                dataType,
                ScoringRule.GATED,
                settings.outDim(),
                MlpBlock.Output.RELU);
        this.settings = settings;
        build();
    }

    static CjmeNetwork create(MethodContext context, CjmeSettings settings) {
        return new CjmeNetwork(context, settings, DataType.FLOAT);
    }

    /** For gradient checks: every array in the given precision. */
    static CjmeNetwork create(MethodContext context, CjmeSettings settings, DataType dataType) {
        return new CjmeNetwork(context, settings, dataType);
    }

    private void build() {
        MethodGraph graph = graph();
        MethodContext context = context();
        SameDiff sd = graph.sameDiff();
        int da = context.audioDim();
        int dv = context.videoDim();
        int t = context.textDim();
        int out = settings.outDim();
        double p = settings.dropout();
        MlpBlock fa = graph.mlp(AUDIO_NET, da, settings.hidden(), out, p, MlpBlock.Output.RELU);
        MlpBlock fv = graph.mlp(VIDEO_NET, dv, settings.hidden(), out, p, MlpBlock.Output.RELU);
        MlpBlock ft = graph.mlp(TEXT_NET, t, t, out, p, MlpBlock.Output.RELU);
        MethodGraph.Norm gateNorm = graph.norm(GATE_NORM, da + dv);
        MethodGraph.Dense gateLinear = graph.dense(GATE_LINEAR, da + dv, 1);

        SDVariable a = graph.input(PairedBatch.AUDIO, da);
        SDVariable v = graph.input(PairedBatch.VIDEO, dv);
        SDVariable w = graph.input(PairedBatch.TEXT, t);
        SDVariable aNeg = graph.input(PairedBatch.NEG_AUDIO, da);
        SDVariable vNeg = graph.input(PairedBatch.NEG_VIDEO, dv);
        SDVariable wNeg = graph.input(PairedBatch.NEG_TEXT, t);
        int classes = context.trainClassCount();
        SDVariable eTrain = graph.constant("E_train", context.trainClassText(), classes, t);

        // Training: the calls in the reference's order.
        SDVariable aPos = fa.train(a);
        SDVariable vPos = fv.train(v);
        SDVariable tPos = ft.train(w);
        SDVariable aNegE = fa.train(aNeg);
        SDVariable vNegE = fv.train(vNeg);
        ft.trainStatisticsOnly(wNeg);
        SDVariable omega =
                sd.nn.sigmoid(gateLinear.apply(gateNorm.train(sd.concat(1, a, v)))); // [B,1]
        SDVariable eHat = detach(sd, ft.trainRows(eTrain, classes));

        SDVariable lta = graph.tripletPerRow(tPos, aPos, aNegE, settings.margin());
        SDVariable ltv = graph.tripletPerRow(tPos, vPos, vNegE, settings.margin());
        SDVariable omegaRow = sd.reshape(omega, -1); // [B]
        SDVariable ct = weightedTriplets(omegaRow, lta, ltv, settings.weighting());
        SDVariable lav = graph.mse(aPos, vPos);
        SDVariable target = attentionTarget(sd, detach(sd, aPos), detach(sd, vPos), eHat);
        SDVariable latt = graph.mse(omegaRow, target);
        Map<String, SDVariable> terms = new LinkedHashMap<>();
        terms.put("ct", ct);
        terms.put("av", lav);
        terms.put("att", latt);
        graph.finishTraining(ct.add(lav).add(latt), terms, BaselineRules.ADAM);

        // Inference.
        fa.infer(a).rename(THETA_A);
        fv.infer(v).rename(THETA_V);
        ft.infer(w).rename(THETA_W);
        SDVariable omegaInfer = sd.nn.sigmoid(gateLinear.apply(gateNorm.infer(sd.concat(1, a, v))));
        omegaInfer.rename(OMEGA);
        sd.castTo(GATE, sd.gte(omegaInfer, 0.5), graph.dataType());
    }

    /** The triplet term from ω, l_ta and l_tv (each [B]) under a weighting. */
    static SDVariable weightedTriplets(
            SDVariable omega, SDVariable lta, SDVariable ltv, TripletWeighting weighting) {
        SDVariable rest = omega.rsub(1.0);
        return weighting == TripletWeighting.BROADCAST
                ? rest.mean().mul(lta.mean()).add(omega.mean().mul(ltv.mean()))
                : rest.mul(lta).add(omega.mul(ltv)).mean();
    }

    /**
     * s = 0.5 when the entropies of the two modalities' class posteriors differ by at most 0.1, 0
     * when video's is higher (audio more confident), 1 when audio's is higher; shape [B].
     */
    static SDVariable attentionTarget(
            SameDiff sd, SDVariable aPos, SDVariable vPos, SDVariable eHat) {
        SDVariable hA = entropy(sd, sd.mmul(aPos, eHat, false, true, false));
        SDVariable hV = entropy(sd, sd.mmul(vPos, eHat, false, true, false));
        SDVariable diff = hV.sub(hA);
        SDVariable videoLess = sd.castTo(sd.gt(diff, ENTROPY_MARGIN), diff.dataType());
        SDVariable audioLess = sd.castTo(sd.lt(diff, -ENTROPY_MARGIN), diff.dataType());
        return audioLess.sub(videoLess).mul(0.5).add(0.5);
    }

    /**
     * Entropy in nats of the softmax over each row of logits, {@code lse(z) − Σ_k p_k·z_k}; shape
     * [rows]. Written from exp and log (with the row maximum subtracted) because ND4J 1.0.0-M2.1's
     * log-softmax op cannot be copied into the gradient function.
     */
    private static SDVariable entropy(SameDiff sd, SDVariable logits) {
        SDVariable max = logits.max(true, 1);
        SDVariable shifted = logits.sub(max);
        SDVariable lse = sd.math.log(sd.math.exp(shifted).sum(true, 1)); // of the shifted logits
        SDVariable p = sd.math.exp(shifted.sub(lse));
        return lse.sub(p.mul(shifted).sum(true, 1)).reshape(-1);
    }

    private static SDVariable detach(SameDiff sd, SDVariable x) {
        return new StopGradient(sd, x).outputVariable();
    }

    CjmeSettings settings() {
        return settings;
    }
}
