package org.avca4j.benchmarks.perf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Wall-clock time and count of SameDiff ops by op type, for {@code perf train --profile}: where a
 * training step's time goes. Single-threaded, as the network it listens to.
 */
final class OpTimes extends BaseListener {

    /** Totals of one op type. */
    record Entry(String op, long count, long nanos) {}

    private final Map<String, long[]> totals = new HashMap<>();
    private boolean recording;
    private long started;

    /** Starts or stops counting (warm-up steps are not counted). */
    void record(boolean on) {
        recording = on;
    }

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
        started = System.nanoTime();
    }

    @Override
    public void opExecution(
            SameDiff sd,
            At at,
            MultiDataSet batch,
            SameDiffOp op,
            OpContext opContext,
            INDArray[] outputs) {
        if (recording) {
            long[] t = totals.computeIfAbsent(op.getOp().opName(), k -> new long[2]);
            t[0]++;
            t[1] += System.nanoTime() - started;
        }
    }

    /** Op types by total time, largest first. */
    List<Entry> entries() {
        List<Entry> list = new ArrayList<>();
        totals.forEach((op, t) -> list.add(new Entry(op, t[0], t[1])));
        list.sort(Comparator.comparingLong(Entry::nanos).reversed());
        return list;
    }
}
