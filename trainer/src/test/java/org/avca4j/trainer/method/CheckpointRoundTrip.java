package org.avca4j.trainer.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.avca4j.trainer.model.TrainingBatch;

/**
 * The checkpoint check of the paired-clip networks: a trained network, saved and loaded into a
 * fresh one, gives the same BOTH distances.
 */
public final class CheckpointRoundTrip {

    private CheckpointRoundTrip() {}

    /**
     * Takes one step (learning rate 1e-2, step seed 1) of a fresh network on a batch, saves it to a
     * file and loads the file into a second fresh network: the BOTH distances of the batch's clips
     * to the context's training classes must be equal to the bit.
     *
     * @param fresh makes a new, untrained network of the method and settings under test
     * @throws IOException if the checkpoint cannot be written or read
     * @throws AssertionError if the loaded network's distances differ
     */
    public static void assertSameDistancesAfterReload(
            Supplier<? extends MethodNetwork> fresh, MethodContext c, TrainingBatch b, Path file)
            throws IOException {
        float[] text = c.trainClassText();
        int classes = c.trainClassCount();
        float[] before;
        try (MethodNetwork net = fresh.get()) {
            net.step(b, 1e-2, 1);
            net.save(file);
            before = both(net, b, text, classes);
        }
        try (MethodNetwork net = fresh.get()) {
            net.load(file);
            assertArrayEquals(before, both(net, b, text, classes), 0f);
        }
    }

    private static float[] both(MethodNetwork net, TrainingBatch b, float[] text, int classes) {
        return net.distances(b.audio(), b.video(), b.size(), text, classes).get(EvalMode.BOTH);
    }
}
