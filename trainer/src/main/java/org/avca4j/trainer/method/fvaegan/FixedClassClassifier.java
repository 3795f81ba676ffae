package org.avca4j.trainer.method.fvaegan;

import java.util.Arrays;
import java.util.Objects;

/**
 * A trained GZSL softmax classifier with its fixed class set: scores = L2n([a ‖ v])·W + b, one
 * column per class; the prediction is the argmax, with no calibrated stacking. What f-VAEGAN-D2
 * exports (docs/model-format.md).
 *
 * @param weights the linear layer
 * @param classIds the class id of each output column, ascending
 * @param seen whether each column's class is seen (a training class) rather than unseen
 * @param audioDim width of the audio part of the input
 * @param videoDim width of the video part
 */
public record FixedClassClassifier(
        LinearWeights weights, int[] classIds, boolean[] seen, int audioDim, int videoDim) {

    /**
     * @throws IllegalArgumentException if the classes do not match the layer's outputs or the
     *     widths its inputs
     */
    public FixedClassClassifier {
        Objects.requireNonNull(weights, "weights");
        if (classIds.length != weights.outputs() || seen.length != weights.outputs()) {
            throw new IllegalArgumentException(
                    weights.outputs()
                            + " outputs need as many class ids and seen flags, got "
                            + classIds.length
                            + " and "
                            + seen.length);
        }
        if (audioDim + videoDim != weights.inputs()) {
            throw new IllegalArgumentException(
                    "audio "
                            + audioDim
                            + " + video "
                            + videoDim
                            + " ≠ the layer's "
                            + weights.inputs()
                            + " inputs");
        }
        classIds = classIds.clone();
        seen = seen.clone();
    }

    /** The scores of {@code n} clips, {@code [n*classes]}: the raw features are L2n'd first. */
    public float[] scores(float[] audio, float[] video, int n) {
        return weights.scores(FeatureRows.normalizedConcat(audio, audioDim, video, videoDim, n), n);
    }

    /** The predicted class id of each of {@code n} clips (argmax, the first on ties). */
    public int[] predict(float[] audio, float[] video, int n) {
        float[] s = scores(audio, video, n);
        int c = classIds.length;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < c; j++) {
                if (s[i * c + j] > s[i * c + best]) {
                    best = j;
                }
            }
            out[i] = classIds[best];
        }
        return out;
    }

    @Override
    public int[] classIds() {
        return classIds.clone();
    }

    @Override
    public boolean[] seen() {
        return seen.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FixedClassClassifier f
                && f.weights.equals(weights)
                && Arrays.equals(f.classIds, classIds)
                && Arrays.equals(f.seen, seen)
                && f.audioDim == audioDim
                && f.videoDim == videoDim;
    }

    @Override
    public int hashCode() {
        return Objects.hash(weights, Arrays.hashCode(classIds), audioDim, videoDim);
    }

    @Override
    public String toString() {
        return "FixedClassClassifier["
                + classIds.length
                + " classes, "
                + weights.inputs()
                + " inputs]";
    }
}
