package org.avca4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The triplet and MSE terms on fixed inputs against values worked out by hand. */
class LossTermsTest {

    private static final double[][] ANCHOR = {{0, 0}, {1, 1}, {2, -1}};
    private static final double[][] POS = {{3, 4}, {1, 1}, {2, 0}};
    private static final double[][] NEG = {{0, 1}, {4, 5}, {2, -1}};

    @Test
    void tripletMatchesPyTorchDefinition() {
        // row 0: ‖(−3+ε, −4+ε)‖ − ‖(ε, −1+ε)‖ + 1 ≈ 5 − 1 + 1 = 5 (active)
        // row 1: ‖(ε, ε)‖ − ‖(−3+ε, −4+ε)‖ + 1 ≈ 0 − 5 + 1 < 0 → 0
        // row 2: ‖(ε, −1+ε)‖ − ‖(ε, ε)‖ + 1 ≈ 1 − 0 + 1 = 2 (the ε keeps the zero distance √2·1e-6)
        double e = 1e-6;
        double row0 = Math.hypot(-3 + e, -4 + e) - Math.hypot(e, -1 + e) + 1;
        double row2 = Math.hypot(e, -1 + e) - Math.hypot(e, e) + 1;
        double expected = (row0 + 0 + row2) / 3;
        assertEquals(7.0 / 3, expected, 1e-5);
        assertEquals(expected, evaluate((sd, a, p, n) -> GraphLayers.triplet(sd, a, p, n)), 1e-12);
    }

    @Test
    void mseIsMeanOverAllElements() {
        // (a − p)²: row0 9, 16; row1 0, 0; row2 0, 1 → 26 / 6
        assertEquals(26.0 / 6, evaluate((sd, a, p, n) -> GraphLayers.mse(sd, a, p)), 1e-12);
    }

    private interface Term {
        SDVariable build(SameDiff sd, SDVariable a, SDVariable p, SDVariable n);
    }

    private static double evaluate(Term term) {
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.constant("anchor", Nd4j.createFromArray(ANCHOR));
        SDVariable p = sd.constant("pos", Nd4j.createFromArray(POS));
        SDVariable n = sd.constant("neg", Nd4j.createFromArray(NEG));
        term.build(sd, a, p, n).rename("out");
        Map<String, INDArray> out = sd.output(Map.of(), "out");
        return out.get("out").getDouble(0);
    }
}
