package org.avca4j.trainer.method;

import java.io.IOException;
import java.nio.file.Path;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.model.TrainingBatch;

/**
 * A method's trainable network. The shared training loop (sampler, learning-rate schedule,
 * validation, checkpoints, protocol) drives every method through this interface only.
 *
 * <p>All randomness of a step (dropout masks, noise) comes from {@code stepSeed}, so that a run
 * resumed from a checkpoint repeats an uninterrupted run exactly.
 */
public interface MethodNetwork extends AutoCloseable {

    /**
     * One optimisation step on a batch in training mode: the method's forward calls in its
     * BatchNorm order, its loss, the gradient and its optimiser's update at the given learning
     * rate.
     *
     * @return the loss before the update
     * @throws IllegalArgumentException if the batch's widths do not match the network or a label is
     *     not a training class of the stage
     */
    LossTerms step(TrainingBatch batch, double learningRate, long stepSeed);

    /**
     * {@link #step(TrainingBatch, double, long)} told which clips of the stage's training set the
     * batch's positives are: what the trainer calls, so that a method whose inputs are not the
     * batch's vectors (TCaF's feature sequences) can gather its own. By default the batch's step.
     *
     * @param clipIndices the positives' indices in the stage's training clip set, in batch order
     * @throws IllegalArgumentException as {@link #step(TrainingBatch, double, long)}, or if the
     *     indices do not fit the network's training set
     */
    default LossTerms step(
            TrainingBatch batch, int[] clipIndices, double learningRate, long stepSeed) {
        return step(batch, learningRate, stepSeed);
    }

    /**
     * {@link #distances(float[], float[], int, float[], int)} of every clip of a set: what the
     * evaluation calls, so that a method whose inputs are not the set's vectors can find its own
     * inputs for the set. By default the set's vectors.
     *
     * @throws IllegalArgumentException as {@link #distances(float[], float[], int, float[], int)},
     *     or if the network has no inputs of its own for the set
     */
    default ModeDistances distances(ClipSet clips, float[] text, int c) {
        return distances(clips.audio(), clips.video(), clips.size(), text, c);
    }

    /**
     * Distances of clips to candidate classes in inference mode (running statistics, no dropout),
     * as the method's evaluation routine computes them, per mode.
     *
     * @param audio {@code [n*audioDim]}
     * @param video {@code [n*videoDim]}
     * @param n clips
     * @param text the candidates' raw text embeddings {@code [c*textDim]}
     * @param c candidates
     * @throws IllegalArgumentException if the widths do not match the network
     */
    ModeDistances distances(float[] audio, float[] video, int n, float[] text, int c);

    /**
     * Writes parameters, running statistics and optimiser state, atomically.
     *
     * @throws IOException if the file cannot be written
     */
    void save(Path file) throws IOException;

    /**
     * Restores what {@link #save} wrote.
     *
     * @throws IOException if the file cannot be read or belongs to another method or architecture
     */
    void load(Path file) throws IOException;

    /** Frees native memory. Idempotent. */
    @Override
    void close();
}
