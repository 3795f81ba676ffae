package org.avca4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Named arrays as views of one flat buffer. */
class FlatArraysTest {

    private static Map<String, INDArray> arrays() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("w", Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}}));
        m.put("b", Nd4j.createFromArray(7f, 8f));
        return m;
    }

    @Test
    void viewsHoldTheValuesInOrderAndShareTheBuffer() {
        FlatArrays f = FlatArrays.copyOf(arrays());
        assertEquals(List.of("w", "b"), List.copyOf(f.views().keySet()));
        assertArrayEquals(new long[] {2, 3}, f.views().get("w").shape());
        assertArrayEquals(new long[] {2}, f.views().get("b").shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, f.buffer().toFloatVector());
        f.buffer().muli(2);
        assertArrayEquals(
                new float[] {2, 4, 6, 8, 10, 12}, f.views().get("w").ravel().toFloatVector());
        assertArrayEquals(new float[] {14, 16}, f.views().get("b").toFloatVector());
        f.views().get("b").assign(-1);
        assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12, -1, -1}, f.buffer().toFloatVector());
        f.release();
    }

    @Test
    void zerosLikeKeepsShapesAndType() {
        FlatArrays f = FlatArrays.zerosLike(arrays());
        assertEquals(DataType.FLOAT, f.buffer().dataType());
        assertEquals(8, f.buffer().length());
        assertEquals(0.0, f.buffer().sumNumber().doubleValue());
        assertArrayEquals(new long[] {2, 3}, f.views().get("w").shape());
    }

    @Test
    void refusesMixedTypesAndNoArrays() {
        Map<String, INDArray> m = arrays();
        m.put("d", Nd4j.createFromArray(1.0));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> FlatArrays.zerosLike(m));
        assertEquals("FlatArrays: array 'd' is DOUBLE, expected FLOAT", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FlatArrays.zerosLike(Map.of()));
    }
}
