package org.avca4j.trainer.method.apn;

import java.util.Map;
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
 * APN (docs/baselines.md#apn), registered as "apn" in {@link org.avca4j.trainer.method.Methods}.
 */
public final class ApnMethod implements GzslMethod {

    @Override
    public String id() {
        return ApnSettings.ID;
    }

    @Override
    public String displayName() {
        return "APN";
    }

    /**
     * @throws IllegalArgumentException if an override names no setting of APN (the message lists
     *     them) or its value does not parse
     */
    @Override
    public ApnSettings settings(
            DatasetName dataset, FeatureSet features, Map<String, String> overrides) {
        return ApnSettings.of(dataset, features, overrides);
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
     * @throws IllegalArgumentException if the settings are not APN's
     */
    @Override
    public SingleEmbeddingNetwork create(MethodContext context, MethodSettings settings) {
        return create(context, settings, DataType.FLOAT);
    }

    /**
     * A network of FLOAT or DOUBLE arrays (DOUBLE for gradient checks).
     *
     * @throws IllegalArgumentException if the settings are not APN's, or for another type
     */
    public SingleEmbeddingNetwork create(
            MethodContext context, MethodSettings settings, DataType dataType) {
        if (!(settings instanceof ApnSettings s)) {
            throw new IllegalArgumentException(
                    "method apn cannot use settings " + settings + " of another method");
        }
        String architecture =
                id()
                        + " audio="
                        + context.audioDim()
                        + " video="
                        + context.videoDim()
                        + " text="
                        + context.textDim()
                        + " "
                        + s.asMap();
        return new SingleEmbeddingNetwork(
                ApnGraph.build(context, s, dataType), s.normInputs(), architecture);
    }

    /** e([video ‖ audio]) against the raw text embedding (SingleEmbeddingOnnxExporter). */
    @Override
    public Optional<MethodExporter> exporter() {
        return Optional.of(MethodExporters.singleEmbedding(id()));
    }
}
