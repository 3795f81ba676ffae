package org.avca4j.trainer.method;

import org.avca4j.trainer.model.InputArrays;

/**
 * The one input vector of the single-embedding methods (DEVISE family, APN; docs/baselines.md): a
 * clip's video features followed by its audio features, {@code x = [v ‖ a]}, optionally divided by
 * its L2 norm (one norm over the whole vector, at least 1e-12).
 */
public final class ClipInputs {

    /** The smallest norm a row is divided by (PyTorch's {@code F.normalize}). */
    public static final double NORM_FLOOR = 1e-12;

    private ClipInputs() {}

    /**
     * {@code [n, videoDim + audioDim]} row-major.
     *
     * @param source names the arrays in an error message, e.g. "TrainingBatch." (may be empty)
     * @param normalise divide each row by {@code max(‖x‖₂, 1e-12)}
     * @throws IllegalArgumentException if an array does not hold {@code n} rows of its width
     */
    public static float[] videoThenAudio(
            String source,
            float[] audio,
            float[] video,
            int n,
            int audioDim,
            int videoDim,
            boolean normalise) {
        InputArrays.checkLength(source + "audio", audio, n, audioDim);
        InputArrays.checkLength(source + "video", video, n, videoDim);
        int d = audioDim + videoDim;
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(video, i * videoDim, x, i * d, videoDim);
            System.arraycopy(audio, i * audioDim, x, i * d + videoDim, audioDim);
            if (normalise) {
                double sq = 0;
                for (int j = i * d; j < (i + 1) * d; j++) {
                    sq += (double) x[j] * x[j];
                }
                double norm = Math.max(Math.sqrt(sq), NORM_FLOOR);
                for (int j = i * d; j < (i + 1) * d; j++) {
                    x[j] = (float) (x[j] / norm);
                }
            }
        }
        return x;
    }

    /**
     * One-hot rows {@code [n, classes]} of E_train rows.
     *
     * @param rows the row of each clip's class in E_train
     */
    public static float[] oneHot(int[] rows, int classes) {
        float[] y = new float[rows.length * classes];
        for (int i = 0; i < rows.length; i++) {
            y[i * classes + rows[i]] = 1f;
        }
        return y;
    }
}
