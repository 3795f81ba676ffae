package org.avca4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A pass's masks: a per-clip mask has a row per clip of the batch, a fixed mask (the training
 * classes' embeddings of the DEVISE family) one draw of its own shape per step whatever the batch;
 * every value is 0 or 1/keep, the sites draw independently, and the same seed gives the same masks.
 */
class DropoutMasksTest {

    @Test
    void perClipAndFixedMasks() {
        SameDiff sd = SameDiff.create();
        PassPlan pass = new PassPlan(sd, DataType.FLOAT, "t");
        assertNull(pass.fixedMask(3, 5, 0.0));
        pass.mask(1, 40, 0.5);
        pass.fixedMask(30, 50, 0.5);
        DropoutMasks masks = new DropoutMasks(pass, DataType.FLOAT);
        for (int batch : new int[] {7, 2}) {
            Map<String, INDArray> ph = new HashMap<>();
            masks.fill(batch, new SplittableRandom(4), ph);
            INDArray x = ph.get("t.mask0");
            INDArray t = ph.get("t.mask1");
            assertArrayEquals(new long[] {batch, 40}, x.shape());
            assertArrayEquals(new long[] {30, 50}, t.shape());
            for (INDArray m : new INDArray[] {x, t}) {
                for (float v : m.data().asFloat()) {
                    assertTrue(v == 0f || v == 2f, "mask value " + v);
                }
            }
            double kept = t.sumNumber().doubleValue() / 2 / t.length();
            assertEquals(0.5, kept, 0.05, "share of kept values");
            assertFalse(
                    java.util.Arrays.equals(
                            java.util.Arrays.copyOf(x.data().asFloat(), 40),
                            java.util.Arrays.copyOf(t.data().asFloat(), 40)),
                    "the two sites drew the same values");
            Map<String, INDArray> again = new HashMap<>();
            float[] first = t.data().asFloat().clone();
            masks.fill(batch, new SplittableRandom(4), again);
            assertArrayEquals(first, again.get("t.mask1").data().asFloat());
        }
        masks.release();
    }

    /**
     * The float draw keeps a value exactly when its 32-bit uniform is below {@code keep·2³²}: each
     * 64-bit draw of the same stream gives two, high half first. Checked against that rule written
     * plainly, for the published rates and an odd length (the last value takes a fresh draw).
     */
    @Test
    void floatMasksFollowTheThirtyTwoBitRule() {
        for (double dropout : new double[] {0.2, 0.3, 0.5}) {
            int n = 1001;
            INDArray mask = org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, 1, n);
            DropoutMasks.draw(new SplittableRandom(11), dropout, new float[n], mask);
            SplittableRandom r = new SplittableRandom(11);
            long threshold = (long) ((1 - dropout) * 4294967296.0);
            float scale = (float) (1 / (1 - dropout));
            float[] expected = new float[n];
            for (int j = 0; j < n; j += 2) {
                long bits = r.nextLong();
                expected[j] = (bits >>> 32) < threshold ? scale : 0f;
                if (j + 1 < n) {
                    expected[j + 1] = (bits & 0xFFFFFFFFL) < threshold ? scale : 0f;
                }
            }
            assertArrayEquals(expected, mask.data().asFloat(), "dropout " + dropout);
        }
    }
}
