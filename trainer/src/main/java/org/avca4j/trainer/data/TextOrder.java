package org.avca4j.trainer.data;

/** Which text embedding each class receives (spec §8). */
public enum TextOrder {
    /** Every class gets the embedding of its own name. The default. */
    OWN,
    /**
     * The reference implementation's order: class id c gets the c-th embedding in the order of the
     * sorted manual names, which for most classes is another class's vector. Reproduces the
     * published numbers like for like.
     */
    REFERENCE;

    /** Parses {@code own} or {@code reference}, ignoring case. */
    public static TextOrder parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
