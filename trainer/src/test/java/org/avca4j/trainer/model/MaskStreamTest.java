package org.avca4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void aCursorOnAnotherThreadTakesTheSitesTheStreamSkips() throws Exception {
        pass(7); // the plan: sites 0 (4 x 6), 1 (4 x 3), 2 (4 x 6)
        stream.begin(new SplittableRandom(7), 4);
        assertTrue(stream.prefetching());
        MaskStream.Cursor cursor = stream.cursor(1);
        java.util.concurrent.ExecutorService other = HelperThreads.single("test-cursor");
        float[] b;
        try {
            b =
                    other.submit(() -> cursor.next(4, 3, 0.2).data().asFloat())
                            .get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
        float[] a = stream.next(4, 6, 0.5).data().asFloat();
        stream.seek(2);
        assertEquals(2, stream.position());
        float[] c = stream.next(4, 6, 0.5).data().asFloat();
        stream.end();
        float[][] expected = direct(7);
        assertArrayEquals(expected[0], a);
        assertArrayEquals(expected[1], b, "the cursor's site");
        assertArrayEquals(expected[2], c);
    }

    @Test
    void aCursorChecksItsSitesAgainstThePlan() {
        pass(7);
        stream.begin(new SplittableRandom(7), 4);
        MaskStream.Cursor cursor = stream.cursor(1);
        assertThrows(IllegalStateException.class, () -> cursor.next(4, 6, 0.5));
        assertThrows(IllegalStateException.class, () -> stream.seek(4), "past the plan's 3 sites");
    }

    @Test
    void onlyAPrefetchedPassCanBeSought() {
        stream.begin(new SplittableRandom(7), 4); // the first pass: no plan yet
        assertThrows(IllegalStateException.class, () -> stream.seek(1));
        assertThrows(IllegalStateException.class, () -> stream.cursor(0));
    }
}
