package org.avca4j.trainer.method.avgzslnet;

import static org.avca4j.trainer.method.ReferenceMath.distance;
import static org.avca4j.trainer.method.ReferenceMath.l2n;
import static org.avca4j.trainer.method.ReferenceMath.mean;
import static org.avca4j.trainer.method.ReferenceMath.mlp;
import static org.avca4j.trainer.method.ReferenceMath.rows;
import static org.avca4j.trainer.method.ReferenceMath.triplets;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.PairedBatch;
import org.avca4j.trainer.method.PairedInputs;
import org.avca4j.trainer.method.TestBetaRule;
import org.avca4j.trainer.model.MethodGraph;
import org.avca4j.trainer.model.TrainingBatch;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** AVGZSLNet's nine loss terms against an independent forward (docs/baselines.md#avgzslnet). */
class AvgzslNetLossTest {

    static AvgzslNetSettings tiny(double dropout) {
        return new AvgzslNetSettings(dropout, dropout, 1.0, 7, 5, 3, TestBetaRule.MEAN_OF_THREE);
    }

    @Test
    void nineTermsMatchAnIndependentForward() {
        MethodContext c = PairedInputs.context(13);
        TrainingBatch batch = PairedInputs.batch(c, 6, 4);
        try (AvgzslNetNetwork net = AvgzslNetNetwork.create(c, tiny(0), DataType.DOUBLE)) {
            Map<String, Double> expected = reference(net.graph(), c, batch);
            Map<String, Double> actual = net.graph().lossTerms(PairedBatch.inputs(batch), 6, 1);
            assertEquals(
                    List.of(
                            "total", "rec_t", "rec_a", "rec_v", "cta", "ctv", "ct_ta", "ct_at",
                            "ct_tv", "ct_vt"),
                    List.copyOf(actual.keySet()));
            for (String term : expected.keySet()) {
                assertEquals(expected.get(term), actual.get(term), 1e-9, term);
            }
        }
    }

    /** The loss of docs/baselines.md#avgzslnet from the graph's weights, in plain doubles. */
    static Map<String, Double> reference(MethodGraph g, MethodContext c, TrainingBatch b) {
        int n = b.size();
        int t = c.textDim();
        double[][] w = rows(b.text(), n, t);
        double[][] aP = mlp(g, "f_a", rows(b.audio(), n, c.audioDim())).out();
        double[][] vP = mlp(g, "f_v", rows(b.video(), n, c.videoDim())).out();
        double[][] tP = mlp(g, "f_t", w).out();
        double[][] aN = mlp(g, "f_a", rows(b.negAudio(), n, c.audioDim())).out();
        double[][] vN = mlp(g, "f_v", rows(b.negVideo(), n, c.videoDim())).out();
        double[][] tN = mlp(g, "f_t", rows(b.negText(), n, t)).out();
        double[][] rA = l2n(mlp(g, "D", aP).out());
        double[][] rV = l2n(mlp(g, "D", vP).out());
        double[][] rT = l2n(mlp(g, "D", tP).out());
        double[][] rAN = l2n(mlp(g, "D", aN).out());
        double[][] rVN = l2n(mlp(g, "D", vN).out());
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rec_t", meanDistance(rT, w));
        m.put("rec_a", meanDistance(rA, w));
        m.put("rec_v", meanDistance(rV, w));
        m.put("cta", mean(triplets(rT, rA, rAN, 1)));
        m.put("ctv", mean(triplets(rT, rV, rVN, 1)));
        m.put("ct_ta", mean(triplets(tP, aP, aN, 1)));
        m.put("ct_at", mean(triplets(aP, tP, tN, 1)));
        m.put("ct_tv", mean(triplets(tP, vP, vN, 1)));
        m.put("ct_vt", mean(triplets(vP, tP, tN, 1)));
        m.put("total", m.values().stream().mapToDouble(Double::doubleValue).sum());
        return m;
    }

    private static double meanDistance(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += distance(a[i], b[i]);
        }
        return s / a.length;
    }
}
