package org.avca4j.trainer.method.cjme;

import static org.avca4j.trainer.method.ReferenceMath.batchNorm;
import static org.avca4j.trainer.method.ReferenceMath.linear;
import static org.avca4j.trainer.method.ReferenceMath.mean;
import static org.avca4j.trainer.method.ReferenceMath.mlp;
import static org.avca4j.trainer.method.ReferenceMath.mse;
import static org.avca4j.trainer.method.ReferenceMath.relu;
import static org.avca4j.trainer.method.ReferenceMath.rows;
import static org.avca4j.trainer.method.ReferenceMath.triplets;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.PairedInputs;
import org.avca4j.trainer.method.TestBetaRule;
import org.avca4j.trainer.model.MethodGraph;
import org.avca4j.trainer.model.TrainingBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** CJME's loss against hand-computed values and an independent forward (docs/baselines.md#cjme). */
class CjmeLossTest {

    private static CjmeSettings tiny(TripletWeighting weighting) {
        return new CjmeSettings(0.0, 1.0, 7, 3, weighting, TestBetaRule.MEAN_OF_THREE);
    }

    /**
     * ω = (0.2, 0.8), l_ta = (1, 3), l_tv = (2, 0). Broadcast: mean(1−ω)·mean(l_ta) +
     * mean(ω)·mean(l_tv) = 0.5·2 + 0.5·1 = 1.5. Per sample: (0.8·1 + 0.2·2 + 0.2·3 + 0.8·0)/2 =
     * 0.9.
     */
    @Test
    void broadcastWeightingAndItsFixOnHandValues() {
        SameDiff sd = SameDiff.create();
        SDVariable omega = sd.constant(Nd4j.createFromArray(0.2, 0.8));
        SDVariable lta = sd.constant(Nd4j.createFromArray(1.0, 3.0));
        SDVariable ltv = sd.constant(Nd4j.createFromArray(2.0, 0.0));
        SDVariable b = CjmeNetwork.weightedTriplets(omega, lta, ltv, TripletWeighting.BROADCAST);
        SDVariable p = CjmeNetwork.weightedTriplets(omega, lta, ltv, TripletWeighting.PER_SAMPLE);
        assertEquals(1.5, b.eval().getDouble(0), 1e-12);
        assertEquals(0.9, p.eval().getDouble(0), 1e-12);
    }

