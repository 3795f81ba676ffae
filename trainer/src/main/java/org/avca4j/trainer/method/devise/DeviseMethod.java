package org.avca4j.trainer.method.devise;

import java.util.Map;
import java.util.Objects;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.SingleEmbeddingGraph;
import org.avca4j.trainer.method.SingleEmbeddingMethod;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * ALE, SJE or DEVISE (docs/baselines.md#devise-family): one bilinear model, three ranking losses.
 * Registered three times in {@link org.avca4j.trainer.method.Methods}.
 */
public final class DeviseMethod extends SingleEmbeddingMethod<DeviseSettings> {

    private final DeviseLoss loss;

    /** The method of one of the three losses. */
    public DeviseMethod(DeviseLoss loss) {
        super(DeviseSettings.class);
        this.loss = Objects.requireNonNull(loss, "loss");
    }

    /** ALE. */
    public static DeviseMethod ale() {
        return new DeviseMethod(DeviseLoss.ALE);
    }

    /** SJE. */
    public static DeviseMethod sje() {
        return new DeviseMethod(DeviseLoss.SJE);
    }

    /** DEVISE. */
    public static DeviseMethod devise() {
        return new DeviseMethod(DeviseLoss.DEVISE);
    }

    @Override
    public String id() {
        return loss.id();
    }

    @Override
    public String displayName() {
        return loss.displayName();
    }

    /**
     * @throws IllegalArgumentException if an override names no setting of this method (the message
     *     lists them) or its value does not parse or is out of range
     */
    @Override
    public DeviseSettings settings(
            DatasetName dataset, FeatureSet features, Map<String, String> overrides) {
        return DeviseSettings.of(loss, dataset, features, overrides);
    }

    /** One settings type serves the three losses: these settings must be of this one. */
    @Override
    protected boolean accepts(DeviseSettings settings) {
        return settings.loss() == loss;
    }

    @Override
    protected SingleEmbeddingGraph graph(
            MethodContext context, DeviseSettings settings, DataType dataType) {
        return DeviseGraph.build(context, settings, dataType);
    }

    @Override
    protected boolean normInputs(DeviseSettings settings) {
        return settings.normInputs();
    }
}
