package org.avca4j.trainer.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The BatchNorm calls of one hand-written training pass in call order, applied to the running
 * statistics after the pass, in that order, as {@link PassPlan#applyStatistics} does.
 *
 * <p>A pass whose negative clips' calls run on another thread records them in a log of their own
 * and {@link #merge merges} it in afterwards, at the places a pass run in order gave them: that
 * order is what {@link #negative()} and {@link #lanes()} record.
 */
final class BatchNormLog {

    private record Entry(
            BatchNormLayer layer, INDArray mean, INDArray biasedVar, long rows, boolean negative) {}

    private final List<Entry> entries;
    private final boolean negative;

    BatchNormLog() {
        this(new ArrayList<>(), false);
    }

    private BatchNormLog(List<Entry> entries, boolean negative) {
        this.entries = entries;
        this.negative = negative;
    }

    /**
     * A view of this log that records into it, marking its calls as the negative clips' (see {@link
     * #lanes()}); only for a pass that runs in order on one thread.
     */
    BatchNormLog negative() {
        return new BatchNormLog(entries, true);
    }

    void record(BatchNormLayer layer, FusedLayers.BatchNorm call, long rows) {
        entries.add(new Entry(layer, call.mean(), call.biasedVar(), rows, negative));
    }

    /** Number of calls recorded. */
    int size() {
        return entries.size();
    }

    /** For each call recorded, in order, whether it was recorded through {@link #negative()}. */
    boolean[] lanes() {
        boolean[] out = new boolean[entries.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = entries.get(i).negative();
        }
        return out;
    }

    /**
     * Moves the calls of {@code negatives} into this log: the calls end in the order of {@code
     * lanes}, whose true places take the calls of {@code negatives} in their order and whose false
     * places take this log's.
     *
     * @throws IllegalStateException if the two logs do not hold as many calls as {@code lanes}
     *     gives each; both are then unchanged
     */
    void merge(BatchNormLog negatives, boolean[] lanes) {
        int n = 0;
        for (boolean b : lanes) {
            n += b ? 1 : 0;
        }
        if (n != negatives.size() || lanes.length - n != size()) {
            throw new IllegalStateException(
                    "the pass recorded "
                            + size()
                            + " + "
                            + negatives.size()
                            + " BatchNorm calls, expected "
                            + (lanes.length - n)
                            + " + "
                            + n);
        }
        List<Entry> merged = new ArrayList<>(lanes.length);
        int p = 0;
        int q = 0;
        for (boolean b : lanes) {
            merged.add(b ? negatives.entries.get(q++) : entries.get(p++));
        }
        entries.clear();
        entries.addAll(merged);
        negatives.entries.clear();
    }

    /** Updates every layer's running statistics in call order and forgets the calls. */
    void apply() {
        for (Entry e : entries) {
            e.layer().updateRunningStatistics(e.mean(), e.biasedVar(), e.rows());
        }
        entries.clear();
    }

    /** Forgets the calls without applying them. */
    void clear() {
        entries.clear();
    }
}
