package org.avca4j.trainer.data.sequence;

import java.util.SplittableRandom;

/**
 * How clips of different lengths become one {@link SequenceBatch} (SUCCESSORS-SPEC §1.3).
 *
 * <ul>
 *   <li>{@link #padToLongest}: each modality is zero-padded to the longest clip of the batch; no
 *       truncation, no cap (UCF, VGGSound).
 *   <li>{@link #fixedWindow}: video gets {@code L_v = window} rows, audio {@code L_a =
 *       round(window·r_v·r_a)}; a longer video is cut at {@code s_v} (uniform in {@code [0,
 *       T_v−L_v−1]} when random, else {@code ⌊(T_v−L_v)/2⌋}), a longer audio at {@code min(T_a−L_a,
 *       round(s_v·r_v/r_a))} when the video was cut with {@code s_v > 0}, else 0; shorter ones are
 *       zero-padded (ActivityNet: train 60 random, evaluation 300 centred).
 * </ul>
 *
 * @param rates seconds per row of each modality, for the time stamps and the audio window
 * @param window video rows of a fixed window; 0 pads to the longest clip
 * @param randomStart whether a fixed window starts at a random row (training) or the centre
 */
public record SequenceCollation(FrameRates rates, int window, boolean randomStart) {

    /**
     * Checks the window.
     *
     * @throws IllegalArgumentException if the window is negative, or zero with {@code randomStart}
     */
    public SequenceCollation {
        if (window < 0 || (window == 0 && randomStart)) {
            throw new IllegalArgumentException(
                    "window must be positive (or 0 to pad to the longest clip, without random"
                            + " start), got "
                            + window);
        }
    }

    /** Padding to the longest clip of each batch, per modality. */
    public static SequenceCollation padToLongest(FrameRates rates) {
        return new SequenceCollation(rates, 0, false);
    }

    /**
     * A fixed window of {@code window} video rows.
     *
     * @param randomStart random start (training) or centred (evaluation)
     * @throws IllegalArgumentException if {@code window < 1}
     */
    public static SequenceCollation fixedWindow(FrameRates rates, int window, boolean randomStart) {
        if (window < 1) {
            throw new IllegalArgumentException("a fixed window needs ≥ 1 row, got " + window);
        }
        return new SequenceCollation(rates, window, randomStart);
    }

    /** Whether this pads to the longest clip rather than cutting fixed windows. */
    public boolean padsToLongest() {
        return window == 0;
    }

    /** Audio rows of a fixed window: {@code round(window·r_v·r_a)}. */
    public int audioWindow() {
        return (int) Math.round(window * rates.video() * rates.audio());
    }

    /**
     * The clips {@code indices} of a set as one batch.
     *
     * @param random where a random window start is drawn from; unused (may be null) otherwise
     * @throws IllegalArgumentException if {@code indices} is empty
     * @throws NullPointerException if a random start is needed and {@code random} is null
     */
    public SequenceBatch collate(SequenceClipSet set, int[] indices, SplittableRandom random) {
        Clips c = Clips.of(set, indices);
        return collate(c.audio(), c.video(), c.labels(), set.audioDim(), set.videoDim(), random);
    }

    /** The sequences and labels of some clips of a set, in the order of their indices. */
    private record Clips(float[][][] audio, float[][][] video, int[] labels) {

        static Clips of(SequenceClipSet set, int[] indices) {
            int n = indices.length;
            Clips c = new Clips(new float[n][][], new float[n][][], new int[n]);
            for (int b = 0; b < n; b++) {
                c.audio[b] = set.audio()[indices[b]];
                c.video[b] = set.video()[indices[b]];
                c.labels[b] = set.labels()[indices[b]];
            }
            return c;
        }
    }

