package org.avca4j.trainer.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The placeholder arrays of a network's training inputs, allocated once per batch size and refilled
 * in place, and the checks of every input's length.
 */
final class InputArrays {

    private final DataType dataType;
    private final Map<String, INDArray> arrays = new HashMap<>();

    InputArrays(DataType dataType) {
        this.dataType = dataType;
    }

    /**
     * The placeholder array for {@code name} filled with {@code data}, reused while the batch size
     * stays the same.
     *
     * @throws IllegalArgumentException if {@code data} does not hold {@code n} rows of {@code
     *     width}
     */
    INDArray reused(String name, String field, float[] data, int n, int width) {
        checkLength(field, data, n, width);
        INDArray arr = arrays.get(name);
        if (arr == null || arr.rows() != n) {
            if (arr != null) {
                NativeArrays.close(List.of(arr));
            }
            arr = Nd4j.create(dataType, n, width);
            arrays.put(name, arr);
        }
        if (dataType == DataType.FLOAT) {
            arr.data()
                    .asNioFloat()
                    .put(0, data); // one bulk copy; setData copies element by element
        } else {
            double[] d = new double[data.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = data[i];
            }
            arr.data().asNioDouble().put(0, d);
        }
        return arr;
    }

    /** Frees every array. */
    void close() {
        NativeArrays.close(arrays.values());
        arrays.clear();
    }

    /**
     * A fresh {@code [n, width]} array of the given type.
     *
     * @throws IllegalArgumentException if {@code data} does not hold {@code n} rows of {@code
     *     width}
     */
    static INDArray rows(DataType dataType, String field, float[] data, int n, int width) {
        checkLength(field, data, n, width);
        return Nd4j.createFromArray(data).reshape(n, width).castTo(dataType);
    }

    /**
     * @throws IllegalArgumentException if {@code data} does not hold {@code n ≥ 1} rows of {@code
     *     width}
     */
    static void checkLength(String field, float[] data, int n, int width) {
        Objects.requireNonNull(data, field);
        if (n < 1) {
            throw new IllegalArgumentException(field + ": need at least 1 row, got " + n);
        }
        if (data.length != (long) n * width) {
            throw new IllegalArgumentException(
                    field
                            + ": expected "
                            + n
                            + " rows of "
                            + width
                            + " = "
                            + ((long) n * width)
                            + " values, got "
                            + data.length);
        }
    }
}