    /**
     * Two classes with embeddings e₁ = (1, 0), e₂ = (0, 1), so the logits are the embedding itself.
     * Entropies (nats): (0, 0) → ln 2 = 0.6931; (5, 0) → 0.0402; (1, 0) and (0, 1) → 0.5822 each;
     * (0.5, 0) → 0.6628. Rows: audio uniform, video sure → H_a − H_v = 0.653 > 0.1 → s = 1; the
     * reverse → s = 0; equal entropies → 0.5; (0,0) against (0.5,0): difference 0.030 ≤ 0.1 → 0.5.
     */
    @Test
    void attentionTargetFromEntropies() {
        SameDiff sd = SameDiff.create();
        SDVariable a =
                sd.constant(Nd4j.createFromArray(new double[][] {{0, 0}, {5, 0}, {1, 0}, {0, 0}}));
        SDVariable v =
                sd.constant(
                        Nd4j.createFromArray(new double[][] {{5, 0}, {0, 0}, {0, 1}, {0.5, 0}}));
        SDVariable e = sd.constant(Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}}));
        double[] s = CjmeNetwork.attentionTarget(sd, a, v, e).eval().toDoubleVector();
        assertArrayEquals(new double[] {1, 0, 0.5, 0.5}, s, 0.0);
    }

    /** Every term and the total against a double-precision forward written from the formulas. */
    @ParameterizedTest
    @EnumSource(TripletWeighting.class)
    void lossMatchesAnIndependentForward(TripletWeighting weighting) {
        MethodContext c = PairedInputs.context(11);
        TrainingBatch batch = PairedInputs.batch(c, 6, 3);
        try (CjmeNetwork net = CjmeNetwork.create(c, tiny(weighting), DataType.DOUBLE)) {
            Map<String, Double> expected = reference(net.graph(), c, batch, weighting);
            Map<String, Double> actual =
                    net.graph()
                            .lossTerms(org.avca4j.trainer.method.PairedBatch.inputs(batch), 6, 1);
            for (String term : expected.keySet()) {
                assertEquals(expected.get(term), actual.get(term), 1e-9, term);
            }
        }
    }

    /** The two weightings give different losses on the same batch (the quirk is live). */
    @Test
    void weightingsDiffer() {
        MethodContext c = PairedInputs.context(11);
        TrainingBatch batch = PairedInputs.batch(c, 6, 3);
        double[] ct = new double[2];
        for (TripletWeighting w : TripletWeighting.values()) {
            try (CjmeNetwork net = CjmeNetwork.create(c, tiny(w), DataType.DOUBLE)) {
                ct[w.ordinal()] = net.step(batch, 1e-3, 1).terms().get("ct");
            }
        }
        assertNotEquals(ct[0], ct[1], 1e-6);
    }

    /** The loss of docs/baselines.md#cjme from the graph's weights, in plain double arithmetic. */
    static Map<String, Double> reference(
            MethodGraph g, MethodContext c, TrainingBatch b, TripletWeighting weighting) {
        int n = b.size();
        int t = c.textDim();
        double[][] a = rows(b.audio(), n, c.audioDim());
        double[][] v = rows(b.video(), n, c.videoDim());
        double[][] aP = relu(mlp(g, "f_a", a).out());
        double[][] vP = relu(mlp(g, "f_v", v).out());
        double[][] tP = relu(mlp(g, "f_t", rows(b.text(), n, t)).out());
        double[][] aN = relu(mlp(g, "f_a", rows(b.negAudio(), n, c.audioDim())).out());
        double[][] vN = relu(mlp(g, "f_v", rows(b.negVideo(), n, c.videoDim())).out());
        double[][] av = new double[n][];
        for (int i = 0; i < n; i++) {
            av[i] = new double[a[i].length + v[i].length];
            System.arraycopy(a[i], 0, av[i], 0, a[i].length);
            System.arraycopy(v[i], 0, av[i], a[i].length, v[i].length);
        }
        double[][] z = linear(g, "g.fc", batchNorm(g, "g.bn", av).out());
        double[] omega = new double[n];
        for (int i = 0; i < n; i++) {
            omega[i] = 1 / (1 + Math.exp(-z[i][0]));
        }
        double[][] eHat =
                relu(mlp(g, "f_t", rows(c.trainClassText(), c.trainClassCount(), t)).out());
        double[] lta = triplets(tP, aP, aN, 1.0);
        double[] ltv = triplets(tP, vP, vN, 1.0);
        double ct;
        if (weighting == TripletWeighting.BROADCAST) {
            double[] rest = new double[n];
            for (int i = 0; i < n; i++) {
                rest[i] = 1 - omega[i];
            }
            ct = mean(rest) * mean(lta) + mean(omega) * mean(ltv);
        } else {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += (1 - omega[i]) * lta[i] + omega[i] * ltv[i];
            }
            ct = s / n;
        }
        double lav = mse(aP, vP);
        double att = 0;
        for (int i = 0; i < n; i++) {
            double hA = entropy(aP[i], eHat);
            double hV = entropy(vP[i], eHat);
            double target = hV - hA > 0.1 ? 0 : hA - hV > 0.1 ? 1 : 0.5;
            att += (omega[i] - target) * (omega[i] - target) / n;
        }
        return Map.of("ct", ct, "av", lav, "att", att, "total", ct + lav + att);
    }

    private static double entropy(double[] x, double[][] classes) {
        double[] logits = new double[classes.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes.length; k++) {
            for (int j = 0; j < x.length; j++) {
                logits[k] += x[j] * classes[k][j];
            }
            max = Math.max(max, logits[k]);
        }
        double z = 0;
        for (double l : logits) {
            z += Math.exp(l - max);
        }
        double h = 0;
        for (double l : logits) {
            double p = Math.exp(l - max) / z;
            h -= p * Math.log(p);
        }
        return h;
    }
}
