package org.avca4j.trainer.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An AVCA model that can take training steps and embed clips and class texts. The training loop
 * (sampler, learning-rate schedule, validation, protocol) drives it through this interface only.
 *
 * <p>All randomness of a step (dropout masks) comes from {@code stepSeed}, so that a run resumed
 * from a checkpoint repeats an uninterrupted run exactly.
 */
public interface AvcaNetwork extends AutoCloseable {

    /** The architecture. */
    AvcaConfig config();

    /**
     * One optimisation step: positive and negative forward passes in training mode, the full loss,
     * its gradient, an Adam update with L2 weight decay at the given learning rate, the BatchNorm
     * running statistics updated in the reference's order, and the post-step training-mode forward
     * of the positive batch (docs/method.md#training).
     *
     * @return the loss terms computed before the update
     * @throws IllegalArgumentException if the batch's widths do not match {@link #config()}
     */
    StepLosses step(TrainingBatch batch, double learningRate, long stepSeed);

    /**
     * θv of clips in inference mode (running statistics, no dropout), as one batch.
     *
     * @return {@code [n*outDim]} row-major
     */
    float[] embedVideo(float[] audio, float[] video, int n);

    /** θa of clips in inference mode, as one batch. */
    float[] embedAudio(float[] audio, float[] video, int n);

    /** θw of class embeddings {@code [c*textDim]} in inference mode, as one batch. */
    float[] embedText(float[] text, int c);

    /** Every parameter, running statistic and {@code pos}, copied out as plain arrays. */
    AvcaWeights weights();

    /**
     * Writes parameters, running statistics and optimiser state, atomically.
     *
     * @throws IOException if the file cannot be written
     */
    void save(Path file) throws IOException;

    /**
     * Restores what {@link #save} wrote.
     *
     * @throws IOException if the file cannot be read or belongs to another architecture
     */
    void load(Path file) throws IOException;

    /** Frees native memory. Idempotent. */
    @Override
    void close();
}
