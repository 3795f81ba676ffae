package org.avca4j.trainer.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What one training-mode pass through the graph needs from outside and gives back: its dropout mask
 * placeholders and its BatchNorm calls, each in the order the graph was built, which is the order
 * in which the running statistics are updated.
 */
public final class PassPlan {

    /**
     * One BatchNorm call: the layer whose running statistics it updates, where its batch mean and
     * biased batch variance sit in the statistics output, and how many rows it normalised (0: the
     * batch's clips).
     */
    record BatchNormCall(
            BatchNormLayer layer,
            long offset,
            int width,
            int fixedRows,
            int rowsPerClip,
            boolean counted) {

        BatchNormCall(BatchNormLayer layer, long offset, int width, int fixedRows) {
            this(layer, offset, width, fixedRows, 1, false);
        }

        /**
         * Rows of this call in a batch of {@code batch} clips; a counted call's rows follow its
         * mean and variance in the statistics output.
         */
        long rows(long batch, INDArray statistics) {
            if (counted) {
                return Math.round(statistics.getDouble(offset + 2L * width));
            }
            return fixedRows > 0 ? fixedRows : batch * rowsPerClip;
        }
    }

    /**
     * One dropout site: a placeholder {@code [rowsPerSample·batch + fixedRows, width]} of zeros and
     * 1/keep.
     *
     * @param placeholder the name of the mask's placeholder
     * @param rowsPerSample mask rows per clip of the batch
     * @param fixedRows mask rows that do not depend on the batch (one draw per step of a matrix
     *     such as the training classes' embeddings)
     * @param width mask columns
     * @param dropout the probability of a zero
     */
    public record MaskSite(
            String placeholder, int rowsPerSample, int fixedRows, int width, double dropout) {

        /** The mask's rows for a batch of {@code batch} clips. */
        public int rows(int batch) {
            return rowsPerSample * batch + fixedRows;
        }
    }

    private final SameDiff sd;
    private final DataType dataType;
    private final String prefix;
    private final List<BatchNormCall> calls = new ArrayList<>();
    private final List<SDVariable> statistics = new ArrayList<>();
    private long statisticsLength;
    private String statisticsOutput;
    private final List<MaskSite> masks = new ArrayList<>();

    /** A pass of {@code sd} whose placeholders and outputs are named {@code prefix.…}. */
    public PassPlan(SameDiff sd, DataType dataType, String prefix) {
        this.sd = sd;
        this.dataType = dataType;
        this.prefix = prefix;
    }

    /** A new mask placeholder, or null when the dropout is 0 (no mask needed). */
    public SDVariable mask(int rowsPerSample, int width, double dropout) {
        if (dropout == 0) {
            return null;
        }
        String name = prefix + ".mask" + masks.size();
        masks.add(new MaskSite(name, rowsPerSample, 0, width, dropout));
        return sd.placeHolder(name, dataType, -1, width);
    }

    /**
     * A new mask placeholder {@code [rows, width]} that does not depend on the batch size, or null
     * when the dropout is 0.
     */
    public SDVariable fixedMask(int rows, int width, double dropout) {
        if (dropout == 0) {
            return null;
        }
        String name = prefix + ".mask" + masks.size();
        masks.add(new MaskSite(name, 0, rows, width, dropout));
        return sd.placeHolder(name, dataType, rows, width);
    }

    /** Records a BatchNorm call; its statistics become part of {@link #statisticsOutput()}. */
    void record(BatchNormLayer layer, GraphLayers.BatchNormResult result, int width) {
        record(layer, result, width, 0);
    }

    /**
     * As {@link #record(BatchNormLayer, GraphLayers.BatchNormResult, int)} for a call over a fixed
     * number of rows (0: the batch's clips), e.g. every training class's embedding.
     */
    void record(
            BatchNormLayer layer, GraphLayers.BatchNormResult result, int width, int fixedRows) {
        if (statisticsOutput != null) {
            throw new IllegalStateException("pass " + prefix + " is already finished");
        }
        calls.add(new BatchNormCall(layer, statisticsLength, width, fixedRows));
        statistics.add(result.mean());
        statistics.add(result.biasedVar());
        statisticsLength += 2L * width;
    }

    /**
     * As {@link #record(BatchNormLayer, GraphLayers.BatchNormResult, int)} over {@code rowsPerClip}
     * rows of each clip.
     */
    void recordPerClip(
            BatchNormLayer layer, GraphLayers.BatchNormResult result, int width, int rowsPerClip) {
        if (statisticsOutput != null) {
            throw new IllegalStateException("pass " + prefix + " is already finished");
        }
        calls.add(new BatchNormCall(layer, statisticsLength, width, 0, rowsPerClip, false));
        statistics.add(result.mean());
        statistics.add(result.biasedVar());
        statisticsLength += 2L * width;
    }

    /**
     * As {@link #record(BatchNormLayer, GraphLayers.BatchNormResult, int)} for a call that weighs
     * its rows: the number of rows counted ({@code result.rows()}) joins the statistics output.
     */
    void recordCounted(BatchNormLayer layer, GraphLayers.BatchNormResult result, int width) {
        if (statisticsOutput != null) {
            throw new IllegalStateException("pass " + prefix + " is already finished");
        }
        calls.add(new BatchNormCall(layer, statisticsLength, width, 0, 1, true));
        statistics.add(result.mean());
        statistics.add(result.biasedVar());
        statistics.add(result.rows());
        statisticsLength += 2L * width + 1;
    }

    /**
     * Joins every call's mean and biased variance into one output vector: SameDiff copies its whole
     * variable table once per requested output, so one output instead of two per call saves real
     * time per step.
     */
    void finish() {
        statisticsOutput = prefix + ".statistics";
        sd.concat(statisticsOutput, 0, statistics.toArray(new SDVariable[0]));
    }

    /**
     * The name of the vector {@code [mean₀, var₀, mean₁, var₁, …]} of every call, in call order.
     */
    String statisticsOutput() {
        if (statisticsOutput == null) {
            throw new IllegalStateException("pass " + prefix + " is not finished");
        }
        return statisticsOutput;
    }

    /**
     * Updates the running statistics of every call, in call order, from the pass's statistics
     * output for a batch of {@code n} clips (a fixed-rows call uses its own row count).
     */
    void applyStatistics(Map<String, INDArray> outputs, long n) {
        INDArray stats = outputs.get(statisticsOutput());
        for (BatchNormCall call : calls) {
            long off = call.offset();
            int w = call.width();
            call.layer()
                    .updateRunningStatistics(
                            stats.get(NDArrayIndex.interval(off, off + w)),
                            stats.get(NDArrayIndex.interval(off + w, off + 2L * w)),
                            call.rows(n, stats));
        }
    }

    List<BatchNormCall> calls() {
        return Collections.unmodifiableList(calls);
    }

    /** The dropout sites in the order they were created. */
    public List<MaskSite> masks() {
        return Collections.unmodifiableList(masks);
    }
}
