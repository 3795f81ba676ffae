package org.avca4j.trainer.method;

import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.model.AdamSettings;
import org.avca4j.trainer.training.TrainingConfig;

/**
 * What the reference's six main.py baselines share
 * (docs/baselines.md#shared-by-cjme-and-avgzslnet).
 */
public final class BaselineRules {

    /** The batch size of every baseline run: no published script sets it. */
    public static final int BATCH_SIZE = 256;

    /** Adam with PyTorch's constants and no weight decay. */
    public static final AdamSettings ADAM = new AdamSettings(0.9, 0.999, 1e-8, 0.0);

    private BaselineRules() {}

    /**
     * Batch 256, 50 epochs of 500 batches, Adam lr 1e-3 without weight decay, the plateau schedule
     * on validation HM.
     */
    public static TrainingConfig.Builder trainingConfig(TextOrder textOrder) {
        return TrainingConfig.builder()
                .setBatchSize(BATCH_SIZE)
                .optWeightDecay(0.0)
                .optTextOrder(textOrder);
    }

    /**
     * The settings as the method's own type.
     *
     * @throws IllegalArgumentException if they belong to another method
     */
    public static <T extends MethodSettings> T settingsOf(
            MethodSettings settings, Class<T> type, String method) {
        if (type.isInstance(settings)) {
            return type.cast(settings);
        }
        throw new IllegalArgumentException(
                method
                        + " needs "
                        + type.getSimpleName()
                        + ", got "
                        + (settings == null ? "null" : settings.getClass().getSimpleName()));
    }
}
