package org.avca4j.benchmarks.cli;

import java.nio.file.Path;
import org.avca4j.benchmarks.pipeline.TrainingOverrides;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.training.NetworkFactory;
import org.avca4j.trainer.training.Preset;
import org.avca4j.trainer.training.Presets;
import org.avca4j.trainer.training.Trainer;
import org.avca4j.trainer.training.TrainingConfig;
import org.avca4j.trainer.training.TrainingListener;
import picocli.CommandLine.Option;

/**
 * Overrides of the published hyper-parameters (docs/method.md#hyper-parameters), shared by every
 * command that trains. Anything not given keeps the preset of the benchmark's dataset and feature
 * set.
 */
public final class TrainingOptions {

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs per stage (published: 50).")
    Integer epochs;

    @Option(
            names = "--batches",
            paramLabel = "N",
            description = "Batches per epoch (published: 500).")
    Integer batches;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description = "Clips per batch (preset: 256, or 64 for VGGSound main).")
    Integer batchSize;

    @Option(
            names = "--lr",
            paramLabel = "LR",
            description = "Initial learning rate (published: 1e-3).")
    Double learningRate;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (published: 42).")
    Long seed;

    @Option(
            names = "--r-enc",
            paramLabel = "P",
            description = "Dropout of the encoders and the attention (r_enc).")
    Double dropoutEnc;

    @Option(
            names = "--r-proj",
            paramLabel = "P",
            description = "Dropout of A_proj and V_proj (r_proj).")
    Double dropoutProj;

    @Option(
            names = "--r-dec",
            paramLabel = "P",
            description = "Dropout of W_proj, D, A_rec, V_rec (r_dec).")
    Double dropoutDec;

    @Option(
            names = "--momentum",
            paramLabel = "M",
            description = "BatchNorm momentum m of the second layer of hidden blocks.")
    Double momentum;

    /**
     * The architecture: the preset for the benchmark, with the widths of its features and any
     * override.
     */
    public AvcaConfig modelConfig(Benchmark benchmark) {
        Preset preset = Presets.of(benchmark);
        AvcaConfig c = preset.avcaConfig(benchmark);
        c =
                c.withDropouts(
                        dropoutEnc != null ? dropoutEnc : c.dropoutEnc(),
                        dropoutProj != null ? dropoutProj : c.dropoutProj(),
                        dropoutDec != null ? dropoutDec : c.dropoutDec());
        return momentum != null ? c.withMomentum(momentum) : c;
    }

    /**
     * The optimisation settings: the preset for the benchmark with any override, in its text order.
     */
    public TrainingConfig trainingConfig(Benchmark benchmark) {
        TrainingConfig.Builder b =
                new TrainingOverrides(epochs, batches, batchSize)
                        .applyTo(Presets.of(benchmark).trainingConfig(benchmark.textOrder()));
        if (learningRate != null) {
            b.optLearningRate(learningRate);
        }
        if (seed != null) {
            b.optSeed(seed);
        }
        return b.build();
    }

    /** A SameDiff trainer for the benchmark with these settings. */
    public Trainer trainer(Benchmark benchmark, TrainingListener listener) {
        return Trainer.builder()
                .setNetworkFactory(NetworkFactory.defaults())
                .setModelConfig(modelConfig(benchmark))
                .setTrainingConfig(trainingConfig(benchmark))
                .optListener(listener)
                .build();
    }

    /** The default run folder of a benchmark: {@code runs/<dataset>-<features>-seed<N>}. */
    public static Path defaultRunFolder(Benchmark benchmark, TrainingConfig config) {
        return Path.of(
                "runs",
                benchmark.dataset().folder().toLowerCase(java.util.Locale.ROOT)
                        + "-"
                        + benchmark.featureSet().label()
                        + "-seed"
                        + config.seed());
    }
}
