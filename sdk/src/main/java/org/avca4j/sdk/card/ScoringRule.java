package org.avca4j.sdk.card;

import java.util.List;
import java.util.Locale;

/**
 * How a model's outputs become a prediction: the card's {@code scoring_rule}
 * (docs/model-format.md). A card without the field means {@link #EMBEDDING_DISTANCE}.
 */
public enum ScoringRule {
    /**
     * One clip embedding against one embedding per class (θv or θa against θw), by Euclidean
     * distance; classes can be added at run time from their text embeddings. AVCA's rule.
     */
    EMBEDDING_DISTANCE,
    /**
     * A classifier with one output score per card class, in card order (f-VAEGAN-D2's softmax
     * classifier): the prediction is the highest score. The class set is fixed by the trained
     * weights, so no class can be added.
     */
    FIXED_CLASSES,
    /**
     * AVGZSLNet's rule: {@code ‖θa − θw‖ + ‖θv − θw‖}, the audio and the video distance added
     * ({@link org.avca4j.sdk.evaluation.ScoringKernel#sumOfDistances}).
     */
    SUM_OF_DISTANCES,
    /**
     * CJME's rule: {@code (1 − ω̄)·‖θa − θw‖ + ω̄·‖θv − θw‖} with the model's hard gate ω̄ ∈ {0, 1}
     * per clip (output {@code gate}), so each clip is scored by exactly one branch ({@link
     * org.avca4j.sdk.evaluation.ScoringKernel#gated}).
     */
    GATED;

    /** Whether the rule combines an audio and a video distance (θa and θv against θw). */
    public boolean combinesBranches() {
        return this == SUM_OF_DISTANCES || this == GATED;
    }

    /**
     * {@code embedding_distance}, {@code fixed_classes}, {@code sum_of_distances} or {@code gated}:
     * the card's value.
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@link #label()}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException if the name is neither
     */
    public static ScoringRule parse(String name) {
        return Names.parse(
                values(),
                name,
                r -> List.of(r.name()),
                "scoring rule",
                "embedding_distance, fixed_classes, sum_of_distances or gated");
    }
}
