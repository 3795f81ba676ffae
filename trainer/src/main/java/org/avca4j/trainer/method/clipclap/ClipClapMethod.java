package org.avca4j.trainer.method.clipclap;

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
import org.avca4j.trainer.training.PlateauConfig;
import org.avca4j.trainer.training.TrainingConfig;

/** ClipClap-GZSL as its reference runs it (SUCCESSORS-SPEC §2). */
public final class ClipClapMethod implements GzslMethod {

    /** The method's id. */
    public static final String ID = "clipclap";

    /** Batch size of the published runs. */
    public static final int BATCH_SIZE = 64;

    /** Batches per epoch of the published runs. */
    public static final int BATCHES_PER_EPOCH = 300;

    /** Adam's weight decay (added to the gradient). */
    public static final double WEIGHT_DECAY = 1e-5;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "ClipClap-GZSL";
    }

    /**
     * ClipClap's layout: per-class {@code .pkl} files of CLIP/CLAP vectors and the two text files
     * (SUCCESSORS-SPEC §2.1).
     */
    @Override
    public DataLayout dataLayout() {
        return DataLayout.CLIPCLAP;
    }

    /**
     * The published settings, the same on every dataset.
     *
     * @throws IllegalArgumentException if an override is unknown or does not parse
     */
    @Override
    public ClipClapSettings settings(
            DatasetName dataset, FeatureSet features, Map<String, String> overrides) {
        return ClipClapSettings.published().with(overrides);
    }

    /**
     * Batch 64, 300 batches per epoch, Adam with weight decay 1e-5, the plateau schedule on the
     * validation HM; UCF 20 epochs at lr 7e-5, ActivityNet and VGGSound 15 epochs at 1e-4.
     */
    @Override
    public TrainingConfig.Builder trainingConfig(
            DatasetName dataset, FeatureSet features, TextOrder textOrder) {
        boolean ucf = dataset == DatasetName.UCF;
        return TrainingConfig.builder()
                .setBatchSize(BATCH_SIZE)
                .optBatchesPerEpoch(BATCHES_PER_EPOCH)
                .optEpochs(ucf ? 20 : 15)
                .optLearningRate(ucf ? 7e-5 : 1e-4)
                .optWeightDecay(WEIGHT_DECAY)
                .optPlateau(PlateauConfig.DEFAULT)
                .optTextOrder(textOrder);
    }

    /** The β of the one (both-modalities) search. */
    @Override
    public TestBetaRule testBetaRule(MethodSettings settings) {
        return TestBetaRule.BOTH;
    }

    /** {@code linspace(0, 5, 76)} ({@link ClipClapBetaGrid}). */
    @Override
    public double[] betaGrid(MethodSettings settings) {
        return ClipClapBetaGrid.values();
    }

    /**
     * As the settings' {@code stage2_length}: E*+1 by default (ClipClap's code), or TCaF's rule.
     *
     * @throws IllegalArgumentException if the settings are not ClipClap's, or {@code bestEpoch} is
     *     not in {@code [0, epochs)}
     */
    @Override
    public int stage2Epochs(MethodSettings settings, int bestEpoch, int epochs) {
        return BaselineRules.settingsOf(settings, ClipClapSettings.class, ID)
                .stage2Length()
                .epochs(bestEpoch, epochs);
    }

    /** {@link ClipClapOnnxExporter}: AVCA's signature, scored by Euclidean distance. */
    @Override
    public Optional<MethodExporter> exporter() {
        return Optional.of(MethodExporters.clipClap());
    }

    /**
     * A network whose Adam adds the run's weight decay.
     *
     * @throws IllegalArgumentException if the settings are not ClipClap's
     */
    @Override
    public MethodNetwork create(
            MethodContext context, MethodSettings settings, TrainingConfig training) {
        return ClipClapNetwork.create(
                context,
                BaselineRules.settingsOf(settings, ClipClapSettings.class, ID),
                training.weightDecay(),
                org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    /**
     * @throws IllegalArgumentException if the settings are not ClipClap's
     */
    @Override
    public MethodNetwork create(MethodContext context, MethodSettings settings) {
        return ClipClapNetwork.create(
                context, BaselineRules.settingsOf(settings, ClipClapSettings.class, ID));
    }
}
