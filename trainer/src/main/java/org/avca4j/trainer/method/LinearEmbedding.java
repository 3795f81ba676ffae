package org.avca4j.trainer.method;

import java.util.Objects;

/**
 * The inference path of a single-embedding method as the exporter needs it: {@code e(x) = x·W} with
 * {@code x = [v ‖ a]}, optionally L2-normalised first ({@link ClipInputs}); classes are scored by
 * the Euclidean distance of e to their raw text embeddings.
 *
 * @param audioDim width of an audio feature
 * @param videoDim width of a video feature
 * @param textDim width of a class embedding and of e
 * @param normInputs whether x is L2-normalised
 * @param weight W, row-major {@code [videoDim + audioDim, textDim]} (a copy)
 */
public record LinearEmbedding(
        int audioDim, int videoDim, int textDim, boolean normInputs, float[] weight) {

    /**
     * @throws IllegalArgumentException if the weight does not hold {@code
     *     (videoDim+audioDim)·textDim} values
     */
    public LinearEmbedding {
        Objects.requireNonNull(weight, "weight");
        if (weight.length != (long) (audioDim + videoDim) * textDim) {
            throw new IllegalArgumentException(
                    "W has "
                            + weight.length
                            + " values, expected ("
                            + videoDim
                            + "+"
                            + audioDim
                            + ")×"
                            + textDim);
        }
        weight = weight.clone();
    }

    /** The width of x. */
    public int inputDim() {
        return audioDim + videoDim;
    }
}
