package org.avca4j.trainer.training;

import java.util.Objects;
import org.avca4j.sdk.card.TextOrder;

/**
 * The optimisation settings of one run (docs/method.md#training, docs/method.md#hyper-parameters).
 * Built with {@link #builder()}; the batch size is required, everything else defaults to the
 * published runs. {@link Presets} fills in the batch size of each published run.
 *
 * @param learningRate Adam's initial learning rate (1e-3)
 * @param epochs epochs per stage (50)
 * @param batchesPerEpoch batches drawn per epoch (500)
 * @param batchSize clips per batch (256, or 64 for VGGSound main)
 * @param seed seeds the initial weights, the sampler and every step's dropout (42)
 * @param weightDecay L2 weight decay added to the gradient (1e-5)
 * @param plateau the learning-rate schedule
 * @param textOrder the text order the benchmark must have been read with
 *     (docs/protocol.md#text-order)
 * @param bestEpochRule how stage 1 chooses its best epoch (docs/protocol.md#best-epoch); null (a
 *     file written before the rule was recorded) reads as {@link BestEpochRule#REFERENCE}
 */
public record TrainingConfig(
        double learningRate,
        int epochs,
        int batchesPerEpoch,
        int batchSize,
        long seed,
        double weightDecay,
        PlateauConfig plateau,
        TextOrder textOrder,
        BestEpochRule bestEpochRule) {

    /** The L2 weight decay of the published AVCA runs. */
    public static final double DEFAULT_WEIGHT_DECAY = 1e-5;

    /**
     * @throws IllegalArgumentException if a value is out of range (the message names the field)
     * @throws NullPointerException if plateau or textOrder is null
     */
    public TrainingConfig {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(
                    "learningRate must be positive and finite, got " + learningRate);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchesPerEpoch < 1) {
            throw new IllegalArgumentException(
                    "batchesPerEpoch must be >= 1, got " + batchesPerEpoch);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException(
                    "weightDecay must be finite and >= 0, got " + weightDecay);
        }
        Objects.requireNonNull(plateau, "plateau");
        Objects.requireNonNull(textOrder, "textOrder");
        if (bestEpochRule == null) {
            bestEpochRule = BestEpochRule.REFERENCE;
        }
    }

    /**
     * A configuration with the reference's best-epoch rule.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public TrainingConfig(
            double learningRate,
            int epochs,
            int batchesPerEpoch,
            int batchSize,
            long seed,
            double weightDecay,
            PlateauConfig plateau,
            TextOrder textOrder) {
        this(
                learningRate,
                epochs,
                batchesPerEpoch,
                batchSize,
                seed,
                weightDecay,
                plateau,
                textOrder,
                BestEpochRule.REFERENCE);
    }

    /** A builder with the published defaults; the batch size must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to override some of them. */
    public Builder toBuilder() {
        return new Builder()
                .setBatchSize(batchSize)
                .optLearningRate(learningRate)
                .optEpochs(epochs)
                .optBatchesPerEpoch(batchesPerEpoch)
                .optSeed(seed)
                .optWeightDecay(weightDecay)
                .optPlateau(plateau)
                .optTextOrder(textOrder)
                .optBestEpochRule(bestEpochRule);
    }

    /** Builds a {@link TrainingConfig}. */
    public static final class Builder {
        private double learningRate = 1e-3;
        private int epochs = 50;
        private int batchesPerEpoch = 500;
        private Integer batchSize;
        private long seed = 42;
        private double weightDecay = DEFAULT_WEIGHT_DECAY;
        private PlateauConfig plateau = PlateauConfig.DEFAULT;
        private TextOrder textOrder = TextOrder.OWN;
        private BestEpochRule bestEpochRule = BestEpochRule.REFERENCE;

        private Builder() {}

        /** Clips per batch (required). */
        public Builder setBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Initial learning rate (default 1e-3). */
        public Builder optLearningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Epochs per stage (default 50). */
        public Builder optEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Batches per epoch (default 500). */
        public Builder optBatchesPerEpoch(int batchesPerEpoch) {
            this.batchesPerEpoch = batchesPerEpoch;
            return this;
        }

        /** Seed of weights, sampler and dropout (default 42). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** L2 weight decay (default 1e-5). */
        public Builder optWeightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** Learning-rate schedule (default {@link PlateauConfig#DEFAULT}). */
        public Builder optPlateau(PlateauConfig plateau) {
            this.plateau = plateau;
            return this;
        }

        /** Text order of the benchmark (default {@link TextOrder#OWN}). */
        public Builder optTextOrder(TextOrder textOrder) {
            this.textOrder = textOrder;
            return this;
        }

        /** How stage 1 chooses its best epoch (default {@link BestEpochRule#REFERENCE}). */
        public Builder optBestEpochRule(BestEpochRule bestEpochRule) {
            this.bestEpochRule = Objects.requireNonNull(bestEpochRule, "bestEpochRule");
            return this;
        }

        /**
         * @throws IllegalStateException if the batch size was not set
         * @throws IllegalArgumentException if a value is out of range
         */
        public TrainingConfig build() {
            if (batchSize == null) {
                throw new IllegalStateException("batchSize is required: call setBatchSize");
            }
            return new TrainingConfig(
                    learningRate,
                    epochs,
                    batchesPerEpoch,
                    batchSize,
                    seed,
                    weightDecay,
                    plateau,
                    textOrder,
                    bestEpochRule);
        }
    }
}
