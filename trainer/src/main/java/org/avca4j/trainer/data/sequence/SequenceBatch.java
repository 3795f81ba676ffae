package org.avca4j.trainer.data.sequence;

/**
 * Clips of a batch padded to common lengths, row-major: audio {@code
 * [size][audioLength][audioDim]}, video {@code [size][videoLength][videoDim]}, with masks (1 = real
 * row, 0 = padding) and the time stamp of each row position (SUCCESSORS-SPEC §1.3). Built by {@link
 * SequenceCollation}.
 *
 * @param size clips
 * @param audioLength padded audio rows per clip (L_a)
 * @param videoLength padded video rows per clip (L_v)
 * @param audioDim width of an audio row
 * @param videoDim width of a video row
 * @param audio {@code [size*audioLength*audioDim]}, zero on padded rows
 * @param video {@code [size*videoLength*videoDim]}, zero on padded rows
 * @param audioMask {@code [size*audioLength]}, 1 on real rows
 * @param videoMask {@code [size*videoLength]}, 1 on real rows
 * @param audioTimes {@code [audioLength]}: {@code k·r_a}
 * @param videoTimes {@code [videoLength]}: {@code k·r_v}
 * @param labels class id per clip
 */
public record SequenceBatch(
        int size,
        int audioLength,
        int videoLength,
        int audioDim,
        int videoDim,
        float[] audio,
        float[] video,
        float[] audioMask,
        float[] videoMask,
        float[] audioTimes,
        float[] videoTimes,
        int[] labels) {

    /**
     * Checks the array lengths against the shape.
     *
     * @throws IllegalArgumentException if an array does not hold the number of values its shape
     *     asks for; the message names the array, expected and found
     */
    public SequenceBatch {
        check("audio", audio.length, (long) size * audioLength * audioDim);
        check("video", video.length, (long) size * videoLength * videoDim);
        check("audioMask", audioMask.length, (long) size * audioLength);
        check("videoMask", videoMask.length, (long) size * videoLength);
        check("audioTimes", audioTimes.length, audioLength);
        check("videoTimes", videoTimes.length, videoLength);
        check("labels", labels.length, size);
    }

    /** Real rows of clip {@code i}'s audio. */
    public int audioRows(int i) {
        return realRows(audioMask, i, audioLength);
    }

    /** Real rows of clip {@code i}'s video. */
    public int videoRows(int i) {
        return realRows(videoMask, i, videoLength);
    }

    private static int realRows(float[] mask, int i, int length) {
        int n = 0;
        for (int t = 0; t < length; t++) {
            n += mask[i * length + t] > 0 ? 1 : 0;
        }
        return n;
    }

    private static void check(String field, int found, long expected) {
        if (found != expected) {
            throw new IllegalArgumentException(
                    "SequenceBatch."
                            + field
                            + ": expected "
                            + expected
                            + " values, found "
                            + found);
        }
    }
}
