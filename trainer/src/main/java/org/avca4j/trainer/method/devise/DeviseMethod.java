package org.avca4j.trainer.method.devise;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.export.MethodExporter;
import org.avca4j.trainer.export.MethodExporters;
import org.avca4j.trainer.method.BaselineRules;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.method.SingleEmbeddingNetwork;
import org.avca4j.trainer.method.TestBetaRule;
import org.avca4j.trainer.training.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * ALE, SJE or DEVISE (docs/baselines.md#devise-family): one bilinear model, three ranking losses.
 * Registered three times in {@link org.avca4j.trainer.method.Methods}.
 */
public final class DeviseMethod implements GzslMethod {

    private final DeviseLoss loss;

    /** The method of one of the three losses. */
    public DeviseMethod(DeviseLoss loss) {
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

    /** Batch 256, Adam at 1e-3 without weight decay, 50 epochs of 500 batches, plateau schedule. */
    @Override
    public TrainingConfig.Builder trainingConfig(
            DatasetName dataset, FeatureSet features, TextOrder textOrder) {
        return BaselineRules.trainingConfig(textOrder);
    }

    @Override
    public TestBetaRule testBetaRule(MethodSettings settings) {
        return TestBetaRule.BOTH;
    }

    /**
     * @throws IllegalArgumentException if the settings are not this method's
     */
    @Override
    public SingleEmbeddingNetwork create(MethodContext context, MethodSettings settings) {
        return create(context, settings, DataType.FLOAT);
    }

    /**
     * A network of FLOAT or DOUBLE arrays (DOUBLE for gradient checks).
     *
     * @throws IllegalArgumentException if the settings are not this method's, or for another type
     */
    public SingleEmbeddingNetwork create(
            MethodContext context, MethodSettings settings, DataType dataType) {
        if (!(settings instanceof DeviseSettings s) || s.loss() != loss) {
            throw new IllegalArgumentException(
                    "method " + id() + " cannot use settings " + settings + " of another method");
        }
        return new SingleEmbeddingNetwork(
                DeviseGraph.build(context, s, dataType), s.normInputs(), architecture(context, s));
    }

    private String architecture(MethodContext c, DeviseSettings s) {
        return id()
                + " audio="
                + c.audioDim()
                + " video="
                + c.videoDim()
                + " text="
                + c.textDim()
                + " "
                + s.asMap();
    }

    /** e([video ‖ audio]) against the raw text embedding (SingleEmbeddingOnnxExporter). */
    @Override
    public Optional<MethodExporter> exporter() {
        return Optional.of(MethodExporters.singleEmbedding(id()));
    }
}