    /**
     * Clips given as sequences as one batch.
     *
     * @param audio per clip {@code [T_a][audioDim]}
     * @param video per clip {@code [T_v][videoDim]}
     * @param labels class id per clip
     * @param random where a random window start is drawn from; unused (may be null) otherwise
     * @throws IllegalArgumentException if there is no clip or the arrays disagree in clip count
     */
    public SequenceBatch collate(
            float[][][] audio,
            float[][][] video,
            int[] labels,
            int audioDim,
            int videoDim,
            SplittableRandom random) {
        int n = labels.length;
        if (n == 0 || audio.length != n || video.length != n) {
            throw new IllegalArgumentException(
                    "collate needs ≥ 1 clip and equal counts, got "
                            + audio.length
                            + " audio, "
                            + video.length
                            + " video, "
                            + n
                            + " labels");
        }
        int la = padsToLongest() ? longest(audio) : audioWindow();
        int lv = padsToLongest() ? longest(video) : window;
        return build(audio, video, labels, audioDim, videoDim, la, lv, random);
    }

    /**
     * The clips {@code indices} of a set zero-padded, per modality, to given lengths of at least
     * every clip's, never cut: the batch {@link #padToLongest} gives, with more padding rows (a
     * graph of fixed lengths for the whole set takes it; masks tell the rows apart).
     *
     * @throws IllegalStateException if this collation cuts fixed windows
     * @throws IllegalArgumentException if {@code indices} is empty or a clip is longer than its
     *     length
     */
    public SequenceBatch padTo(
            SequenceClipSet set, int[] indices, int audioLength, int videoLength) {
        if (!padsToLongest()) {
            throw new IllegalStateException(
                    "padTo pads without cutting: this collation cuts windows");
        }
        if (indices.length == 0) {
            throw new IllegalArgumentException("padTo needs ≥ 1 clip");
        }
        for (int i : indices) {
            if (set.audioLength(i) > audioLength || set.videoLength(i) > videoLength) {
                throw new IllegalArgumentException(
                        "clip "
                                + i
                                + " of "
                                + set.name()
                                + " has "
                                + set.audioLength(i)
                                + " audio / "
                                + set.videoLength(i)
                                + " video rows, more than the "
                                + audioLength
                                + " / "
                                + videoLength
                                + " to pad to");
            }
        }
        Clips c = Clips.of(set, indices);
        return build(
                c.audio(),
                c.video(),
                c.labels(),
                set.audioDim(),
                set.videoDim(),
                audioLength,
                videoLength,
                null);
    }

    private SequenceBatch build(
            float[][][] audio,
            float[][][] video,
            int[] labels,
            int audioDim,
            int videoDim,
            int la,
            int lv,
            SplittableRandom random) {
        int n = labels.length;
        float[] a = new float[n * la * audioDim];
        float[] v = new float[n * lv * videoDim];
        float[] ma = new float[n * la];
        float[] mv = new float[n * lv];
        for (int b = 0; b < n; b++) {
            int sv = 0;
            int dv = video[b].length - lv;
            if (!padsToLongest() && dv > 0) {
                sv = randomStart ? random.nextInt(dv) : dv / 2;
            }
            int sa = 0;
            int da = audio[b].length - la;
            if (!padsToLongest() && da > 0 && sv > 0) {
                sa = (int) Math.min(da, Math.round(sv * rates.video() / rates.audio()));
            }
            copy(video[b], sv, lv, videoDim, v, mv, b);
            copy(audio[b], sa, la, audioDim, a, ma, b);
        }
        return new SequenceBatch(
                n,
                la,
                lv,
                audioDim,
                videoDim,
                a,
                v,
                ma,
                mv,
                times(la, rates.audio()),
                times(lv, rates.video()),
                labels.clone());
    }

    /** Time stamps {@code k·rate}, k = 0…length−1. */
    static float[] times(int length, double rate) {
        float[] t = new float[length];
        for (int k = 0; k < length; k++) {
            t[k] = (float) (k * rate);
        }
        return t;
    }

    private static int longest(float[][][] clips) {
        int m = 1;
        for (float[][] c : clips) {
            m = Math.max(m, c.length);
        }
        return m;
    }

    private static void copy(
            float[][] rows, int start, int length, int dim, float[] out, float[] mask, int b) {
        int real = Math.min(length, rows.length - start);
        for (int t = 0; t < real; t++) {
            System.arraycopy(rows[start + t], 0, out, (b * length + t) * dim, dim);
            mask[b * length + t] = 1f;
        }
    }
}
