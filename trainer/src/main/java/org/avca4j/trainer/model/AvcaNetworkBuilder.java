package org.avca4j.trainer.model;

import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The settings every {@link AvcaNetwork} implementation is built from (architecture, initialisation
 * seed, Adam's constants, precision), shared by the builders of {@link SameDiffAvcaNetwork} and
 * {@link FusedAvcaNetwork} so that both check and default them in the same way.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
public abstract class AvcaNetworkBuilder<B extends AvcaNetworkBuilder<B>> {
    AvcaConfig config;
    long initSeed = 42;
    AdamSettings adam = AdamSettings.reference();
    DataType dataType = DataType.FLOAT;

    AvcaNetworkBuilder() {}

    /** This builder, as its concrete type. */
    abstract B self();

    /** The architecture (required). */
    public B setConfig(AvcaConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        return self();
    }

    /** Seed of the parameter initialisation and of {@code pos} (default 42, as the reference). */
    public B optInitSeed(long seed) {
        this.initSeed = seed;
        return self();
    }

    /** Adam's constants (default {@link AdamSettings#reference()}). */
    public B optAdam(AdamSettings settings) {
        this.adam = Objects.requireNonNull(settings, "settings");
        return self();
    }

    /**
     * FLOAT (default) or DOUBLE (for gradient checks).
     *
     * @throws IllegalArgumentException for any other type
     */
    public B optDataType(DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("data type must be FLOAT or DOUBLE, got " + type);
        }
        this.dataType = type;
        return self();
    }

    /**
     * Checks the required settings.
     *
     * @param network the network's class name, for the message
     * @throws IllegalStateException if no config was set
     */
    void checkRequired(String network) {
        if (config == null) {
            throw new IllegalStateException(network + ".Builder: setConfig is required");
        }
    }
}
