package org.avca4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class FusedLayersTest {

    private static final INDArray X =
            Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}, {-2, 0.5, 10}});

    @Test
    void columnSumsAreTheSumsOverTheRowsScaled() {
        // by hand: 1+4-2 = 3, 2+5+0.5 = 7.5, 3+6+10 = 19
        assertArrayEquals(
                new double[] {1.5, 3.75, 9.5},
                FusedLayers.columnSums(X, 0.5).toDoubleVector(),
                1e-15);
    }

    @Test
    void columnSumsAccumulateIntoAViewOfALargerBuffer() {
        INDArray flat = Nd4j.createFromArray(0.0, 10, 20, 30, 40);
        INDArray view = flat.get(NDArrayIndex.interval(1, 4));
        FusedLayers.columnSums(X, 1.0, view, 1.0);
        assertArrayEquals(new double[] {0, 13, 27.5, 49, 40}, flat.toDoubleVector(), 1e-15);
    }

    @Test
    void aTargetAReshapeWouldCopyIsRefused() {
        INDArray strided = Nd4j.zeros(DataType.DOUBLE, 3, 2).getColumn(0);
        assertThrows(
                IllegalStateException.class, () -> FusedLayers.columnSums(X, 1.0, strided, 0.0));
    }
}
