package org.avca4j.trainer.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The placeholder arrays a network fills from Java arrays: checked for their length, and for the
 * training inputs allocated once per batch size and refilled in place.
 */
public final class InputArrays {

    private final DataType dataType;
    private final Map<String, INDArray> reused = new HashMap<>();

    /** Arrays of {@code dataType} (FLOAT or DOUBLE). */
    public InputArrays(DataType dataType) {
        this.dataType = dataType;
    }

    /**
     * The placeholder array for {@code name} holding {@code data} as {@code [n, width]}, reused
     * while the row count stays the same.
     *
     * @param field names the data in an error message
     * @throws IllegalArgumentException as {@link #checkLength}
     */
    public INDArray reused(String name, String field, float[] data, int n, int width) {
        checkLength(field, data, n, width);
        INDArray arr = reused.get(name);
        if (arr == null || arr.rows() != n) {
            if (arr != null) {
                NativeArrays.close(List.of(arr));
            }
            arr = Nd4j.create(dataType, n, width);
            reused.put(name, arr);
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

    /**
     * A new array {@code [n, width]} holding {@code data}.
     *
     * @throws IllegalArgumentException as {@link #checkLength}
     */
    public INDArray rows(String field, float[] data, int n, int width) {
        checkLength(field, data, n, width);
        return Nd4j.createFromArray(data).reshape(n, width).castTo(dataType);
    }

    /**
     * Checks that {@code data} holds {@code n ≥ 1} rows of {@code width} values.
     *
     * @throws NullPointerException if {@code data} is null
     * @throws IllegalArgumentException if {@code n < 1} or the length is not {@code n·width}; the
     *     message names the field
     */
    public static void checkLength(String field, float[] data, int n, int width) {
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

    /** Frees the reused arrays; later calls allocate new ones. */
    public void release() {
        NativeArrays.close(reused.values());
        reused.clear();
    }
}
