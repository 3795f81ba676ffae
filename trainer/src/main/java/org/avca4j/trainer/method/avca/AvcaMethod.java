package org.avca4j.trainer.method.avca;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.Benchmark;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    /** The text width of the published runs (word2vec), the preset's {@code text_dim}. */
    static final int PUBLISHED_TEXT_DIM = 300;

    private static final Logger LOG = LoggerFactory.getLogger(AvcaMethod.class);

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
     * AvcaSettings#asMap()} can be overridden by its name. Unless {@code head_dim} is overridden it
     * is {@code text_dim / heads} (the attention space is the text space, AVCA-SPEC §3: 300 = 3 ×
     * 100 as published).
     *
     * @throws IllegalArgumentException if an override names no setting or does not parse, {@code
     *     text_dim} is not a multiple of {@code heads}, or the result is no valid architecture
     */
    @Override
    public AvcaSettings settings(
            DatasetName dataset, FeatureSet features, Map<String, String> overrides) {
        return settings(dataset, features, overrides, 0);
    }

    /**
     * The settings of {@link #settings(DatasetName, FeatureSet, Map)} for a benchmark: {@code
     * text_dim} is the width of its text embeddings and, unless overridden, {@code head_dim} that
     * width over {@code heads} — on ClipClap's 1536-wide text ([CLIP 512 ‖ CLAP 1024]) 1536 and 512
     * for the published 3 heads, where the preset has 300 and 100. The feature widths always come
     * from the benchmark ({@link AvcaSettings#config}).
     *
     * @throws IllegalArgumentException as {@link #settings(DatasetName, FeatureSet, Map)}; if
     *     {@code text_dim} is overridden with another width than the benchmark's, or {@code
     *     head_dim} is overridden and {@code heads · head_dim} is not the benchmark's text width
     *     (the message gives expected and found)
     */
    @Override
    public AvcaSettings settings(Benchmark benchmark, Map<String, String> overrides) {
        AvcaSettings s =
                settings(
                        benchmark.dataset(),
                        benchmark.featureSet(),
                        overrides,
                        benchmark.textDim());
        if (s.textDim() != PUBLISHED_TEXT_DIM) {
            LOG.info(
                    "AVCA on {} {}: text_dim {} and head_dim {} ({} heads) from the benchmark's"
                            + " text embeddings (published: text_dim {}, 3 heads of {})",
                    benchmark.dataset(),
                    benchmark.featureSet(),
                    s.textDim(),
                    s.headDim(),
                    s.heads(),
                    PUBLISHED_TEXT_DIM,
                    PUBLISHED_TEXT_DIM / 3);
        }
        return s;
    }

    /** {@code dataTextDim}: the benchmark's text width, or 0 for the preset's. */
    private AvcaSettings settings(
            DatasetName dataset,
            FeatureSet features,
            Map<String, String> overrides,
            int dataTextDim) {
        Preset preset = Presets.of(dataset, features);
        SettingValues s =
                SettingValues.of(ID, AvcaSettings.of(preset.avcaConfig(1, 1)).asMap(), overrides);
        int textDim = s.integer(TEXT_DIM);
        if (dataTextDim > 0) {
            if (overrides.containsKey(TEXT_DIM) && textDim != dataTextDim) {
                throw new IllegalArgumentException(
                        "method avca: setting 'text_dim' contradicts the data: the text embeddings of "
                                + dataset
                                + " "
                                + features
                                + " are "
                                + dataTextDim
                                + " wide, expected text_dim "
                                + dataTextDim
                                + ", found "
                                + textDim
                                + " (without the override AVCA takes the data's width)");
            }
            textDim = dataTextDim;
        }
        int heads = s.integer(HEADS);
        int headDim;
        if (overrides.containsKey(HEAD_DIM)) {
            headDim = s.integer(HEAD_DIM);
            if ((long) heads * headDim != textDim) {
                throw new IllegalArgumentException(
                        "method avca: heads · head_dim must equal text_dim (the attention space is"
                                + " the text space): expected "
                                + textDim
                                + ", found "
                                + heads
                                + " · "
                                + headDim
                                + " = "
                                + (long) heads * headDim);
            }
        } else {
            headDim = AvcaSettings.headDim(textDim, heads);
        }
        return new AvcaSettings(
                textDim,
                s.integer(ENCODER_HIDDEN),
                s.integer(PROJ_HIDDEN),
                s.integer(OUT_DIM),
                heads,
                headDim,
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
