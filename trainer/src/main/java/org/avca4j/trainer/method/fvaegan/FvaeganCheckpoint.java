package org.avca4j.trainer.method.fvaegan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.avca4j.trainer.model.AdamL2Optimizer;
import org.avca4j.trainer.model.CheckpointFile;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link FvaeganNetwork}'s checkpoint: the four networks' weights, both Adams' moments and step
 * counts, in {@link CheckpointFile}'s array format under a label naming the method and its widths.
 */
final class FvaeganCheckpoint {

    private static final String CRITIC_STEPS = "adam.critic.steps";
    private static final String GENERATOR_STEPS = "adam.generator.steps";

    private FvaeganCheckpoint() {}

    static void write(Path file, FvaeganNetwork network) throws IOException {
        CheckpointFile.writeArrays(file, label(network), arrays(network, true));
    }

    static void read(Path file, FvaeganNetwork network) throws IOException {
        Map<String, INDArray> stored = CheckpointFile.readArrays(file, label(network));
        Map<String, INDArray> targets = arrays(network, false);
        if (!stored.keySet().equals(targets.keySet())) {
            throw new IOException(
                    "Checkpoint "
                            + file
                            + " holds arrays "
                            + stored.keySet()
                            + ", expected "
                            + targets.keySet());
        }
        for (Map.Entry<String, INDArray> e : targets.entrySet()) {
            INDArray src = stored.get(e.getKey());
            if (e.getValue() != null && !Arrays.equals(src.shape(), e.getValue().shape())) {
                throw new IOException(
                        "Checkpoint "
                                + file
                                + ": array '"
                                + e.getKey()
                                + "' has shape "
                                + Arrays.toString(src.shape())
                                + ", expected "
                                + Arrays.toString(e.getValue().shape()));
            }
        }
        for (Map.Entry<String, INDArray> e : targets.entrySet()) {
            if (e.getValue() != null) {
                e.getValue().assign(stored.get(e.getKey()).castTo(network.dataType()));
            }
        }
        network.criticAdam().restoreSteps(stored.get(CRITIC_STEPS).getLong(0));
        network.generatorAdam().restoreSteps(stored.get(GENERATOR_STEPS).getLong(0));
    }

    private static String label(FvaeganNetwork network) {
        FvaeganSettings s = network.settings();
        return "fvaegan feature "
                + network.featureDim()
                + " latent "
                + s.latentDim()
                + " critic "
                + s.criticHidden()
                + " encoder "
                + s.encoderHidden()
                + " decoder "
                + s.decoderHidden();
    }

    /** Live arrays by name; the step counts as one-element arrays (null targets when reading). */
    private static Map<String, INDArray> arrays(FvaeganNetwork network, boolean withSteps) {
        Map<String, INDArray> arrays = new LinkedHashMap<>(network.parameters());
        moments(arrays, "critic", network.criticAdam());
        moments(arrays, "generator", network.generatorAdam());
        arrays.put(
                CRITIC_STEPS,
                withSteps ? Nd4j.createFromArray((double) network.criticSteps()) : null);
        arrays.put(
                GENERATOR_STEPS,
                withSteps ? Nd4j.createFromArray((double) network.generatorSteps()) : null);
        return arrays;
    }

    private static void moments(Map<String, INDArray> arrays, String which, AdamL2Optimizer adam) {
        for (Map.Entry<String, INDArray> e : adam.firstMoments().entrySet()) {
            arrays.put("adam." + which + ".m." + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, INDArray> e : adam.secondMoments().entrySet()) {
            arrays.put("adam." + which + ".v." + e.getKey(), e.getValue());
        }
    }
}
