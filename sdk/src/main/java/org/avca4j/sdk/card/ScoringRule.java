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
    FIXED_CLASSES;

    /** {@code embedding_distance} or {@code fixed_classes}: the card's value. */
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
                "embedding_distance or fixed_classes");
    }
}
