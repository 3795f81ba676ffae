package org.avca4j.trainer.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What one training-mode pass through the graph needs from outside and gives back: its dropout mask
 * placeholders and its BatchNorm calls, each in the order the graph was built, which is the order
 * in which the running statistics are updated.
 */
public final class PassPlan {

    /**
     * One BatchNorm call: the layer whose running statistics it updates and the names of the graph
     * outputs holding the batch mean and the biased batch variance.
     */
    record BatchNormCall(BatchNormLayer layer, long offset, int width) {}

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
        if (statisticsOutput != null) {
            throw new IllegalStateException("pass " + prefix + " is already finished");
        }
        calls.add(new BatchNormCall(layer, statisticsLength, width));
        statistics.add(result.mean());
        statistics.add(result.biasedVar());
        statisticsLength += 2L * width;
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

    List<BatchNormCall> calls() {
        return Collections.unmodifiableList(calls);
    }

    /** The dropout sites in the order they were created. */
    public List<MaskSite> masks() {
        return Collections.unmodifiableList(masks);
    }
}
