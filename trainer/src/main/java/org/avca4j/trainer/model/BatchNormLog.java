package org.avca4j.trainer.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The BatchNorm calls of one hand-written training pass in call order, applied to the running
 * statistics after the pass, in that order, as {@link PassPlan#applyStatistics} does.
 */
final class BatchNormLog {

    private record Entry(BatchNormLayer layer, INDArray mean, INDArray biasedVar, long rows) {}

    private final List<Entry> entries = new ArrayList<>();

    void record(BatchNormLayer layer, FusedLayers.BatchNorm call, long rows) {
        entries.add(new Entry(layer, call.mean(), call.biasedVar(), rows));
    }

    /** Number of calls recorded. */
    int size() {
        return entries.size();
    }

    /** Updates every layer's running statistics in call order and forgets the calls. */
    void apply() {
        for (Entry e : entries) {
            e.layer().updateRunningStatistics(e.mean(), e.biasedVar(), e.rows());
        }
        entries.clear();
    }

    /** Moves the calls of {@code later} to the end of this log, in their order. */
    void appendAll(BatchNormLog later) {
        entries.addAll(later.entries);
        later.entries.clear();
    }

    /** Forgets the calls without applying them. */
    void clear() {
        entries.clear();
    }
}
