package org.avca4j.trainer.method;

import java.util.Objects;
import java.util.Optional;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.export.MethodExporter;
import org.avca4j.trainer.export.MethodExporters;
import org.avca4j.trainer.training.TrainingConfig;

/**
 * What the two-branch methods (CJME, AVGZSLNet; docs/baselines.md) share: the comparison methods'
 * schedule ({@link BaselineRules#trainingConfig}), the test β rule of their settings, and export by
 * {@link org.avca4j.trainer.export.BranchOnnxExporter}. A subclass gives its settings and network.
 *
 * @param <S> the method's settings
 */
public abstract class TwoBranchMethod<S extends TwoBranchSettings> implements GzslMethod {

    private final String id;
    private final String displayName;
    private final Class<S> settingsType;

    /**
     * @param id the id on the command line
     * @param displayName the name in tables
     * @param settingsType the class of the method's settings
     */
    protected TwoBranchMethod(String id, String displayName, Class<S> settingsType) {
        this.id = Objects.requireNonNull(id, "id");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.settingsType = Objects.requireNonNull(settingsType, "settingsType");
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String displayName() {
        return displayName;
    }

    /** Batch 256, 50 epochs of 500 batches, Adam lr 1e-3 without weight decay, plateau schedule. */
    @Override
    public final TrainingConfig.Builder trainingConfig(
            DatasetName dataset, FeatureSet features, TextOrder textOrder) {
        return BaselineRules.trainingConfig(textOrder);
    }

    /**
     * @throws IllegalArgumentException if the settings are not this method's
     */
    @Override
    public final TestBetaRule testBetaRule(MethodSettings settings) {
        return cast(settings).testBeta();
    }

    /**
     * @throws IllegalArgumentException if the settings are not this method's
     */
    @Override
    public final MethodNetwork create(MethodContext context, MethodSettings settings) {
        return network(context, cast(settings));
    }

    /** The two-branch ONNX export, scored by the network's rule. */
    @Override
    public final Optional<MethodExporter> exporter() {
        return Optional.of(MethodExporters.twoBranch());
    }

    /** A freshly initialised network of the method. */
    protected abstract TwoBranchNetwork network(MethodContext context, S settings);

    private S cast(MethodSettings settings) {
        return BaselineRules.settingsOf(settings, settingsType, id);
    }
}
