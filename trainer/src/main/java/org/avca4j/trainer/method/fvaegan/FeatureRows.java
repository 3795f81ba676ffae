package org.avca4j.trainer.method.fvaegan;

import org.avca4j.trainer.model.InputArrays;

/** f-VAEGAN-D2's feature rows: x = L2n([a ‖ v]), audio first (docs/baselines.md#f-vaegan-d2). */
final class FeatureRows {

    /** The floor of a row's norm in L2n: x / max(‖x‖₂, 1e-12). */
    static final double NORM_FLOOR = 1e-12;

    private FeatureRows() {}

    /**
     * L2n([a ‖ v]) of {@code n} clips, row-major {@code [n*(audioDim+videoDim)]}.
     *
     * @throws IllegalArgumentException if an array does not hold {@code n ≥ 1} rows of its width
     *     (as {@link InputArrays#checkLength})
     */
    static float[] normalizedConcat(
            float[] audio, int audioDim, float[] video, int videoDim, int n) {
        InputArrays.checkLength("audio", audio, n, audioDim);
        InputArrays.checkLength("video", video, n, videoDim);
        int w = audioDim + videoDim;
        float[] out = new float[n * w];
        for (int i = 0; i < n; i++) {
            System.arraycopy(audio, i * audioDim, out, i * w, audioDim);
            System.arraycopy(video, i * videoDim, out, i * w + audioDim, videoDim);
        }
        normalizeRows(out, n, w);
        return out;
    }

    /** Scales every row of {@code [n*w]} in place to unit L2 norm (rows below 1e-12 by 1e-12). */
    static void normalizeRows(float[] rows, int n, int w) {
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = 0; k < w; k++) {
                double v = rows[i * w + k];
                sum += v * v;
            }
            float norm = (float) Math.max(Math.sqrt(sum), NORM_FLOOR);
            for (int k = 0; k < w; k++) {
                rows[i * w + k] /= norm;
            }
        }
    }
}
