package org.avca4j.trainer.method;

import java.util.Objects;
import java.util.Optional;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.export.MethodExporter;
import org.avca4j.trainer.export.MethodExporters;
import org.avca4j.trainer.training.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What the single-embedding methods (DEVISE family, APN; docs/baselines.md) share: the comparison
 * methods' schedule ({@link BaselineRules#trainingConfig}), test β from both modes, a {@link
 * SingleEmbeddingNetwork} over the graph a subclass builds, named for its checkpoints by the
 * method, the input widths and the settings, and export by {@link
 * org.avca4j.trainer.export.SingleEmbeddingOnnxExporter}.
 *
 * @param <S> the method's settings
 */
public abstract class SingleEmbeddingMethod<S extends MethodSettings> implements GzslMethod {

    private final Class<S> settingsType;

    /**
     * @param settingsType the class of the method's settings
     */
    protected SingleEmbeddingMethod(Class<S> settingsType) {
        this.settingsType = Objects.requireNonNull(settingsType, "settingsType");
    }

    /** Batch 256, Adam at 1e-3 without weight decay, 50 epochs of 500 batches, plateau schedule. */
    @Override
    public final TrainingConfig.Builder trainingConfig(
            DatasetName dataset, FeatureSet features, TextOrder textOrder) {
        return BaselineRules.trainingConfig(textOrder);
    }

    @Override
    public final TestBetaRule testBetaRule(MethodSettings settings) {
        return TestBetaRule.BOTH;
    }

    /**
     * @throws IllegalArgumentException if the settings are not this method's
     */
    @Override
    public final SingleEmbeddingNetwork create(MethodContext context, MethodSettings settings) {
        return create(context, settings, DataType.FLOAT);
    }

    /**
     * A network of FLOAT or DOUBLE arrays (DOUBLE for gradient checks).
     *
     * @throws IllegalArgumentException if the settings are not this method's, or for another type
     */
    public final SingleEmbeddingNetwork create(
            MethodContext context, MethodSettings settings, DataType dataType) {
        if (!settingsType.isInstance(settings) || !accepts(settingsType.cast(settings))) {
            throw new IllegalArgumentException(
                    "method " + id() + " cannot use settings " + settings + " of another method");
        }
        S s = settingsType.cast(settings);
        return new SingleEmbeddingNetwork(
                graph(context, s, dataType), normInputs(s), architecture(context, s));
    }

    /** e([video ‖ audio]) against the raw text embedding (SingleEmbeddingOnnxExporter). */
    @Override
    public final Optional<MethodExporter> exporter() {
        return Optional.of(MethodExporters.singleEmbedding(id()));
    }

    /**
     * Whether settings of the method's type are this method's (true unless one settings type serves
     * several methods).
     */
    protected boolean accepts(S settings) {
        return true;
    }

    /**
     * The method's complete graph (loss and embedding) for a context.
     *
     * @throws IllegalArgumentException for a data type other than FLOAT or DOUBLE
     */
    protected abstract SingleEmbeddingGraph graph(
            MethodContext context, S settings, DataType dataType);

    /** Whether {@code x = [v ‖ a]} is L2-normalised before the graph. */
    protected abstract boolean normInputs(S settings);

    private String architecture(MethodContext c, S s) {
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
}
