package org.avca4j.trainer.training;

import org.avca4j.trainer.model.AdamSettings;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaNetwork;
import org.avca4j.trainer.model.FusedAvcaNetwork;
import org.avca4j.trainer.model.SameDiffAvcaNetwork;

/**
 * Creates freshly initialised networks. The trainer calls it once per stage and once for the test,
 * so that each stage starts from the same initial weights.
 */
@FunctionalInterface
public interface NetworkFactory {

    /**
     * A new network with initial weights drawn from {@code seed}.
     *
     * @param config the architecture
     * @param seed the run's seed ({@link TrainingConfig#seed()})
     * @param weightDecay the L2 weight decay its optimiser adds to the gradient ({@link
     *     TrainingConfig#weightDecay()})
     * @throws IllegalArgumentException if the network cannot be built for that configuration
     */
    AvcaNetwork create(AvcaConfig config, long seed, double weightDecay);

    /**
     * The default: {@link #fast()}.
     *
     * @return the factory the trainer, the command line and AVCA's method use unless told otherwise
     */
    static NetworkFactory defaults() {
        return fast();
    }

    /**
     * The hand-differentiated network ({@link FusedAvcaNetwork}) in single precision, with the
     * reference's Adam constants (β 0.9/0.999, ε 1e-8) and the given weight decay: the same model,
     * initial weights, steps and checkpoints as {@link #standard()}, several times faster.
     */
    static NetworkFactory fast() {
        return (config, seed, weightDecay) ->
                FusedAvcaNetwork.builder()
                        .setConfig(config)
                        .optInitSeed(seed)
                        .optAdam(adam(weightDecay))
                        .build();
    }

    /**
     * The SameDiff network ({@link SameDiffAvcaNetwork}, gradients derived by SameDiff) in single
     * precision, with the reference's Adam constants and the given weight decay.
     */
    static NetworkFactory standard() {
        return (config, seed, weightDecay) ->
                SameDiffAvcaNetwork.builder()
                        .setConfig(config)
                        .optInitSeed(seed)
                        .optAdam(adam(weightDecay))
                        .build();
    }

    /** The reference's Adam constants with the given L2 weight decay. */
    private static AdamSettings adam(double weightDecay) {
        AdamSettings reference = AdamSettings.reference();
        return new AdamSettings(
                reference.beta1(), reference.beta2(), reference.epsilon(), weightDecay);
    }
}
