package org.avca4j.trainer.data.sequence;

import java.util.SplittableRandom;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.ClipSet;

/**
 * Synthetic sequence clips made from a vector benchmark (e.g. {@link
 * org.avca4j.trainer.data.SyntheticBenchmark}): clip {@code i}'s vector {@code x_i} becomes {@code
 * T} rows {@code x_i + noise·n_t} with {@code n_t ~ N(0, 1)}, the lengths drawn uniformly from
 * {@code [minLength, maxLength]}, separately for audio and video. Every draw is seeded from (seed,
 * set, clip, modality), so the result does not depend on generation order.
 */
public final class SyntheticSequences {

    private final int minLength;
    private final int maxLength;
    private final double noise;
    private final long seed;

    /**
     * @param minLength fewest rows of a clip, ≥ 1
     * @param maxLength most rows of a clip, ≥ {@code minLength}
     * @param noise standard deviation of the per-row noise, ≥ 0
     * @param seed seed of every draw
     * @throws IllegalArgumentException if a bound is out of range
     */
    public SyntheticSequences(int minLength, int maxLength, double noise, long seed) {
        if (minLength < 1 || maxLength < minLength || !(noise >= 0)) {
            throw new IllegalArgumentException(
                    "need 1 ≤ minLength ≤ maxLength and noise ≥ 0, got "
                            + minLength
                            + ", "
                            + maxLength
                            + ", "
                            + noise);
        }
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.noise = noise;
        this.seed = seed;
    }

    /** The four sets of a vector benchmark as sequences, with its names and text. */
    public SequenceBenchmark expand(Benchmark b) {
        return new SequenceBenchmark(
                b.dataset(),
                b.featureSet(),
                b.split(),
                b.classNames(),
                b.embeddings(),
                b.textOrder(),
                expand(b.stage1Train(), 1),
                expand(b.stage1Val(), 2),
                expand(b.stage2Train(), 3),
                expand(b.test(), 4),
                b.warnings());
    }

    /** One vector set as sequences; {@code setKey} separates the random streams of sets. */
    public SequenceClipSet expand(ClipSet set, int setKey) {
        int n = set.size();
        float[][][] audio = new float[n][][];
        float[][][] video = new float[n][][];
        for (int i = 0; i < n; i++) {
            audio[i] = rows(set.audio(), i, set.audioDim(), stream(setKey, i, 0));
            video[i] = rows(set.video(), i, set.videoDim(), stream(setKey, i, 1));
        }
        return new SequenceClipSet(
                set.name(),
                set.audioDim(),
                set.videoDim(),
                audio,
                video,
                set.labels().clone(),
                set.urls().clone(),
                set.seenClasses().clone(),
                set.unseenClasses().clone());
    }

    private float[][] rows(float[] flat, int clip, int dim, SplittableRandom r) {
        int t = minLength + r.nextInt(maxLength - minLength + 1);
        float[][] out = new float[t][dim];
        for (int k = 0; k < t; k++) {
            for (int j = 0; j < dim; j++) {
                out[k][j] = (float) (flat[clip * dim + j] + noise * gaussian(r));
            }
        }
        return out;
    }

    private SplittableRandom stream(int setKey, int clip, int modality) {
        long s = seed * 0x9E3779B97F4A7C15L + setKey;
        s = s * 0x9E3779B97F4A7C15L + clip;
        s = s * 0x9E3779B97F4A7C15L + modality;
        return new SplittableRandom(s);
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
