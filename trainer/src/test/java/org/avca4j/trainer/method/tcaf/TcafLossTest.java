package org.avca4j.trainer.method.tcaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TcafLossTest {

    @Test
    void matchesHandComputedTerms() {
        double[][] thetaO = {{1, 0}, {0, 2}};
        double[][] thetaW = {{1, 1}, {0, 0}};
        double[][] rhoO = {{1, 2, 3}, {0, 0, 0}};
        double[][] rhoW = {{0, 0, 0}, {1, 1, 1}};
        double[][] target = {{1, 1, 1}, {0, 0, 0}};
        double[][] classes = {{1, 0}, {0, 1}}; // training ids 3 and 7
        TcafLoss l =
                TcafLoss.of(
                        thetaO,
                        thetaW,
                        rhoO,
                        rhoW,
                        target,
                        classes,
                        new int[] {3, 7},
                        new int[] {7, 3});
        // clip 0 (label 7 → position 1): logits (1, 0): log(e + 1) − 0
        // clip 1 (label 3 → position 0): logits (0, 2): log(1 + e²) − 0
        double ce = (Math.log(Math.E + 1) + Math.log(1 + Math.exp(2))) / 2;
        assertEquals(ce, l.crossEntropy(), 1e-12);
        // (0² + 1² + 0² + 2²) / 4
        assertEquals(5.0 / 4, l.regression(), 1e-15);
        // MSE(ŵ, ρo) = (0 + 1 + 4 + 0) / 6; MSE(ŵ, ρw) = (1 + 1 + 1 + 1 + 1 + 1) / 6
        assertEquals(5.0 / 6 + 1.0, l.reconstruction(), 1e-15);
        assertEquals(ce + 5.0 / 4 + 11.0 / 6, l.total(), 1e-12);
    }

    @Test
    void aLabelOutsideTheTrainingClassesFails() {
        double[][] one = {{0, 0}};
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        TcafLoss.of(
                                one,
                                one,
                                one,
                                one,
                                one,
                                new double[][] {{1, 0}},
                                new int[] {2},
                                new int[] {5}));
    }
}
