package org.avca4j.trainer.method;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The loss of one training step before the update: its total and its named terms, in the order the
 * method defines them (for the metrics log and the report).
 *
 * @param total the loss that was differentiated
 * @param terms named terms; unmodifiable, iteration order as given
 */
public record LossTerms(double total, Map<String, Double> terms) {

    /**
     * @throws NullPointerException if {@code terms} or a key or value in it is null
     */
    public LossTerms {
        Objects.requireNonNull(terms, "terms");
        Map<String, Double> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : terms.entrySet()) {
            copy.put(
                    Objects.requireNonNull(e.getKey(), "term name"),
                    Objects.requireNonNull(e.getValue(), "term " + e.getKey()));
        }
        terms = Collections.unmodifiableMap(copy);
    }

    /** A total with no named terms. */
    public static LossTerms of(double total) {
        return new LossTerms(total, Map.of());
    }
}
