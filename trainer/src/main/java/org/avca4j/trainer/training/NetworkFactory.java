package org.avca4j.trainer.training;

import org.avca4j.trainer.model.AdamSettings;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaNetwork;
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
     * The SameDiff network in single precision, with the reference's Adam constants (β 0.9/0.999, ε
     * 1e-8) and the given weight decay.
     */
    static NetworkFactory sameDiff() {
        return (config, seed, weightDecay) -> {
            AdamSettings reference = AdamSettings.reference();
            return SameDiffAvcaNetwork.builder()
                    .setConfig(config)
                    .optInitSeed(seed)
                    .optAdam(
                            new AdamSettings(
                                    reference.beta1(),
                                    reference.beta2(),
                                    reference.epsilon(),
                                    weightDecay))
                    .build();
        };
    }
}
