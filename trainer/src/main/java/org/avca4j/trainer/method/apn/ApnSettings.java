package org.avca4j.trainer.method.apn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.method.SettingValues;

/**
 * The settings of APN (docs/baselines.md#apn). APN has no dropout: the reference's {@code
 * --dropout_baselines} has no effect on it, so there is no such setting.
 *
 * @param normInputs L2-normalise {@code [v ‖ a]} ({@code --norm_inputs}: on cls features)
 * @param ceOnLogits false reproduces the reference's cross-entropy applied to the softmax
 *     probabilities (a second softmax); true applies it to the scores (the fix)
 */
public record ApnSettings(boolean normInputs, boolean ceOnLogits) implements MethodSettings {

    /** The method id. */
    public static final String ID = "apn";

    static final String NORM_INPUTS = "norm_inputs";
    static final String CE_ON_LOGITS = "ce_on_logits";

    /** The settings of the published run (docs/baselines.md#apn). */
    public static ApnSettings preset(DatasetName dataset, FeatureSet features) {
        return new ApnSettings(features == FeatureSet.CLS, false);
    }

    /**
     * The preset with a user's overrides.
     *
     * @throws IllegalArgumentException as {@link SettingValues#of}
     */
    public static ApnSettings of(
            DatasetName dataset, FeatureSet features, Map<String, String> overrides) {
        SettingValues v = SettingValues.of(ID, preset(dataset, features).asMap(), overrides);
        return new ApnSettings(v.flag(NORM_INPUTS), v.flag(CE_ON_LOGITS));
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(NORM_INPUTS, normInputs);
        m.put(CE_ON_LOGITS, ceOnLogits);
        return m;
    }
}
