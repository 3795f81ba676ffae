package org.avca4j.trainer.data;

import java.util.SplittableRandom;

/**
 * Synthetic clip features that carry their class's text embedding, so that zero-shot transfer is
 * possible but not trivial. For a clip i of class c with unit text vector w_c:
 *
 * <pre>
 *   a_i = tanh(P_a (w_c + e_i)) + 0.3 r_a(c) + 0.3 n_a,i
 *   v_i = tanh(P_v (w_c + e_i)) + 0.3 r_v(c) + 0.3 n_v,i
 * </pre>
 *
 * P_a, P_v: fixed random maps with N(0, 1.5²) entries (non-linear through tanh); r(c): a
 * class-specific N(0, 1) part that the text cannot predict; e_i: noise of norm about 0.5 in text
 * space that audio and video share; n: independent N(0, 1) noise per modality. Every random stream
 * is seeded from (seed, purpose, class, stage), so results do not depend on generation order.
 */
final class FeatureSynthesizer {

    private static final double GAIN = 1.5;
    private static final double CLASS_PART = 0.3;
    private static final double SHARED_NOISE = 0.5;
    private static final double OWN_NOISE = 0.3;

    private final long seed;
    private final int textDim;
    private final int audioDim;
    private final int videoDim;
    private final float[] projAudio;
    private final float[] projVideo;

    FeatureSynthesizer(long seed, int textDim, int audioDim, int videoDim) {
        this.seed = seed;
        this.textDim = textDim;
        this.audioDim = audioDim;
        this.videoDim = videoDim;
        this.projAudio = gaussian(stream(seed, 1, 0, 0), audioDim * textDim, GAIN);
        this.projVideo = gaussian(stream(seed, 2, 0, 0), videoDim * textDim, GAIN);
    }

    /** Audio and video features of {@code count} clips of a class in a stage folder. */
    FeatureFile[] clips(float[] text, int classId, SplitStage stage, int count, String[] urls) {
        if (text.length != textDim) {
            throw new IllegalArgumentException(
                    "text vector of width " + text.length + ", expected " + textDim);
        }
        float[] classAudio = gaussian(stream(seed, 3, classId, 0), audioDim, CLASS_PART);
        float[] classVideo = gaussian(stream(seed, 4, classId, 0), videoDim, CLASS_PART);
        SplittableRandom noise = stream(seed, 5, classId, stage.ordinal() + 1);
        float[] audio = new float[count * audioDim];
        float[] video = new float[count * videoDim];
        double[] shifted = new double[textDim];
        double sharedScale = SHARED_NOISE / Math.sqrt(textDim);
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < textDim; k++) {
                shifted[k] = text[k] + sharedScale * gaussian(noise);
            }
            project(projAudio, shifted, classAudio, noise, audio, i * audioDim, audioDim);
            project(projVideo, shifted, classVideo, noise, video, i * videoDim, videoDim);
        }
        return new FeatureFile[] {
            new FeatureFile(count, audioDim, audio, urls),
            new FeatureFile(count, videoDim, video, urls)
        };
    }

    private void project(
            float[] proj,
            double[] x,
            float[] classPart,
            SplittableRandom noise,
            float[] out,
            int offset,
            int dim) {
        for (int j = 0; j < dim; j++) {
            double s = 0;
            int row = j * textDim;
            for (int k = 0; k < textDim; k++) {
                s += proj[row + k] * x[k];
            }
            out[offset + j] = (float) (Math.tanh(s) + classPart[j] + OWN_NOISE * gaussian(noise));
        }
    }

    /** A random unit vector (for classes without a real embedding). */
    static float[] unitVector(SplittableRandom random, int dim) {
        float[] v = new float[dim];
        double norm = 0;
        for (int i = 0; i < dim; i++) {
            double g = gaussian(random);
            v[i] = (float) g;
            norm += g * g;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dim; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /** An independent stream for one purpose, class and stage. */
    static SplittableRandom stream(long seed, int purpose, int classId, int stage) {
        long h = seed;
        for (long part : new long[] {purpose, classId, stage}) {
            h = mix(h * 0x9E3779B97F4A7C15L + part);
        }
        return new SplittableRandom(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static float[] gaussian(SplittableRandom r, int n, double scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (scale * gaussian(r));
        }
        return out;
    }

    /** Box–Muller from two uniforms: stable across JDKs, unlike {@code nextGaussian}. */
    static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
