package org.avca4j.trainer.training;

import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.model.AvcaConfig;

/**
 * The hyper-parameters of one published run (docs/method.md#hyper-parameters) that differ between
 * runs.
 *
 * @param batchSize clips per batch
 * @param dropoutEnc r_enc
 * @param dropoutProj r_proj
 * @param dropoutDec r_dec
 * @param momentum m
 */
public record Preset(
        int batchSize, double dropoutEnc, double dropoutProj, double dropoutDec, double momentum) {

    /**
     * The published architecture with this preset's dropouts and momentum, for the given input
     * widths.
     *
     * @throws IllegalArgumentException if a width is not positive
     */
    public AvcaConfig avcaConfig(int audioDim, int videoDim) {
        if (audioDim < 1 || videoDim < 1) {
            throw new IllegalArgumentException(
                    "feature widths must be positive, got audioDim="
                            + audioDim
                            + ", videoDim="
                            + videoDim);
        }
        return AvcaConfig.defaults(audioDim, videoDim)
                .withDropouts(dropoutEnc, dropoutProj, dropoutDec)
                .withMomentum(momentum);
    }

    /** {@link #avcaConfig(int, int)} with the widths of the benchmark's features. */
    public AvcaConfig avcaConfig(Benchmark benchmark) {
        return avcaConfig(benchmark.stage1Train().audioDim(), benchmark.stage1Train().videoDim());
    }

    /** A training-config builder holding the published settings and this preset's batch size. */
    public TrainingConfig.Builder trainingConfig(TextOrder textOrder) {
        return TrainingConfig.builder().setBatchSize(batchSize).optTextOrder(textOrder);
    }
}
