package org.avca4j.spark;

import java.io.Serializable;

/**
 * Names of the input columns: the clip id (any type, read as a string) and the audio and visual
 * feature arrays (arrays of float or double).
 *
 * @param id the clip id column
 * @param audio the audio feature column ({@code audio_dim} numbers per row)
 * @param video the visual feature column ({@code video_dim} numbers per row)
 */
public record FeatureColumns(String id, String audio, String video) implements Serializable {

    /** {@code clip_id}, {@code audio}, {@code video}. */
    public static final FeatureColumns DEFAULT = new FeatureColumns("clip_id", "audio", "video");

    /**
     * @throws IllegalArgumentException if a name is null or empty, or two names are equal
     */
    public FeatureColumns {
        requireName(id, "id");
        requireName(audio, "audio");
        requireName(video, "video");
        if (id.equals(audio) || id.equals(video) || audio.equals(video)) {
            throw new IllegalArgumentException(
                    "feature columns must differ, got id '"
                            + id
                            + "', audio '"
                            + audio
                            + "', video '"
                            + video
                            + "'");
        }
    }

    private static void requireName(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("the " + what + " column name is null or empty");
        }
    }
}
