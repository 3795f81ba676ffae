package org.avca4j.benchmarks.pipeline;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.training.Preset;
import org.avca4j.trainer.training.TrainingConfig;

/**
 * What a run changes in the published preset of its benchmark (docs/method.md#hyper-parameters):
 * training settings and, for tests and the demo, the architecture. {@link Reproduction} hands its
 * changes to every {@link SeedRunner} unchanged.
 *
 * @param training settings that replace the preset's
 * @param architecture applied to the preset's architecture, e.g. narrower layers for tests
 */
public record PresetChanges(TrainingOverrides training, UnaryOperator<AvcaConfig> architecture) {

    /** No change: the published preset. */
    public static final PresetChanges NONE =
            new PresetChanges(TrainingOverrides.NONE, UnaryOperator.identity());

    /**
     * @throws NullPointerException if a component is null
     */
    public PresetChanges {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(architecture, "architecture");
    }

    /** The preset's architecture for the benchmark, changed. */
    AvcaConfig modelConfig(Preset preset, Benchmark benchmark) {
        return architecture.apply(preset.avcaConfig(benchmark));
    }

    /** The preset's training settings in the benchmark's text order with the seed, changed. */
    TrainingConfig trainingConfig(Preset preset, Benchmark benchmark, long seed) {
        return training.applyTo(preset.trainingConfig(benchmark.textOrder()).optSeed(seed)).build();
    }
}
