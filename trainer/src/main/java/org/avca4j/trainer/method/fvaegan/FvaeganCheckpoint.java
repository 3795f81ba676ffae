package org.avca4j.trainer.method.fvaegan;

import java.io.IOException;
import java.nio.file.Path;
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
        // The method format carries one optimiser step count; both Adams' counts travel as
        // one-element arrays instead, beside the weights and moments.
        CheckpointFile.writeMethod(file, label(network), network.criticSteps(), arrays(network));
    }

    static void read(Path file, FvaeganNetwork network) throws IOException {
        CheckpointFile.MethodContents c = CheckpointFile.readMethod(file);
        String expected = label(network);
        if (!expected.equals(c.architecture())) {
            throw new IOException(
                    "Checkpoint "
                            + file
                            + " was written for another architecture: '"
                            + c.architecture()
                            + "', expected '"
                            + expected
                            + "'");
        }
        Map<String, INDArray> live = arrays(network);
        live.remove(CRITIC_STEPS);
        live.remove(GENERATOR_STEPS);
        Map<String, INDArray> savedLive = new LinkedHashMap<>(c.arrays());
        INDArray criticSteps = savedLive.remove(CRITIC_STEPS);
        INDArray generatorSteps = savedLive.remove(GENERATOR_STEPS);
        if (criticSteps == null || generatorSteps == null) {
            throw new IOException(
                    "Checkpoint "
                            + file
                            + " lacks the optimiser step counts "
                            + CRITIC_STEPS
                            + "/"
                            + GENERATOR_STEPS);
        }
        CheckpointFile.restore(file, savedLive, live);
        network.criticAdam().restoreSteps(criticSteps.getLong(0));
        network.generatorAdam().restoreSteps(generatorSteps.getLong(0));
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

    /** Live arrays by name, with the two step counts as one-element arrays. */
    private static Map<String, INDArray> arrays(FvaeganNetwork network) {
        Map<String, INDArray> arrays = new LinkedHashMap<>(network.parameters());
        moments(arrays, "critic", network.criticAdam());
        moments(arrays, "generator", network.generatorAdam());
        arrays.put(CRITIC_STEPS, Nd4j.createFromArray((double) network.criticSteps()));
        arrays.put(GENERATOR_STEPS, Nd4j.createFromArray((double) network.generatorSteps()));
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
