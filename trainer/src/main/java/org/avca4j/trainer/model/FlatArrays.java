package org.avca4j.trainer.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named arrays laid out one after another in one flat buffer, each a {@code 'c'}-ordered view of
 * its part: an operation on {@link #buffer()} acts on every array at once (Adam's update, zeroing
 * the gradients) in one ND4J call instead of one per array. The names and shapes are those of the
 * arrays it was made from, in their order; the layout is internal (checkpoints keep the named
 * arrays).
 */
final class FlatArrays {

    private final INDArray buffer;
    private final Map<String, INDArray> views;

    private FlatArrays(INDArray buffer, Map<String, INDArray> views) {
        this.buffer = buffer;
        this.views = Collections.unmodifiableMap(views);
    }

    /** A buffer holding a copy of every array's values, in the arrays' order. */
    static FlatArrays copyOf(Map<String, INDArray> arrays) {
        FlatArrays f = zerosLike(arrays);
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            f.views.get(e.getKey()).assign(e.getValue());
        }
        return f;
    }

    /**
     * A buffer of zeros with the arrays' names, shapes and data type.
     *
     * @throws IllegalArgumentException if the map is empty or the arrays' data types differ
     */
    static FlatArrays zerosLike(Map<String, INDArray> arrays) {
        if (arrays.isEmpty()) {
            throw new IllegalArgumentException("FlatArrays needs at least one array, got none");
        }
        DataType type = arrays.values().iterator().next().dataType();
        long total = 0;
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            if (e.getValue().dataType() != type) {
                throw new IllegalArgumentException(
                        "FlatArrays: array '"
                                + e.getKey()
                                + "' is "
                                + e.getValue().dataType()
                                + ", expected "
                                + type);
            }
            total += e.getValue().length();
        }
        INDArray buffer;
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            buffer = Nd4j.zeros(type, total);
        }
        Map<String, INDArray> views = new LinkedHashMap<>();
        long offset = 0;
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            long[] shape = e.getValue().shape();
            views.put(
                    e.getKey(),
                    Nd4j.create(
                            buffer.data(), shape, Nd4j.getStrides(shape, 'c'), offset, 'c', type));
            offset += e.getValue().length();
        }
        return new FlatArrays(buffer, views);
    }

    /** The flat buffer, every view's values one after another. */
    INDArray buffer() {
        return buffer;
    }

    /** The views by name, in the order of the arrays the buffer was made from (live). */
    Map<String, INDArray> views() {
        return views;
    }

    /** Frees the buffer; the views are unusable afterwards. */
    void release() {
        NativeArrays.close(List.of(buffer));
    }
}
