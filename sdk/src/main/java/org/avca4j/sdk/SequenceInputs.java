package org.avca4j.sdk;

import java.nio.FloatBuffer;

/**
 * Clips given as feature sequences, padded with zero rows to the longest clip of the batch per
 * modality, with masks (1 = real row, 0 = padding): the inputs of a sequence model (TCaF,
 * docs/model-format.md). Immutable once made.
 */
final class SequenceInputs {

    final int clips;
    final int audioLength;
    final int videoLength;
    final FloatBuffer audio;
    final FloatBuffer audioMask;
    final FloatBuffer video;
    final FloatBuffer videoMask;

    private SequenceInputs(
            int clips,
            int audioLength,
            int videoLength,
            float[] audio,
            float[] audioMask,
            float[] video,
            float[] videoMask) {
        this.clips = clips;
        this.audioLength = audioLength;
        this.videoLength = videoLength;
        this.audio = FloatBuffer.wrap(audio);
        this.audioMask = FloatBuffer.wrap(audioMask);
        this.video = FloatBuffer.wrap(video);
        this.videoMask = FloatBuffer.wrap(videoMask);
    }

    /** No clip (rows of length 1): what a text-only run of a sequence model feeds. */
    static SequenceInputs empty() {
        return new SequenceInputs(0, 1, 1, new float[0], new float[0], new float[0], new float[0]);
    }

    /**
     * Clips as {@code [n][T_i][width]} per modality.
     *
     * @throws IllegalArgumentException if there is no clip, the modalities differ in clip count, a
     *     clip has no row, or a row is null, has another width or is not finite
     */
    static SequenceInputs of(float[][][] audio, float[][][] video, int audioDim, int videoDim) {
        if (audio == null || video == null || audio.length == 0 || audio.length != video.length) {
            throw new IllegalArgumentException(
                    "a batch needs ≥ 1 clip and as many audio as video sequences, got "
                            + (audio == null ? "null" : audio.length)
                            + " and "
                            + (video == null ? "null" : video.length));
        }
        int n = audio.length;
        int la = longest(audio, ModelSignature.AUDIO);
        int lv = longest(video, ModelSignature.VIDEO);
        float[] a = new float[n * la * audioDim];
        float[] v = new float[n * lv * videoDim];
        float[] ma = new float[n * la];
        float[] mv = new float[n * lv];
        for (int i = 0; i < n; i++) {
            copy(audio[i], audioDim, la, a, ma, i, ModelSignature.AUDIO);
            copy(video[i], videoDim, lv, v, mv, i, ModelSignature.VIDEO);
        }
        return new SequenceInputs(n, la, lv, a, ma, v, mv);
    }

    /**
     * Clips as flat buffers: clip {@code i}'s rows follow clip {@code i−1}'s, {@code lengths[i]}
     * rows of {@code width} floats each.
     *
     * @throws IllegalArgumentException if there is no clip, the length arrays differ, a length is
     *     below 1, a buffer does not hold exactly the rows the lengths ask for, or a value is not
     *     finite
     */
    static SequenceInputs of(
            float[] audio,
            int[] audioLengths,
            float[] video,
            int[] videoLengths,
            int audioDim,
            int videoDim) {
        if (audioLengths == null
                || videoLengths == null
                || audioLengths.length == 0
                || audioLengths.length != videoLengths.length) {
            throw new IllegalArgumentException(
                    "a batch needs ≥ 1 clip and as many audio as video lengths");
        }
        return of(
                split(audio, audioLengths, audioDim, ModelSignature.AUDIO),
                split(video, videoLengths, videoDim, ModelSignature.VIDEO),
                audioDim,
                videoDim);
    }

    private static float[][][] split(float[] flat, int[] lengths, int width, String input) {
        if (flat == null) {
            throw new IllegalArgumentException(input + " buffer is null");
        }
        long rows = 0;
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] < 1) {
                throw new IllegalArgumentException(
                        input + " length of clip " + i + " is " + lengths[i] + ": expected ≥ 1");
            }
            rows += lengths[i];
        }
        if (flat.length != rows * width) {
            throw new IllegalArgumentException(
                    input
                            + " buffer holds "
                            + flat.length
                            + " floats; the lengths ask for "
                            + rows
                            + " rows of "
                            + width
                            + " = "
                            + rows * width);
        }
        float[][][] clips = new float[lengths.length][][];
        int off = 0;
        for (int i = 0; i < lengths.length; i++) {
            clips[i] = new float[lengths[i]][];
            for (int t = 0; t < lengths[i]; t++) {
                clips[i][t] = java.util.Arrays.copyOfRange(flat, off, off + width);
                off += width;
            }
        }
        return clips;
    }

    private static int longest(float[][][] clips, String input) {
        int m = 0;
        for (int i = 0; i < clips.length; i++) {
            if (clips[i] == null || clips[i].length == 0) {
                throw new IllegalArgumentException(
                        input + " sequence of clip " + i + " has no row: expected ≥ 1");
            }
            m = Math.max(m, clips[i].length);
        }
        return m;
    }

    private static void copy(
            float[][] rows,
            int width,
            int length,
            float[] out,
            float[] mask,
            int clip,
            String input) {
        for (int t = 0; t < rows.length; t++) {
            FeatureChecks.check(rows[t], width, input + " row " + t, clip);
            System.arraycopy(rows[t], 0, out, (clip * length + t) * width, width);
            mask[clip * length + t] = 1f;
        }
    }
}
