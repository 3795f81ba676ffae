package org.avca4j.trainer.training;

import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.method.avca.AvcaSettings;
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

    /**
     * {@link #avcaConfig(int, int)} with the widths of the benchmark's features and text: {@code
     * textDim} the benchmark's and {@code headDim} {@code textDim / heads} ({@link
     * AvcaSettings#withTextDim}; the published 300 and 100 on word2vec text).
     *
     * @throws IllegalArgumentException if the text width is not a multiple of the heads
     */
    public AvcaConfig avcaConfig(Benchmark benchmark) {
        int audioDim = benchmark.stage1Train().audioDim();
        int videoDim = benchmark.stage1Train().videoDim();
        return AvcaSettings.of(avcaConfig(audioDim, videoDim))
                .withTextDim(benchmark.textDim())
                .config(audioDim, videoDim);
    }

    /** A training-config builder holding the published settings and this preset's batch size. */
    public TrainingConfig.Builder trainingConfig(TextOrder textOrder) {
        return TrainingConfig.builder().setBatchSize(batchSize).optTextOrder(textOrder);
    }
}
