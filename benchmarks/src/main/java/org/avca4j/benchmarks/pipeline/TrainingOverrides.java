package org.avca4j.benchmarks.pipeline;

import org.avca4j.trainer.training.BestEpochRule;
import org.avca4j.trainer.training.TrainingConfig;

/**
 * Settings that replace those of a published preset (docs/method.md#hyper-parameters); a null field
 * keeps the preset's.
 *
 * @param epochs epochs per stage
 * @param batchesPerEpoch batches per epoch
 * @param batchSize clips per batch
 * @param bestEpochRule how stage 1 chooses E* (docs/protocol.md#best-epoch)
 */
public record TrainingOverrides(
        Integer epochs, Integer batchesPerEpoch, Integer batchSize, BestEpochRule bestEpochRule) {

    /** No override: the published settings. */
    public static final TrainingOverrides NONE = new TrainingOverrides(null, null, null, null);

    /**
     * Overrides of the schedule; the best-epoch rule as published.
     *
     * @throws IllegalArgumentException if a given value is below 1
     */
    public TrainingOverrides(Integer epochs, Integer batchesPerEpoch, Integer batchSize) {
        this(epochs, batchesPerEpoch, batchSize, null);
    }

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
        if (bestEpochRule != null) {
            builder.optBestEpochRule(bestEpochRule);
        }
        return builder;
    }

    private static void requirePositive(String what, Integer v) {
        if (v != null && v < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + v);
        }
    }
}
