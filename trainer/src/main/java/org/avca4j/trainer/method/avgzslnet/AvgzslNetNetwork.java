package org.avca4j.trainer.method.avgzslnet;

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
import org.nd4j.linalg.api.buffer.DataType;

/**
 * AVGZSLNet's network and loss on a {@link MethodGraph} (docs/baselines.md#avgzslnet). The
 * BatchNorm calls of a step, in order: f_a(a), f_v(v), f_t(w), f_a(a⁻), f_v(v⁻), f_t(w⁻), then the
 * decoder D(a⁺), D(v⁺), D(t⁺), D(a⁻), D(v⁻). Nothing is detached. Not thread-safe.
 */
final class AvgzslNetNetwork extends TwoBranchNetwork {

    private final AvgzslNetSettings settings;

    private AvgzslNetNetwork(MethodContext context, AvgzslNetSettings settings, DataType dataType) {
        super(
                AvgzslNet.ID,
                context,
                settings,
                dataType,
                ScoringRule.SUM_OF_DISTANCES,
                settings.outDim(),
                MlpBlock.Output.LINEAR);
        this.settings = settings;
        build();
    }

    static AvgzslNetNetwork create(MethodContext context, AvgzslNetSettings settings) {
        return new AvgzslNetNetwork(context, settings, DataType.FLOAT);
    }

    /** For gradient checks: every array in the given precision. */
    static AvgzslNetNetwork create(
            MethodContext context, AvgzslNetSettings settings, DataType dataType) {
        return new AvgzslNetNetwork(context, settings, dataType);
    }

    AvgzslNetSettings settings() {
        return settings;
    }

    private void build() {
        MethodGraph g = graph();
        MethodContext c = context();
        int t = c.textDim();
        int out = settings.outDim();
        double pe = settings.embeddingDropout();
        MlpBlock fa =
                g.mlp(AUDIO_NET, c.audioDim(), settings.hidden(), out, pe, MlpBlock.Output.LINEAR);
        MlpBlock fv =
                g.mlp(VIDEO_NET, c.videoDim(), settings.hidden(), out, pe, MlpBlock.Output.LINEAR);
        MlpBlock ft = g.mlp(TEXT_NET, t, t, out, pe, MlpBlock.Output.LINEAR);
        MlpBlock dec =
                g.mlp(
                        "D",
                        out,
                        settings.decoderHidden(),
                        t,
                        settings.decoderDropout(),
                        MlpBlock.Output.L2_NORMALIZED);

        SDVariable a = g.input(PairedBatch.AUDIO, c.audioDim());
        SDVariable v = g.input(PairedBatch.VIDEO, c.videoDim());
        SDVariable w = g.input(PairedBatch.TEXT, t);
        SDVariable aNeg = g.input(PairedBatch.NEG_AUDIO, c.audioDim());
        SDVariable vNeg = g.input(PairedBatch.NEG_VIDEO, c.videoDim());
        SDVariable wNeg = g.input(PairedBatch.NEG_TEXT, t);

        SDVariable aPos = fa.train(a);
        SDVariable vPos = fv.train(v);
        SDVariable tPos = ft.train(w);
        SDVariable aNegE = fa.train(aNeg);
        SDVariable vNegE = fv.train(vNeg);
        SDVariable tNegE = ft.train(wNeg);
        SDVariable rhoA = dec.train(aPos);
        SDVariable rhoV = dec.train(vPos);
        SDVariable rhoT = dec.train(tPos);
        SDVariable rhoANeg = dec.train(aNegE);
        SDVariable rhoVNeg = dec.train(vNegE);

        Map<String, SDVariable> terms = new LinkedHashMap<>();
        // plain Euclidean norms, not squared and without an epsilon
        terms.put("rec_t", rhoT.sub(w).norm2(1).mean());
        terms.put("rec_a", rhoA.sub(w).norm2(1).mean());
        terms.put("rec_v", rhoV.sub(w).norm2(1).mean());
        terms.put("cta", triplet(rhoT, rhoA, rhoANeg));
        terms.put("ctv", triplet(rhoT, rhoV, rhoVNeg));
        terms.put("ct_ta", triplet(tPos, aPos, aNegE));
        terms.put("ct_at", triplet(aPos, tPos, tNegE));
        terms.put("ct_tv", triplet(tPos, vPos, vNegE));
        terms.put("ct_vt", triplet(vPos, tPos, tNegE));
        SDVariable loss = null;
        for (SDVariable term : terms.values()) {
            loss = loss == null ? term : loss.add(term);
        }
        g.finishTraining(loss, terms, BaselineRules.ADAM);

        fa.infer(a).rename(THETA_A);
        fv.infer(v).rename(THETA_V);
        ft.infer(w).rename(THETA_W);
    }

    private SDVariable triplet(SDVariable anchor, SDVariable positive, SDVariable negative) {
        return graph().tripletPerRow(anchor, positive, negative, settings.margin()).mean();
    }
}
