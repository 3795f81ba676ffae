package org.avca4j.trainer.method.avgzslnet;

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

/** AVGZSLNet as the reference runs it (docs/baselines.md#avgzslnet). */
public final class AvgzslNet implements GzslMethod {

    /** The method's id. */
    public static final String ID = "avgzslnet";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "AVGZSLNet";
    }

    /**
     * The same settings on every dataset and feature set (embedding dropout 0.8, decoder 0.5).
     *
     * @throws IllegalArgumentException if an override is unknown or does not parse
     */
    @Override
    public AvgzslNetSettings settings(
            DatasetName dataset, FeatureSet features, Map<String, String> overrides) {
        return AvgzslNetSettings.published().with(overrides);
    }

    /** Batch 256, 50 epochs of 500 batches, Adam lr 1e-3 without weight decay, plateau schedule. */
    @Override
    public TrainingConfig.Builder trainingConfig(
            DatasetName dataset, FeatureSet features, TextOrder textOrder) {
        return BaselineRules.trainingConfig(textOrder);
    }

    /**
     * @throws IllegalArgumentException if the settings are not AVGZSLNet's
     */
    @Override
    public TestBetaRule testBetaRule(MethodSettings settings) {
        return cast(settings).testBeta();
    }

    /**
     * @throws IllegalArgumentException if the settings are not AVGZSLNet's
     */
    @Override
    public MethodNetwork create(MethodContext context, MethodSettings settings) {
        return AvgzslNetNetwork.create(context, cast(settings));
    }

    private static AvgzslNetSettings cast(MethodSettings settings) {
        return BaselineRules.settingsOf(settings, AvgzslNetSettings.class, ID);
    }
}
