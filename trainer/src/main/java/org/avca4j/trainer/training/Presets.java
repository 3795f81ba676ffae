package org.avca4j.trainer.training;

import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.DatasetName;

/**
 * The hyper-parameters of the six published runs (spec §6). Every value can be overridden through
 * {@link TrainingConfig#toBuilder()} and the {@code with…} methods of the architecture.
 */
public final class Presets {

    /** Feature-set folder of the SeLaVi features. */
    public static final String MAIN_FEATURES = "main_features";

    /** Feature-set folder of the VGGish/C3D features. */
    public static final String CLS_FEATURES = "cls_features";

    private Presets() {}

    /**
     * The preset of a dataset and feature set.
     *
     * @param featureSet {@code main_features} or {@code cls_features} ({@code main} / {@code cls}
     *     accepted)
     * @throws IllegalArgumentException if the feature set is neither
     */
    public static Preset of(DatasetName dataset, String featureSet) {
        boolean main = isMain(featureSet);
        return switch (dataset) {
            case UCF -> new Preset(256, 0.2, 0.3, 0.5, main ? 0.1 : 0.99);
            case ACTIVITYNET -> new Preset(256, 0.2, 0.2, 0.1, 0.99);
            case VGGSOUND ->
                    main
                            ? new Preset(64, 0.0, 0.0, 0.1, 0.1)
                            : new Preset(256, 0.0, 0.0, 0.0, 0.99);
        };
    }

    /**
     * The preset of the benchmark's dataset and feature set.
     *
     * @throws IllegalArgumentException if the benchmark's feature set is not one of the published
     *     two
     */
    public static Preset of(Benchmark benchmark) {
        return of(benchmark.dataset(), benchmark.featureSet());
    }

    private static boolean isMain(String featureSet) {
        if (MAIN_FEATURES.equals(featureSet) || "main".equals(featureSet)) {
            return true;
        }
        if (CLS_FEATURES.equals(featureSet) || "cls".equals(featureSet)) {
            return false;
        }
        throw new IllegalArgumentException(
                "Unknown feature set '"
                        + featureSet
                        + "': expected "
                        + MAIN_FEATURES
                        + " or "
                        + CLS_FEATURES);
    }
}
