package org.avca4j.trainer.training;

import java.util.Objects;

/**
 * The learning-rate schedule of the protocol (docs/method.md#training): PyTorch's {@code
 * ReduceLROnPlateau(mode='max', threshold_mode='rel')}, stepped once per epoch with the validation
 * HM. Same arithmetic as PyTorch (double precision), so the same metrics give the same learning
 * rates.
 *
 * <p>Not thread-safe. Its {@link State} is part of every checkpoint.
 */
public final class ReduceLrOnPlateau {

    /**
     * What a checkpoint keeps of the schedule.
     *
     * @param learningRate the learning rate for the next epoch
     * @param best the best metric so far; {@code null} before the first step (PyTorch's −inf)
     * @param badEpochs epochs since the last improvement (PyTorch's {@code num_bad_epochs})
     * @param cooldownCounter epochs of cooldown left
     */
    public record State(double learningRate, Double best, int badEpochs, int cooldownCounter) {

        /**
         * @throws IllegalArgumentException if the learning rate is not positive and finite or a
         *     counter is negative
         */
        public State {
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException(
                        "scheduler learningRate must be positive and finite, got " + learningRate);
            }
            if (badEpochs < 0 || cooldownCounter < 0) {
                throw new IllegalArgumentException(
                        "scheduler counters must be >= 0, got badEpochs="
                                + badEpochs
                                + ", cooldownCounter="
                                + cooldownCounter);
            }
        }
    }

    private final PlateauConfig config;
    private double learningRate;
    private double best = Double.NEGATIVE_INFINITY;
    private int badEpochs;
    private int cooldownCounter;

    /**
     * A fresh schedule.
     *
     * @throws IllegalArgumentException if the initial learning rate is not positive and finite
     */
    public ReduceLrOnPlateau(PlateauConfig config, double initialLearningRate) {
        this(config, new State(initialLearningRate, null, 0, 0));
    }

    private ReduceLrOnPlateau(PlateauConfig config, State state) {
        this.config = Objects.requireNonNull(config, "config");
        this.learningRate = state.learningRate();
        this.best = state.best() == null ? Double.NEGATIVE_INFINITY : state.best();
        this.badEpochs = state.badEpochs();
        this.cooldownCounter = state.cooldownCounter();
    }

    /** A schedule continuing from a checkpointed state. */
    public static ReduceLrOnPlateau restore(PlateauConfig config, State state) {
        return new ReduceLrOnPlateau(config, Objects.requireNonNull(state, "state"));
    }

    /** The learning rate for the next epoch. */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Records one epoch's metric and returns the learning rate for the next epoch.
     *
     * <p>A NaN metric never improves, as in PyTorch.
     */
    public double step(double metric) {
        if (metric > best * (1 + config.threshold())) {
            best = metric;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            badEpochs = 0;
        }
        if (badEpochs > config.patience()) {
            double reduced = Math.max(learningRate * config.factor(), config.minLr());
            if (learningRate - reduced > config.eps()) {
                learningRate = reduced;
            }
            cooldownCounter = config.cooldown();
            badEpochs = 0;
        }
        return learningRate;
    }

    /** A snapshot for a checkpoint. */
    public State state() {
        return new State(
                learningRate,
                best == Double.NEGATIVE_INFINITY ? null : best,
                badEpochs,
                cooldownCounter);
    }
}
