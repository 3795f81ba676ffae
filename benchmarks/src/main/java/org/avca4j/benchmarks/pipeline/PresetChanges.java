package org.avca4j.benchmarks.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.training.TrainingConfig;

/**
 * What a run changes in the published preset of its method and benchmark
 * (docs/method.md#hyper-parameters): training settings, the method's settings ({@code --set}) and,
 * for tests and the demo, AVCA's architecture. {@link Reproduction} hands its changes to every
 * {@link SeedRunner} unchanged.
 *
 * @param training settings that replace the preset's
 * @param architecture applied to AVCA's architecture, e.g. narrower layers for tests; not used by
 *     other methods
 * @param settings the methods' settings that replace the presets', by name ({@link
 *     GzslMethod#settings}); {@code <method>.name} applies to that method only
 */
public record PresetChanges(
        TrainingOverrides training,
        UnaryOperator<AvcaConfig> architecture,
        Map<String, String> settings) {

    /** No change: the published preset. */
    public static final PresetChanges NONE =
            new PresetChanges(TrainingOverrides.NONE, UnaryOperator.identity());

    /**
     * @throws NullPointerException if a component is null
     */
    public PresetChanges {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(architecture, "architecture");
        settings =
                Collections.unmodifiableMap(
                        new LinkedHashMap<>(Objects.requireNonNull(settings, "settings")));
    }

    /** Training and architecture changes, the method's settings as published. */
    public PresetChanges(TrainingOverrides training, UnaryOperator<AvcaConfig> architecture) {
        this(training, architecture, Map.of());
    }

    /**
     * The method's published settings for the benchmark, with the overrides ({@link
     * GzslMethod#settings(Benchmark, Map)}: AVCA's text width follows the data).
     *
     * @throws IllegalArgumentException if an override names no setting, does not parse, or
     *     contradicts the benchmark's widths
     */
    MethodSettings settings(GzslMethod method, Benchmark benchmark) {
        return method.settings(benchmark, forMethod(method.id()));
    }

    /**
     * The overrides of one method: every {@code name} without a method prefix, and every {@code
     * <method>.name} of this method with the prefix dropped.
     */
    Map<String, String> forMethod(String methodId) {
        Map<String, String> mine = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String key = e.getKey().trim();
            int dot = key.indexOf('.');
            if (dot < 0) {
                mine.put(key, e.getValue());
            } else if (key.substring(0, dot).equalsIgnoreCase(methodId)) {
                mine.put(key.substring(dot + 1), e.getValue());
            }
        }
        return mine;
    }

    /**
     * The method's training settings for its settings ({@link GzslMethod#trainingConfig(
     * org.avca4j.sdk.card.DatasetName, org.avca4j.sdk.card.FeatureSet,
     * org.avca4j.sdk.card.TextOrder, MethodSettings)}) in the benchmark's text order with the seed,
     * changed.
     */
    TrainingConfig trainingConfig(
            GzslMethod method, MethodSettings settings, Benchmark benchmark, long seed) {
        return training.applyTo(
                        method.trainingConfig(
                                        benchmark.dataset(),
                                        benchmark.featureSet(),
                                        benchmark.textOrder(),
                                        settings)
                                .optSeed(seed))
                .build();
    }
}
