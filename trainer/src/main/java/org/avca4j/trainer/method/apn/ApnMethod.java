package org.avca4j.trainer.method.apn;

import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.SingleEmbeddingGraph;
import org.avca4j.trainer.method.SingleEmbeddingMethod;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * APN (docs/baselines.md#apn), registered as "apn" in {@link org.avca4j.trainer.method.Methods}.
 */
public final class ApnMethod extends SingleEmbeddingMethod<ApnSettings> {

    /** APN, whose settings are {@link ApnSettings}. */
    public ApnMethod() {
        super(ApnSettings.class);
    }

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

    @Override
    protected SingleEmbeddingGraph graph(
            MethodContext context, ApnSettings settings, DataType dataType) {
        return ApnGraph.build(context, settings, dataType);
    }

    @Override
    protected boolean normInputs(ApnSettings settings) {
        return settings.normInputs();
    }
}
