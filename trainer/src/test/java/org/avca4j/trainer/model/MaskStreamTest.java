package org.avca4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class MaskStreamTest {

    private final MaskStream stream = new MaskStream(DataType.FLOAT);

    @AfterEach
    void release() {
        stream.release();
    }

    /** The three sites of a pass: two of 4 × 6 at 0.5, one of 4 × 3 at 0.2, one without dropout. */
    private float[][] pass(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        stream.begin(r, 4);
        float[] a = stream.next(4, 6, 0.5).data().asFloat();
        assertNull(stream.next(4, 6, 0.0));
        float[] b = stream.next(4, 3, 0.2).data().asFloat();
        float[] c = stream.next(4, 6, 0.5).data().asFloat();
        stream.end();
        return new float[][] {a, b, c, {(float) r.nextDouble()}};
    }

    /** The same draws straight from DropoutMasks, one site after another. */
    private static float[][] direct(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] out = new float[4][];
        int[][] shapes = {{4, 6}, {4, 3}, {4, 6}};
        double[] rates = {0.5, 0.2, 0.5};
        for (int i = 0; i < 3; i++) {
            var mask =
                    org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, shapes[i][0], shapes[i][1]);
            DropoutMasks.draw(r, rates[i], new float[shapes[i][0] * shapes[i][1]], mask);
            out[i] = mask.data().asFloat();
        }
        out[3] = new float[] {(float) r.nextDouble()};
        return out;
    }

    @Test
    void drawnInTheBackgroundOrWhenAskedTheMasksAreTheSameSiteBySite() {
        float[][] first = pass(7); // records the sites, draws when asked
        float[][] second = pass(7); // drawn by the background thread
        float[][] third = pass(8);
        float[][] expected = direct(7);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(expected[i], first[i], "site " + i + ", first pass");
            assertArrayEquals(expected[i], second[i], "site " + i + ", prefetched pass");
        }
        assertArrayEquals(direct(8)[0], third[0]);
        // values are 0 or 1/keep
        for (float v : second[0]) {
            assertEquals(0, v * (v - 2f), 0f);
        }
    }

    @Test
    void aPassThatAsksForOtherSitesThanItsPlanFails() {
        pass(1);
        stream.begin(new SplittableRandom(1), 4);
        stream.next(4, 6, 0.5);
        assertThrows(IllegalStateException.class, () -> stream.next(4, 5, 0.2));
    }

    @Test
    void aPassThatStopsShortOfItsPlanFailsAtItsEnd() {
        pass(1);
        stream.begin(new SplittableRandom(1), 4);
        stream.next(4, 6, 0.5);
        assertThrows(IllegalStateException.class, stream::end);
    }

    @Test
    void anotherBatchSizeIsDrawnWhenAskedAndRecorded() {
        pass(1);
        stream.begin(new SplittableRandom(3), 2);
        float[] small = stream.next(2, 6, 0.5).data().asFloat();
        stream.end();
        SplittableRandom r = new SplittableRandom(3);
        var mask = org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, 2, 6);
        DropoutMasks.draw(r, 0.5, new float[12], mask);
        assertArrayEquals(mask.data().asFloat(), small);
    }

    /**
     * A first pass whose site 1 (4 × 3 at 0.2) is the negative lane's, between two of the positive
     * lane's; the same draws as {@link #pass}.
     */
    private void passWithNegativeSite(long seed) {
        stream.begin(new SplittableRandom(seed), 4);
        stream.next(4, 6, 0.5);
        stream.negative().next(4, 3, 0.2);
        stream.next(4, 6, 0.5);
        stream.end();
    }

    @Test
    void theNegativeLaneOnAnotherThreadTakesItsSitesAndThePositiveLaneSkipsThem() throws Exception {
        passWithNegativeSite(7);
        stream.begin(new SplittableRandom(7), 4);
        assertTrue(stream.prefetching());
        MaskSource negative = stream.negative();
        java.util.concurrent.ExecutorService other = HelperThreads.single("test-lane");
        float[] b;
        try {
            b =
                    other.submit(() -> negative.next(4, 3, 0.2).data().asFloat())
                            .get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
        float[] a = stream.next(4, 6, 0.5).data().asFloat();
        float[] c = stream.next(4, 6, 0.5).data().asFloat();
        stream.end();
        float[][] expected = direct(7);
        assertArrayEquals(expected[0], a);
        assertArrayEquals(expected[1], b, "the negative lane's site");
        assertArrayEquals(expected[2], c);
    }

    @Test
    void aLaneTakesOnlyItsOwnSitesAndEachMustUseAllOfThem() {
        passWithNegativeSite(7);
        stream.begin(new SplittableRandom(7), 4);
        // the negative lane's only site is 4 x 3: a 4 x 6 one is not in its plan
        assertThrows(IllegalStateException.class, () -> stream.negative().next(4, 6, 0.5));
        stream.begin(new SplittableRandom(7), 4); // the failed pass left the plan as it was
        assertTrue(stream.prefetching());
        stream.next(4, 6, 0.5);
        stream.next(4, 6, 0.5);
        assertThrows(IllegalStateException.class, stream::end, "the negative site was not used");
    }

    @Test
    void inAFirstPassTheLanesDrawInTheOrderTheyAreCalled() {
        passWithNegativeSite(7);
        SplittableRandom r = new SplittableRandom(7);
        stream.begin(r, 2); // another batch size: drawn when asked
        assertFalse(stream.prefetching());
        float[] first = stream.negative().next(2, 6, 0.5).data().asFloat();
        float[] second = stream.next(2, 6, 0.5).data().asFloat();
        stream.end();
        SplittableRandom d = new SplittableRandom(7);
        var mask = org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, 2, 6);
        DropoutMasks.draw(d, 0.5, new float[12], mask);
        assertArrayEquals(mask.data().asFloat(), first);
        DropoutMasks.draw(d, 0.5, new float[12], mask);
        assertArrayEquals(mask.data().asFloat(), second);
    }
}
