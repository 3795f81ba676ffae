package org.avca4j.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void twoValuesGiveMidpointAndSampleDeviation() {
        double[] v = {10, 20};
        assertEquals(15.0, Statistics.mean(v), 1e-12);
        // sqrt(((10-15)^2 + (20-15)^2) / (2-1)) = sqrt(50) = 7.0711
        assertEquals(7.0711, Statistics.sampleStd(v), 1e-4);
    }

    @Test
    void eightValuesUseNMinusOne() {
        double[] v = {2, 4, 4, 4, 5, 5, 7, 9};
        assertEquals(5.0, Statistics.mean(v), 1e-12);
        // squares sum to 32; the population deviation would be 2, the sample one sqrt(32/7)
        assertEquals(2.13809, Statistics.sampleStd(v), 1e-5);
    }

    @Test
    void oneValueHasZeroDeviation() {
        assertEquals(3.5, Statistics.mean(new double[] {3.5}), 0);
        assertEquals(0.0, Statistics.sampleStd(new double[] {3.5}), 0);
    }

    @Test
    void noValuesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Statistics.mean(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Statistics.sampleStd(new double[0]));
    }
}
