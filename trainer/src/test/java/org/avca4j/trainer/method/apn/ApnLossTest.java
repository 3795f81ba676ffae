package org.avca4j.trainer.method.apn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.method.LossTerms;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.SingleEmbeddingNetwork;
import org.avca4j.trainer.testing.TinyInputs;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * APN's four terms on tiny fixed inputs against values worked out by hand, with the reference's
 * cross-entropy of the probabilities (a second softmax) and with the fix (cross-entropy of the
 * scores). Two classes w0 = (1, 0), w1 = (0, 1); A = I, P = 2I; two clips of class 0 with x = (1,
 * 0) and x = (0, 1), so g = x and h = 2x, and the scores are g and h themselves.
 */
class ApnLossTest {

    private static final double TOLERANCE = 1e-6;

    private static LossTerms loss(boolean ceOnLogits) {
        MethodContext c = new MethodContext(1, 1, 2, 3, new int[] {4, 9}, new float[] {1, 0, 0, 1});
        ApnMethod method = new ApnMethod();
        ApnSettings s =
                method.settings(
                        DatasetName.UCF,
                        FeatureSet.MAIN,
                        Map.of("ce_on_logits", Boolean.toString(ceOnLogits)));
        try (SingleEmbeddingNetwork net = method.create(c, s, DataType.DOUBLE)) {
            TinyInputs.set(net.parameters(), ApnGraph.ATTRIBUTES, 1, 0, 0, 1);
            TinyInputs.set(net.parameters(), ApnGraph.PROTOTYPES, 2, 0, 0, 2);
            return net.loss(
                    TinyInputs.batch(new float[] {1, 0}, new float[] {0, 1}, new int[] {4, 4}), 1);
        }
    }

    /** −log softmax(z)_0 of two values: log(1 + exp(z1 − z0)). */
    private static double ce(double z0, double z1) {
        return Math.log1p(Math.exp(z1 - z0));
    }

    /** softmax(z0, z1)_0. */
    private static double p0(double z0, double z1) {
        return 1 / (1 + Math.exp(z1 - z0));
    }

    @Test
    void referenceTakesTheCrossEntropyOfTheProbabilities() {
        LossTerms t = loss(false);
        // clip 1: scores (1, 0); clip 2: scores (0, 1); for h twice these
        double ceG = (ce(p0(1, 0), 1 - p0(1, 0)) + ce(p0(0, 1), 1 - p0(0, 1))) / 2;
        double ceH = (ce(p0(2, 0), 1 - p0(2, 0)) + ce(p0(0, 2), 1 - p0(0, 2))) / 2;
        assertTerms(t, ceG, ceH);
    }

    @Test
    void theFixTakesTheCrossEntropyOfTheScores() {
        LossTerms t = loss(true);
        assertTerms(t, (ce(1, 0) + ce(0, 1)) / 2, (ce(2, 0) + ce(0, 2)) / 2);
    }

    private static void assertTerms(LossTerms t, double ceG, double ceH) {
        // MSE over B×300 to w0 = (1, 0): g rows (1,0), (0,1) → (0 + 0 + 1 + 1)/4;
        // h rows (2,0), (0,2) → (1 + 0 + 1 + 4)/4
        double mseG = 0.5;
        double mseH = 1.5;
        assertEquals(ceG, t.terms().get("ce_g"), TOLERANCE);
        assertEquals(mseG, t.terms().get("mse_g"), TOLERANCE);
        assertEquals(ceH, t.terms().get("ce_h"), TOLERANCE);
        assertEquals(mseH, t.terms().get("mse_h"), TOLERANCE);
        assertEquals(ceG + mseG + ceH + mseH, t.total(), TOLERANCE);
    }
}
