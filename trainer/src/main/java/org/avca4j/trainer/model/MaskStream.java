package org.avca4j.trainer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The dropout masks of a hand-written pass, drawn as the pass asks for them: site after site from
 * one random stream, exactly as {@link DropoutMasks} draws a SameDiff pass's masks in graph order.
 * The arrays are kept per site and refilled in place while the batch size stays the same.
 */
final class MaskStream {

    private final DataType dataType;
    private final List<INDArray> arrays = new ArrayList<>();
    private final List<Object> staging = new ArrayList<>();
    private SplittableRandom random;
    private int next;

    MaskStream(DataType dataType) {
        this.dataType = dataType;
    }

    /** Starts a pass drawing from {@code random}. */
    void begin(SplittableRandom random) {
        this.random = random;
        this.next = 0;
    }

    /**
     * The next site's mask {@code [rows, width]} of zeros and {@code 1/keep}, or null when the
     * dropout is 0 (no site, no draw).
     */
    INDArray next(long rows, int width, double dropout) {
        if (dropout == 0) {
            return null;
        }
        int i = next++;
        if (i < arrays.size()
                && (arrays.get(i).rows() != rows || arrays.get(i).columns() != width)) {
            NativeArrays.close(List.of(arrays.get(i)));
            arrays.set(i, null);
        }
        if (i == arrays.size() || arrays.get(i) == null) {
            INDArray arr;
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                arr = Nd4j.create(dataType, rows, width);
            }
            int n = (int) (rows * width);
            Object s = dataType == DataType.FLOAT ? new float[n] : new double[n];
            if (i == arrays.size()) {
                arrays.add(arr);
                staging.add(s);
            } else {
                arrays.set(i, arr);
                staging.set(i, s);
            }
        }
        DropoutMasks.draw(random, dropout, staging.get(i), arrays.get(i));
        return arrays.get(i);
    }

    /** Frees the arrays. */
    void release() {
        NativeArrays.close(arrays);
        arrays.clear();
        staging.clear();
    }
}
