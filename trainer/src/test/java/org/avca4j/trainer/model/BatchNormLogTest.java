package org.avca4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class BatchNormLogTest {

    private final ParameterStore store = new ParameterStore(SameDiff.create(), DataType.DOUBLE, 1);

    /** Width 1, momentum 0.5, running mean starting at 0. */
    private final BatchNormLayer layer = new BatchNormLayer(store, "bn", 1, 0.5);

    private static FusedLayers.BatchNorm call(double mean) {
        return new FusedLayers.BatchNorm(
                null, Nd4j.scalar(mean).reshape(1), Nd4j.scalar(1.0).reshape(1), null);
    }

    private double runningMean() {
        return store.array("bn.mean").getDouble(0);
    }

    @Test
    void aMergedLogAppliesTheCallsInTheOrderOfThePassRunInOrder() {
        BatchNormLog inOrder = new BatchNormLog();
        inOrder.record(layer, call(2), 4);
        inOrder.negative().record(layer, call(4), 4);
        inOrder.record(layer, call(8), 4);
        boolean[] lanes = inOrder.lanes();
        assertArrayEquals(new boolean[] {false, true, false}, lanes);
        inOrder.clear();

        BatchNormLog positive = new BatchNormLog();
        BatchNormLog negative = new BatchNormLog();
        positive.record(layer, call(2), 4);
        negative.record(layer, call(4), 4); // recorded on its own, as on the other thread
        positive.record(layer, call(8), 4);
        positive.merge(negative, lanes);
        assertEquals(0, negative.size());
        positive.apply();
        // 0 -> 0.5*0 + 0.5*2 = 1 -> 0.5*1 + 0.5*4 = 2.5 -> 0.5*2.5 + 0.5*8 = 5.25 (in the order
        // 2, 8, 4 it would be 4.25)
        assertEquals(5.25, runningMean(), 1e-12);
    }

    @Test
    void aMergeOfOtherCountsThanItsLanesFailsAndChangesNothing() {
        BatchNormLog positive = new BatchNormLog();
        BatchNormLog negative = new BatchNormLog();
        positive.record(layer, call(2), 4);
        negative.record(layer, call(4), 4);
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> positive.merge(negative, new boolean[] {false, false, true}));
        assertEquals("the pass recorded 1 + 1 BatchNorm calls, expected 2 + 1", e.getMessage());
        assertEquals(1, positive.size());
        assertEquals(1, negative.size());
    }
}
