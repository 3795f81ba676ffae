package org.avca4j.trainer.training;

import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.data.Benchmark;

/**
 * The hyper-parameters of the six published runs (docs/method.md#hyper-parameters). Every value can
 * be overridden through {@link TrainingConfig#toBuilder()} and the {@code with…} methods of the
 * architecture.
 */
public final class Presets {

    private Presets() {}

    /**
     * The preset of a dataset and feature set.
     *
     * @param featureSet the feature set
     */
    public static Preset of(DatasetName dataset, FeatureSet featureSet) {
        boolean main = featureSet == FeatureSet.MAIN;
        return switch (dataset) {
            case UCF -> new Preset(256, 0.2, 0.3, 0.5, main ? 0.1 : 0.99);
            case ACTIVITYNET -> new Preset(256, 0.2, 0.2, 0.1, 0.99);
            case VGGSOUND ->
                    main
                            ? new Preset(64, 0.0, 0.0, 0.1, 0.1)
                            : new Preset(256, 0.0, 0.0, 0.0, 0.99);
        };
    }

    /** The preset of the benchmark's dataset and feature set. */
    public static Preset of(Benchmark benchmark) {
        return of(benchmark.dataset(), benchmark.featureSet());
    }
}
