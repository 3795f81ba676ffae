package org.avca4j.trainer.method.tcaf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TcafTimeCodeTest {

    @Test
    void featuresAreSinesThenCosinesOfSummedFrequencies() {
        double[] r = new double[64];
        r[0] = 0.25; // r_1 = R_01 + R_11 = 0.25 + 0.5
        r[32] = 0.5;
        r[1] = 1; // r_2 = 1 + (-1) = 0
        r[33] = -1;
        double[] f = TcafTimeCode.features(2.0, r);
        // 2π·2·0.75 = 3π
        assertEquals(Math.sin(3 * Math.PI), f[0], 1e-15);
        assertEquals(-1.0, f[32], 1e-15);
        assertEquals(0.0, f[1], 0);
        assertEquals(1.0, f[33], 0);
        assertEquals(0.0, f[31], 0);
        assertEquals(1.0, f[63], 0);
        assertThrows(IllegalArgumentException.class, () -> TcafTimeCode.features(0, new double[3]));
    }

    @Test
    void trainingUsesRatedTimesInferenceTheIndexUnlessFixed() {
        assertArrayEquals(
                new double[] {0, 0.64, 1.28},
                TcafTimeCode.times(3, 0.64, true, TimeCodes.INDEX_AT_INFERENCE),
                1e-15);
        assertArrayEquals(
                new double[] {0, 1, 2},
                TcafTimeCode.times(3, 0.64, false, TimeCodes.INDEX_AT_INFERENCE),
                0);
        assertArrayEquals(
                new double[] {0, 0.96, 1.92},
                TcafTimeCode.times(3, 0.96, false, TimeCodes.RATED),
                1e-15);
    }
}
