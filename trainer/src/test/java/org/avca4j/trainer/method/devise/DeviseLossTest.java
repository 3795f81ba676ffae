package org.avca4j.trainer.method.devise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.method.SingleEmbeddingNetwork;
import org.avca4j.trainer.model.TrainingBatch;
import org.avca4j.trainer.testing.TinyInputs;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The three ranking losses on tiny fixed inputs against values worked out by hand. Classes (rows)
 * w0 = (1, 0), w1 = (0, 1), w2 = (0.6, 0.8); W = I, so e = x = [v, a]. Clips:
 *
 * <pre>
 *   clip 1: x = (1, 0), class row 1: s = (1, 0, 0.6), s_y = 0
 *   clip 2: x = (0, 2), class row 2: s = (0, 2, 1.6), s_y = 1.6
 *   clip 3: x = (1, 0), class row 0: s = (1, 0, 0.6), s_y = 1
 * </pre>
 *
 * With the reference's margin 0.1 the costs are: clip 1 (1.1, –, 0.7), clip 2 (0, 0.5, –), clip 3
 * (–, 0, 0). With margin 1: clip 1 (2, –, 1.6), clip 2 (0, 1.4, –), clip 3 (–, 0, 0.6), where clip
 * 3's cost for row 1 is exactly 0 and does not count as a violation.
 */
class DeviseLossTest {

    private static final double TOLERANCE = 1e-6;

    private static double loss(DeviseLoss kind, Map<String, String> overrides) {
        DeviseMethod method = new DeviseMethod(kind);
        DeviseSettings s =
                method.settings(
                        DatasetName.VGGSOUND, // dropout 0.0 there
                        FeatureSet.MAIN,
                        overrides);
        try (SingleEmbeddingNetwork net = method.create(TinyInputs.context(), s, DataType.DOUBLE)) {
            TinyInputs.set(net.parameters(), DeviseGraph.WEIGHT, 1, 0, 0, 1);
            TrainingBatch b =
                    TinyInputs.batch(
                            new float[] {1, 0, 1}, new float[] {0, 2, 0}, new int[] {5, 8, 3});
            return net.loss(b, 1).total();
        }
    }

    @Test
    void deviseSumsTheCosts() {
        assertEquals((1.1 + 0.7 + 0.5) / 3, loss(DeviseLoss.DEVISE, Map.of()), TOLERANCE);
    }

    @Test
    void sjeTakesTheMostViolatingClass() {
        assertEquals((1.1 + 0.5 + 0) / 3, loss(DeviseLoss.SJE, Map.of()), TOLERANCE);
    }

    @Test
    void aleWeightsTheSumByTheRank() {
        // r = 2, 1, 0: H(2)/2 = 0.75, H(1)/1 = 1, H(0) = 0
        double clip1 = 1.5 / (2 + 1e-8) * (1.1 + 0.7);
        double clip2 = 1.0 / (1 + 1e-8) * 0.5;
        assertEquals((clip1 + clip2) / 3, loss(DeviseLoss.ALE, Map.of()), TOLERANCE);
    }

    @Test
    void theMarginIsHardCodedUnlessTheFixIsAsked() {
        // the --margin flag alone changes nothing (quirk of the reference)
        assertEquals(
                (1.1 + 0.7 + 0.5) / 3, loss(DeviseLoss.DEVISE, Map.of("margin", "1.0")), TOLERANCE);
        Map<String, String> fix = Map.of("honour_margin", "true");
        assertEquals((2 + 1.6 + 1.4 + 0.6) / 3, loss(DeviseLoss.DEVISE, fix), TOLERANCE);
        assertEquals((2 + 1.4 + 0.6) / 3, loss(DeviseLoss.SJE, fix), TOLERANCE);
        // r = 2, 1, 1 (clip 3's zero cost is no violation)
        double ale = (1.5 / (2 + 1e-8) * 3.6 + 1.4 / (1 + 1e-8) + 0.6 / (1 + 1e-8)) / 3;
        assertEquals(ale, loss(DeviseLoss.ALE, fix), TOLERANCE);
    }

    @Test
    void normInputsDividesTheConcatenationByOneNorm() {
        // clip 2's x = (0, 2) becomes (0, 1): s = (0, 1, 0.8), cost for row 1 = 0.1 + 1 − 0.8
        assertEquals(
                (1.1 + 0.7 + 0.3) / 3,
                loss(DeviseLoss.DEVISE, Map.of("norm_inputs", "true")),
                TOLERANCE);
    }
}
