package org.avca4j.trainer.method.fvaegan;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which batches of a GAN epoch are trained (docs/baselines.md#f-vaegan-d2). The reference's loop
 * leaves the epoch with a {@code break} inside the generator's {@code if}, so each epoch is one
 * critic step and one generator/encoder step on its first batch.
 */
public enum GanSchedule {
    /** As published: one critic step and one generator/encoder step per epoch. The default. */
    REFERENCE_BREAK("reference-break"),
    /**
     * The fix: every batch of the epoch gets a critic step, and every {@code critic_iter}-th batch
     * (0, 5, 10, …) also a generator/encoder step.
     */
    ALL_BATCHES("all-batches");

    private final String id;

    GanSchedule(String id) {
        this.id = id;
    }

    /** The name in settings and reports. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The batches trained per epoch when the sampler sizes an epoch at {@code batchesPerEpoch}. */
    int batches(int batchesPerEpoch) {
        return this == REFERENCE_BREAK ? 1 : batchesPerEpoch;
    }

    /**
     * Parses {@link #id()}.
     *
     * @throws IllegalArgumentException if the text names no schedule
     */
    public static GanSchedule fromId(String id) {
        for (GanSchedule s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown GAN schedule '" + id + "': expected reference-break or all-batches");
    }
}
