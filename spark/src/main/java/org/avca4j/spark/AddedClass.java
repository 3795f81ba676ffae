package org.avca4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A class added to the model's vocabulary by name and text embedding (it counts as unseen). The SDK
 * checks the embedding's width against the model card when the classifier is opened.
 *
 * @param name the class name, not in the model card
 * @param embedding {@code text_dim} floats (copied)
 */
public record AddedClass(String name, float[] embedding) implements Serializable {

    /**
     * @throws IllegalArgumentException if the name is null or empty or the embedding is null
     */
    public AddedClass {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("added class name is null or empty");
        }
        if (embedding == null) {
            throw new IllegalArgumentException("added class '" + name + "': embedding is null");
        }
        embedding = embedding.clone();
    }

    /** A copy of the embedding. Never throws. */
    @Override
    public float[] embedding() {
        return embedding.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddedClass a
                && name.equals(a.name)
                && Arrays.equals(embedding, a.embedding);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(embedding));
    }

    @Override
    public String toString() {
        return "AddedClass[" + name + ", " + embedding.length + " floats]";
    }
}
