package org.avca4j.trainer.method.fvaegan;

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
import org.avca4j.trainer.training.MethodProtocol;
import org.avca4j.trainer.training.PlateauConfig;
import org.avca4j.trainer.training.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * f-VAEGAN-D2 (docs/baselines.md#f-vaegan-d2). Its network trains through {@link
 * MethodNetwork#step}, but its evaluation and epoch choice are its own: run it with {@link
 * FvaeganProtocol}, not the shared epoch loop ({@link FvaeganNetwork#distances} throws).
 */
public final class FvaeganMethod implements GzslMethod {

    /** The id on the command line. */
    public static final String ID = "fvaegan";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "f-VAEGAN-D2";
    }

    /**
     * The published run has main features only; a cls run uses the same settings and has no
     * published figures.
     *
     * @throws IllegalArgumentException if an override names no setting or does not parse
     */
    @Override
    public FvaeganSettings settings(
            DatasetName dataset, FeatureSet features, Map<String, String> overrides) {
        return FvaeganSettings.published(dataset).with(overrides);
    }

    /**
     * Batch 64, 50 epochs, 500 batches (used by {@link GanSchedule#ALL_BATCHES} only), learning
     * rate 1e-3, no weight decay; there is no learning-rate schedule (its plateau patience is
     * beyond the run's epochs).
     */
    @Override
    public TrainingConfig.Builder trainingConfig(
            DatasetName dataset, FeatureSet features, TextOrder textOrder) {
        return trainingConfig(dataset, features, textOrder, FvaeganSettings.published(dataset));
    }

    /**
     * The schedule of the settings: batch size {@code batch_size}, {@code nepoch} epochs, {@code
     * n_batches} batches, learning rate {@code lr}; what {@link FvaeganProtocolAdapter} maps back
     * into the settings after a run's overrides.
     *
     * @throws IllegalArgumentException if the settings are not f-VAEGAN-D2's
     */
    @Override
    public TrainingConfig.Builder trainingConfig(
            DatasetName dataset,
            FeatureSet features,
            TextOrder textOrder,
            MethodSettings settings) {
        FvaeganSettings s =
                BaselineRules.settingsOf(settings, FvaeganSettings.class, "f-VAEGAN-D2");
        return TrainingConfig.builder()
                .setBatchSize(s.batchSize())
                .optEpochs(s.epochs())
                .optBatchesPerEpoch(s.batchesPerEpoch())
                .optLearningRate(s.learningRate())
                .optWeightDecay(0)
                .optPlateau(new PlateauConfig(0.1, Integer.MAX_VALUE / 2, 1e-4, 0, 0.0, 1e-8))
                .optTextOrder(textOrder);
    }

    /**
     * Its own protocol ({@link FvaeganProtocolAdapter}): stage-1 epoch selection by default, the
     * reference's test-set selection with {@code selection=test-set-reference}.
     */
    @Override
    public MethodProtocol protocol() {
        return new FvaeganProtocolAdapter();
    }

    /** Not used: f-VAEGAN-D2 has no calibrated stacking; answers {@link TestBetaRule#BOTH}. */
    @Override
    public TestBetaRule testBetaRule(MethodSettings settings) {
        return TestBetaRule.BOTH;
    }

    /**
     * @throws IllegalArgumentException if the settings are not f-VAEGAN-D2's
     */
    @Override
    public MethodNetwork create(MethodContext context, MethodSettings settings) {
        FvaeganSettings s =
                BaselineRules.settingsOf(settings, FvaeganSettings.class, "f-VAEGAN-D2");
        return new FvaeganNetwork(context, s, DataType.FLOAT);
    }
}
