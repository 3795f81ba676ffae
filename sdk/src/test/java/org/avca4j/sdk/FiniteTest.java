package org.avca4j.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FiniteTest {

    @Test
    void everyBadValueInTheRangeIsFoundAndNoneOutsideIt() {
        // range [2, 11): two four-wide steps and a tail of one
        for (float bad :
                new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            for (int at = 0; at < 13; at++) {
                float[] v = {
                    1,
                    -Float.MAX_VALUE,
                    Float.MAX_VALUE,
                    -0f,
                    Float.MIN_VALUE,
                    3,
                    4,
                    5,
                    6,
                    7,
                    8,
                    9,
                    10
                };
                v[at] = bad;
                boolean inside = at >= 2 && at < 11;
                assertEquals(!inside, Finite.all(v, 2, 11), bad + " at " + at);
                assertEquals(inside ? at : -1, Finite.first(v, 2, 11), bad + " at " + at);
            }
        }
    }

    @Test
    void extremeFiniteValuesAndEmptyRangesPass() {
        float[] v = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, Float.MIN_NORMAL, -0f};
        assertTrue(Finite.all(v, 0, v.length));
        assertEquals(-1, Finite.first(v, 0, v.length));
        assertTrue(Finite.all(new float[] {Float.NaN}, 1, 1));
        assertFalse(Finite.all(new float[] {0, Float.NaN}, 0, 2));
    }

    @Test
    void firstBadIsMinusOneForFiniteRangesAndTheFirstBadIndexOtherwise() {
        float[] v = {1, Float.NaN, 2, Float.POSITIVE_INFINITY, 3};
        assertEquals(-1, Finite.firstBad(v, 2, 3));
        assertEquals(1, Finite.firstBad(v, 0, 5));
        assertEquals(3, Finite.firstBad(v, 2, 5));
        assertEquals(-1, Finite.firstBad(v, 4, 4));
    }
}
