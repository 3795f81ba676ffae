package org.avca4j.trainer.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What one training-mode pass through the graph needs from outside and gives back: its dropout
 * mask placeholders and its BatchNorm calls, each in the order the graph was built, which is the
 * order in which the running statistics are updated.
 */
final class PassPlan {

    /**
     * One BatchNorm call: the layer whose running statistics it updates and the names of the graph
     * outputs holding the batch mean and the biased batch variance.
     */
    record BatchNormCall(BatchNormLayer layer, String meanOutput, String varOutput) {
    }

    /**
     * One dropout site: a placeholder {@code [rowsPerSample·batch, width]} of zeros and 1/keep.
     */
    record MaskSite(String placeholder, int rowsPerSample, int width, double dropout) {
    }

    private final SameDiff sd;
    private final DataType dataType;
    private final String prefix;
    private final List<BatchNormCall> calls = new ArrayList<>();
    private final List<MaskSite> masks = new ArrayList<>();

    PassPlan(SameDiff sd, DataType dataType, String prefix) {
        this.sd = sd;
        this.dataType = dataType;
        this.prefix = prefix;
    }

    /** A new mask placeholder, or null when the dropout is 0 (no mask needed). */
    SDVariable mask(int rowsPerSample, int width, double dropout) {
        if (dropout == 0) {
            return null;
        }
        String name = prefix + ".mask" + masks.size();
        masks.add(new MaskSite(name, rowsPerSample, width, dropout));
        return sd.placeHolder(name, dataType, -1, width);
    }

    /** Records a BatchNorm call and names its statistics as graph outputs. */
    void record(BatchNormLayer layer, GraphLayers.BatchNormResult result) {
        String base = prefix + ".bn" + calls.size() + "." + layer.name();
        String mean = base + ".mean";
        String var = base + ".var";
        result.mean().rename(mean);
        result.biasedVar().rename(var);
        calls.add(new BatchNormCall(layer, mean, var));
    }

    List<BatchNormCall> calls() {
        return Collections.unmodifiableList(calls);
    }

    List<MaskSite> masks() {
        return Collections.unmodifiableList(masks);
    }

    /** Names of every statistics output, in call order. */
    List<String> statisticOutputs() {
        List<String> names = new ArrayList<>(2 * calls.size());
        for (BatchNormCall call : calls) {
            names.add(call.meanOutput());
            names.add(call.varOutput());
        }
        return names;
    }
}
