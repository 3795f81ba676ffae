package org.avca4j.trainer.method.fvaegan;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * On which split f-VAEGAN-D2's GAN epoch and classifier epochs are chosen
 * (docs/baselines.md#f-vaegan-d2).
 */
public enum EpochSelection {
    /**
     * The protocol-faithful default: stage 1 chooses the GAN epoch and both classifier epochs on
     * its validation split; stage 2 is trained to that GAN epoch and reported at those classifier
     * epochs. Nothing is chosen on the test set.
     */
    STAGE1_VALIDATION("stage1-validation"),
    /**
     * The reference's behaviour: stage 2 evaluates on the test set after every GAN epoch and keeps
     * the best test figures, both for the classifier epochs and for the GAN epoch.
     */
    TEST_SET_REFERENCE("test-set-reference");

    private final String id;

    EpochSelection(String id) {
        this.id = id;
    }

    /** The name in settings and reports. */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * Parses {@link #id()}.
     *
     * @throws IllegalArgumentException if the text names no rule
     */
    public static EpochSelection fromId(String id) {
        for (EpochSelection s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown epoch selection '"
                        + id
                        + "': expected stage1-validation or test-set-reference");
    }
}
