package org.avca4j.trainer.method.tcaf;

import java.util.Map;
import java.util.Optional;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.DataLayout;
import org.avca4j.trainer.export.MethodExporter;
import org.avca4j.trainer.export.MethodExporters;
import org.avca4j.trainer.method.BaselineRules;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.MethodNetwork;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.method.TestBetaRule;
import org.avca4j.trainer.model.AdamSettings;
import org.avca4j.trainer.training.PlateauConfig;
import org.avca4j.trainer.training.TrainingConfig;

/**
 * TCaF (SUCCESSORS-SPEC §1) behind the method abstraction: its published settings, its schedule
 * (batch 64, 300 batches per epoch, 50 epochs, Adam with weight decay 1e-5, the published learning
 * rate, the plateau schedule only where the published run steps it) and its network over feature
 * sequences ({@link TcafNetwork}, which needs the benchmark's sequences in its context).
 *
 * <p>Stage 2 trains as the settings' {@code stage2_length} says ({@link #stage2Epochs}): by default
 * the reference's rule, E*+1 epochs except that E* = 0 trains every epoch (quirk 6); the test opens
 * the epoch-E* checkpoint of stage 2 either way.
 */
public final class TcafMethod implements GzslMethod {

    /** Clips per batch of the published runs. */
    public static final int BATCH_SIZE = 64;

    /** Batches per epoch of the published runs. */
    public static final int BATCHES_PER_EPOCH = 300;

    /** L2 weight decay of the published runs. */
    public static final double WEIGHT_DECAY = 1e-5;

    /** A schedule that never lowers the learning rate (the runs without ReduceLROnPlateau). */
    static final PlateauConfig NO_PLATEAU =
            new PlateauConfig(0.1, Integer.MAX_VALUE, 1e-4, 0, 0, 1e-8);

    @Override
    public String id() {
        return TcafSettings.ID;
    }

    @Override
    public String displayName() {
        return "TCaF";
    }

    /**
     * @throws IllegalArgumentException if an override names no setting of TCaF or does not parse
     */
    @Override
    public TcafSettings settings(
            DatasetName dataset, FeatureSet features, Map<String, String> overrides) {
        return TcafSettings.published(dataset, features).with(overrides);
    }

    @Override
    public TrainingConfig.Builder trainingConfig(
            DatasetName dataset, FeatureSet features, TextOrder textOrder) {
        return TrainingConfig.builder()
                .setBatchSize(BATCH_SIZE)
                .optBatchesPerEpoch(BATCHES_PER_EPOCH)
                .optEpochs(50)
                .optWeightDecay(WEIGHT_DECAY)
                .optLearningRate(TcafSettings.publishedLearningRate(dataset, features))
                .optPlateau(
                        TcafSettings.publishedPlateau(dataset, features)
                                ? PlateauConfig.DEFAULT
                                : NO_PLATEAU)
                .optTextOrder(textOrder);
    }

    /** The BOTH β (the reference's (3β*+1e-10)/3 differs from it by 3.3e-11). */
    @Override
    public TestBetaRule testBetaRule(MethodSettings settings) {
        return TestBetaRule.BOTH;
    }

    /**
     * As the settings' {@code stage2_length} ({@link Stage2Length}): the reference's E*+1 epochs,
     * every epoch when E* = 0, by default; always E*+1 with {@code best_plus_one}.
     *
     * @throws IllegalArgumentException if the settings are not TCaF's, or {@code bestEpoch} is not
     *     in {@code [0, epochs)}
     */
    @Override
    public int stage2Epochs(MethodSettings settings, int bestEpoch, int epochs) {
        return BaselineRules.settingsOf(settings, TcafSettings.class, id())
                .stage2Length()
                .epochs(bestEpoch, epochs);
    }

    /**
     * @throws IllegalArgumentException if the settings are not TCaF's or the context carries no
     *     sequences
     */
    @Override
    public MethodNetwork create(MethodContext context, MethodSettings settings) {
        return create(
                context,
                settings,
                TrainingConfig.builder()
                        .setBatchSize(BATCH_SIZE)
                        .optWeightDecay(WEIGHT_DECAY)
                        .build());
    }

    /**
     * @throws IllegalArgumentException as {@link #create(MethodContext, MethodSettings)}
     */
    @Override
    public MethodNetwork create(
            MethodContext context, MethodSettings settings, TrainingConfig training) {
        TcafSettings s = BaselineRules.settingsOf(settings, TcafSettings.class, id());
        AdamSettings reference = AdamSettings.reference();
        return new TcafNetwork(
                context,
                s,
                new AdamSettings(
                        reference.beta1(),
                        reference.beta2(),
                        reference.epsilon(),
                        training.weightDecay()));
    }

    /** True: TCaF attends over feature sequences. */
    @Override
    public boolean takesSequences() {
        return true;
    }

    /** TCaF's layout: per-class {@code .pkl} files of feature sequences (SUCCESSORS-SPEC §1.1). */
    @Override
    public DataLayout dataLayout() {
        return DataLayout.TCAF;
    }

    /** The sequence model of docs/model-format.md ({@link MethodExporters#tcaf}). */
    @Override
    public Optional<MethodExporter> exporter() {
        return Optional.of(MethodExporters.tcaf());
    }
}
