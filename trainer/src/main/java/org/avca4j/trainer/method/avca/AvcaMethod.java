package org.avca4j.trainer.method.avca;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.export.MethodExporter;
import org.avca4j.trainer.export.MethodExporters;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.MethodNetwork;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.method.SettingValues;
import org.avca4j.trainer.method.TestBetaRule;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaNetwork;
import org.avca4j.trainer.training.NetworkFactory;
import org.avca4j.trainer.training.Preset;
import org.avca4j.trainer.training.Presets;
import org.avca4j.trainer.training.TrainingConfig;

/**
 * AVCA (docs/method.md) as a {@link GzslMethod}: the published presets of {@link Presets}, its
 * networks from a {@link NetworkFactory} (the fast network by default), and the test at the β of
 * the clip-vs-class ("both") search.
 */
public final class AvcaMethod implements GzslMethod {

    /** The method's id. */
    public static final String ID = "avca";

    static final String R_ENC = "r_enc";
    static final String R_PROJ = "r_proj";
    static final String R_DEC = "r_dec";
    static final String MOMENTUM = "momentum";
    static final String TEXT_DIM = "text_dim";
    static final String ENCODER_HIDDEN = "encoder_hidden";
    static final String PROJ_HIDDEN = "proj_hidden";
    static final String OUT_DIM = "out_dim";
    static final String HEADS = "heads";
    static final String HEAD_DIM = "head_dim";
    static final String MLP_DIM = "mlp_dim";

    private final NetworkFactory networkFactory;

    /** AVCA with the default, fused network ({@link NetworkFactory#defaults()}). */
    public AvcaMethod() {
        this(NetworkFactory.defaults());
    }

    /** AVCA with networks of the given factory, e.g. another {@link AvcaNetwork} implementation. */
    public AvcaMethod(NetworkFactory networkFactory) {
        this.networkFactory = Objects.requireNonNull(networkFactory, "networkFactory");
    }

    /** The factory of this method's networks. */
    public NetworkFactory networkFactory() {
        return networkFactory;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "AVCA";
    }

    /**
     * The preset's dropouts and momentum with the published architecture; every value of {@link
     * AvcaSettings#asMap()} can be overridden by its name.
     *
     * @throws IllegalArgumentException if an override names no setting or does not parse, or the
     *     result is no valid architecture
     */
    @Override
    public AvcaSettings settings(
            DatasetName dataset, FeatureSet features, Map<String, String> overrides) {
        Preset preset = Presets.of(dataset, features);
        SettingValues s =
                SettingValues.of(ID, AvcaSettings.of(preset.avcaConfig(1, 1)).asMap(), overrides);
        return new AvcaSettings(
                s.integer(TEXT_DIM),
                s.integer(ENCODER_HIDDEN),
                s.integer(PROJ_HIDDEN),
                s.integer(OUT_DIM),
                s.integer(HEADS),
                s.integer(HEAD_DIM),
                s.integer(MLP_DIM),
                s.number(R_ENC),
                s.number(R_PROJ),
                s.number(R_DEC),
                s.number(MOMENTUM));
    }

    @Override
    public TrainingConfig.Builder trainingConfig(
            DatasetName dataset, FeatureSet features, TextOrder textOrder) {
        return Presets.of(dataset, features).trainingConfig(textOrder);
    }

    @Override
    public TestBetaRule testBetaRule(MethodSettings settings) {
        return TestBetaRule.BOTH;
    }

    /**
     * A network with the default weight decay of {@link TrainingConfig}.
     *
     * @throws IllegalArgumentException as {@link #create(MethodContext, MethodSettings,
     *     TrainingConfig)}
     */
    @Override
    public MethodNetwork create(MethodContext context, MethodSettings settings) {
        return create(context, settings, TrainingConfig.DEFAULT_WEIGHT_DECAY);
    }

    /**
     * A network with the run's weight decay ({@link TrainingConfig#weightDecay()}).
     *
     * @throws IllegalArgumentException if the settings are not {@link AvcaSettings}, their text
     *     width is not the context's, or the factory cannot build the network
     */
    @Override
    public MethodNetwork create(
            MethodContext context, MethodSettings settings, TrainingConfig training) {
        return create(context, settings, training.weightDecay());
    }

    private MethodNetwork create(MethodContext context, MethodSettings settings, double decay) {
        if (!(settings instanceof AvcaSettings s)) {
            throw new IllegalArgumentException(
                    "AVCA needs AvcaSettings, got "
                            + (settings == null ? "null" : settings.getClass().getSimpleName()));
        }
        if (s.textDim() != context.textDim()) {
            throw new IllegalArgumentException(
                    "the text embeddings have width "
                            + context.textDim()
                            + " but the AVCA settings have text_dim "
                            + s.textDim());
        }
        AvcaConfig config = s.config(context.audioDim(), context.videoDim());
        return new AvcaMethodNetwork(open(config, context.seed(), decay));
    }

    /**
     * A network of the factory for an architecture, checked to be that architecture.
     *
     * @throws IllegalStateException if the factory built another architecture
     */
    public AvcaNetwork open(AvcaConfig config, long seed, double weightDecay) {
        AvcaNetwork network = networkFactory.create(config, seed, weightDecay);
        if (!config.equals(network.config())) {
            network.close();
            throw new IllegalStateException(
                    "the network factory built a network of "
                            + network.config()
                            + ", asked for "
                            + config);
        }
        return network;
    }

    /** θa, θv and θw of AvcaOnnxExporter. */
    @Override
    public Optional<MethodExporter> exporter() {
        return Optional.of(MethodExporters.avca());
    }
}
