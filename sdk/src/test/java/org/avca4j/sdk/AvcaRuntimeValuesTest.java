package org.avca4j.sdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class AvcaRuntimeValuesTest {

    @Test
    void aHeapBufferHoldingExactlyItsArrayIsTakenAsIs() {
        float[] backing = {1, 2, 3};
        assertSame(backing, AvcaRuntime.values(FloatBuffer.wrap(backing)));
    }

    @Test
    void anyOtherBufferIsCopiedFromItsPositionToItsLimit() {
        float[] backing = {1, 2, 3, 4, 5};
        // a window of the array: offset 1, values 2..4
        FloatBuffer slice = FloatBuffer.wrap(backing, 1, 3).slice();
        float[] sliced = AvcaRuntime.values(slice);
        assertArrayEquals(new float[] {2, 3, 4}, sliced);
        assertNotSame(backing, sliced);
        FloatBuffer moved = FloatBuffer.wrap(backing);
        moved.position(2);
        assertArrayEquals(new float[] {3, 4, 5}, AvcaRuntime.values(moved));
        FloatBuffer direct = FeatureChecks.allocate(2).put(new float[] {7, 8}).flip();
        assertArrayEquals(new float[] {7, 8}, AvcaRuntime.values(direct));
    }
}
