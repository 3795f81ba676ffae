package org.avca4j.trainer.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an AVCA network saves, restores and copies out, whatever computes its steps: the arrays of
 * its {@link ParameterStore} and its {@link AdamL2Optimizer}'s moments under the names of {@link
 * CheckpointFile}, so that a checkpoint of one implementation loads into another.
 */
final class NetworkState {

    private NetworkState() {}

    /** Every parameter, state array and Adam moment by checkpoint name (live arrays). */
    static Map<String, INDArray> checkpointArrays(ParameterStore store, AdamL2Optimizer adam) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (String name : store.allNames()) {
            arrays.put(name, store.array(name));
        }
        for (Map.Entry<String, INDArray> e : adam.firstMoments().entrySet()) {
            arrays.put("adam.m." + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, INDArray> e : adam.secondMoments().entrySet()) {
            arrays.put("adam.v." + e.getKey(), e.getValue());
        }
        return arrays;
    }

    /** Every parameter, running statistic and {@code pos}, copied out. */
    static AvcaWeights weights(AvcaConfig config, ParameterStore store) {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String name : store.allNames()) {
            INDArray arr = store.array(name);
            values.put(name, arr.dup('c').data().asFloat());
            shapes.put(name, arr.shape());
        }
        return new AvcaWeights(config, values, shapes);
    }

    /**
     * Restores a checkpoint into the live arrays and the optimiser's step count.
     *
     * @throws IOException if the file cannot be read, is not a checkpoint, or belongs to another
     *     architecture; nothing is changed then
     */
    static void load(Path file, AvcaConfig config, ParameterStore store, AdamL2Optimizer adam)
            throws IOException {
        CheckpointFile.Contents c = CheckpointFile.read(file);
        if (!c.config().equals(config)) {
            throw new IOException(
                    "Checkpoint "
                            + file
                            + " belongs to another architecture: it holds "
                            + c.config()
                            + ", this network is "
                            + config);
        }
        CheckpointFile.restore(file, c.arrays(), checkpointArrays(store, adam));
        adam.restoreSteps(c.optimizerSteps());
    }
}
