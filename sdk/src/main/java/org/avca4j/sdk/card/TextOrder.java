package org.avca4j.sdk.card;

import java.util.List;
import java.util.Locale;

/**
 * Which text embedding each class received in training. The printed form is {@link #label()}
 * ({@code own}, {@code reference}): the card's {@code text_order}, the command line's {@code
 * --text-order} and the reports' value.
 */
public enum TextOrder {
    /** Every class gets the embedding of its own name. The default. */
    OWN,
    /**
     * The reference implementation's order: class id c gets the c-th embedding in the order of the
     * sorted manual names, which for most classes is another class's vector. Reproduces the
     * published numbers like for like.
     */
    REFERENCE;

    /** {@code own} or {@code reference}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code own} or {@code reference}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException if the name is neither
     */
    public static TextOrder parse(String name) {
        return Names.parse(
                values(), name, t -> List.of(t.name()), "text order", "own or reference");
    }
}
