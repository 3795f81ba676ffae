package org.avca4j.sdk.evaluation;

import java.util.Locale;

/**
 * How a model's distance of a clip to a class is formed from its outputs (docs/model-format.md),
 * named by the model card's {@code scoring_rule}. The trainer's evaluation and the SDK's classifier
 * combine the per-branch distances of {@link ScoringKernel} with these same methods.
 */
public enum ScoringRule {
    /**
     * One clip embedding against θw: AVCA and the single-embedding methods. A card without {@code
     * scoring_rule} means this.
     */
    SINGLE("single"),
    /** {@code ‖θa − θw‖ + ‖θv − θw‖}: AVGZSLNet. */
    SUM_OF_DISTANCES("sum_of_distances"),
    /**
     * {@code (1 − ω̄)·‖θa − θw‖ + ω̄·‖θv − θw‖} with the model's hard gate ω̄ ∈ {0, 1} per clip
     * (output {@code gate}): CJME. Each clip is scored by exactly one branch.
     */
    GATED("gated");

    private final String cardName;

    ScoringRule(String cardName) {
        this.cardName = cardName;
    }

    /** The name in the model card. */
    public String cardName() {
        return cardName;
    }

    /**
     * The rule a card names.
     *
     * @throws IllegalArgumentException if no rule has that name; the message lists the names
     */
    public static ScoringRule fromCardName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (ScoringRule r : values()) {
            if (r.cardName.equals(n)) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                "unknown scoring_rule '" + name + "': expected single, sum_of_distances or gated");
    }

    /** The sum of an audio and a video distance, in float. */
    public static float sum(float audioDistance, float videoDistance) {
        return audioDistance + videoDistance;
    }

    /**
     * The gated choice: the video distance when the hard gate is 1 (ω ≥ 0.5), else the audio
     * distance. For finite distances this is {@code (1−ω̄)·d_a + ω̄·d_v} exactly.
     */
    public static float gated(float audioDistance, float videoDistance, float gate) {
        return gate >= 0.5f ? videoDistance : audioDistance;
    }
}
