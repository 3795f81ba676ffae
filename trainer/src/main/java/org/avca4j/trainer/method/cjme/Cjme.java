package org.avca4j.trainer.method.cjme;

import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.method.BaselineRules;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.MethodNetwork;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.method.TestBetaRule;
import org.avca4j.trainer.training.TrainingConfig;

/** CJME as the reference runs it (docs/baselines.md#cjme). */
public final class Cjme implements GzslMethod {

    /** The method's id. */
    public static final String ID = "cjme";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "CJME";
    }

    /**
     * Dropout 0.2 on UCF and ActivityNet, 0.0 on VGGSound, on both feature sets.
     *
     * @throws IllegalArgumentException if an override is unknown or does not parse
     */
    @Override
    public CjmeSettings settings(
            DatasetName dataset, FeatureSet features, Map<String, String> overrides) {
        return CjmeSettings.published(dataset == DatasetName.VGGSOUND ? 0.0 : 0.2).with(overrides);
    }

    /** Batch 256, 50 epochs of 500 batches, Adam lr 1e-3 without weight decay, plateau schedule. */
    @Override
    public TrainingConfig.Builder trainingConfig(
            DatasetName dataset, FeatureSet features, TextOrder textOrder) {
        return BaselineRules.trainingConfig(textOrder);
    }

    /**
     * @throws IllegalArgumentException if the settings are not CJME's
     */
    @Override
    public TestBetaRule testBetaRule(MethodSettings settings) {
        return cast(settings).testBeta();
    }

    /**
     * @throws IllegalArgumentException if the settings are not CJME's
     */
    @Override
    public MethodNetwork create(MethodContext context, MethodSettings settings) {
        return CjmeNetwork.create(context, cast(settings));
    }

    private static CjmeSettings cast(MethodSettings settings) {
        return BaselineRules.settingsOf(settings, CjmeSettings.class, ID);
    }
}
