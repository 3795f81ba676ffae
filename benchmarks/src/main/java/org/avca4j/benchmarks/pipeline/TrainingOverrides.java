package org.avca4j.benchmarks.pipeline;

import org.avca4j.trainer.training.TrainingConfig;

/**
 * Settings that replace those of a published preset (docs/method.md#hyper-parameters); a null field
 * keeps the preset's.
 *
 * @param epochs epochs per stage
 * @param batchesPerEpoch batches per epoch
 * @param batchSize clips per batch
 */
public record TrainingOverrides(Integer epochs, Integer batchesPerEpoch, Integer batchSize) {

    /** No override: the published settings. */
    public static final TrainingOverrides NONE = new TrainingOverrides(null, null, null);

    /**
     * @throws IllegalArgumentException if a given value is below 1
     */
    public TrainingOverrides {
        requirePositive("epochs", epochs);
        requirePositive("batches per epoch", batchesPerEpoch);
        requirePositive("batch size", batchSize);
    }

    /** Applies the overrides to a configuration builder holding the preset's values. */
    public TrainingConfig.Builder applyTo(TrainingConfig.Builder builder) {
        if (epochs != null) {
            builder.optEpochs(epochs);
        }
        if (batchesPerEpoch != null) {
            builder.optBatchesPerEpoch(batchesPerEpoch);
        }
        if (batchSize != null) {
            builder.setBatchSize(batchSize);
        }
        return builder;
    }

    private static void requirePositive(String what, Integer v) {
        if (v != null && v < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + v);
        }
    }
}
