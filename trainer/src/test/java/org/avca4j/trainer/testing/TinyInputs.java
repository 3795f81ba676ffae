package org.avca4j.trainer.testing;

import java.util.Map;
import java.util.SplittableRandom;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.model.TrainingBatch;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tiny fixed inputs for the loss tests of the single-embedding methods: 1-d audio and video (so
 * that {@code x = [v, a]}), 2-d text, and three training classes with ids 3, 5, 8 (rows 0, 1, 2)
 * and embeddings (1, 0), (0, 1), (0.6, 0.8).
 */
public final class TinyInputs {

    private TinyInputs() {}

    /** The three-class context. */
    public static MethodContext context() {
        return new MethodContext(
                1, 1, 2, 7, new int[] {3, 5, 8}, new float[] {1, 0, 0, 1, 0.6f, 0.8f});
    }

    /**
     * A batch of clips {@code (v_i, a_i)} of the given classes; negatives are copies (unused by
     * these methods).
     */
    public static TrainingBatch batch(float[] video, float[] audio, int[] classIds) {
        int n = classIds.length;
        float[] text = new float[2 * n];
        return new TrainingBatch(
                n, audio, video, text, audio, video, text, classIds, classIds.clone());
    }

    /** Sets a [rows, cols] parameter to the given row-major values. */
    public static void set(Map<String, INDArray> parameters, String name, double... values) {
        INDArray p = parameters.get(name);
        p.assign(Nd4j.createFromArray(values).reshape(p.shape()).castTo(p.dataType()));
    }

    /** A random batch for a context, with labels drawn from its training classes. */
    public static TrainingBatch random(MethodContext c, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = c.trainClassIds()[r.nextInt(c.trainClassCount())];
        }
        float[] audio = gaussian(r, n * c.audioDim());
        float[] video = gaussian(r, n * c.videoDim());
        float[] text = gaussian(r, n * c.textDim());
        return new TrainingBatch(n, audio, video, text, audio, video, text, labels, labels);
    }

    /** A random context: unit-norm class embeddings of the given ids. */
    public static MethodContext randomContext(
            int audioDim, int videoDim, int textDim, int[] ids, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] text = new float[ids.length * textDim];
        for (int c = 0; c < ids.length; c++) {
            double sq = 0;
            for (int k = 0; k < textDim; k++) {
                text[c * textDim + k] = (float) r.nextGaussian();
                sq += text[c * textDim + k] * text[c * textDim + k];
            }
            for (int k = 0; k < textDim; k++) {
                text[c * textDim + k] /= (float) Math.sqrt(sq);
            }
        }
        return new MethodContext(audioDim, videoDim, textDim, seed, ids, text);
    }

    /** Gaussian floats. */
    public static float[] gaussian(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
