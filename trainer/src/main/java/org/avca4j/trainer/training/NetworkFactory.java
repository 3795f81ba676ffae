package org.avca4j.trainer.training;

import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaNetwork;

/**
 * Creates freshly initialised networks. The trainer calls it once per stage and once for the test,
 * so that each stage starts from the same initial weights.
 */
@FunctionalInterface
public interface NetworkFactory {

    /**
     * A new network with initial weights drawn from {@code seed}.
     *
     * @param config      the architecture
     * @param seed        the run's seed ({@link TrainingConfig#seed()})
     * @param weightDecay the L2 weight decay its optimiser adds to the gradient ({@link TrainingConfig#weightDecay()})
     * @throws IllegalArgumentException if the network cannot be built for that configuration
     */
    AvcaNetwork create(AvcaConfig config, long seed, double weightDecay);
}
