package org.avca4j.benchmarks.perf;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.SameDiffAvcaNetwork;
import org.avca4j.trainer.model.TrainingBatch;

/**
 * Wall-clock time of {@link SameDiffAvcaNetwork#step} on random batches, for comparing with the
 * reference's 267 ms per step (PyTorch, batch 256, UCF main features, 2 CPU cores). A measurement,
 * not a test: the figure depends on the machine and on what else runs on it.
 *
 * <p>The network sets ND4J's OpenMP threads to wait passively ({@link
 * org.avca4j.trainer.model.NativeThreading}). The first 10–15 steps are slow while SameDiff and the
 * JIT warm up: use a warm-up of at least 15 steps.
 */
public final class TrainingStepBenchmark {

    private TrainingStepBenchmark() {}

    /**
     * The per-step times of {@code steps} timed steps after {@code warmup} untimed ones.
     *
     * @param millis the timed steps' durations in milliseconds, in order
     */
    public record Timings(double[] millis) {

        /** The median duration in milliseconds. */
        public double median() {
            double[] s = millis.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }
    }

    /**
     * Times training steps of a fresh FLOAT network on Gaussian batches (lr 1e-3).
     *
     * @throws IllegalArgumentException if {@code batchSize < 2}, {@code warmup < 0} or {@code steps
     *     < 1}
     */
    public static Timings measure(AvcaConfig config, int batchSize, int warmup, int steps) {
        return measure(config, batchSize, warmup, steps, null);
    }

    /**
     * As {@link #measure(AvcaConfig, int, int, int)}, also recording the op times of the timed
     * steps into {@code profile} (null: no profile; its listener slows each op a little).
     *
     * @throws IllegalArgumentException as the other overload
     */
    static Timings measure(
            AvcaConfig config, int batchSize, int warmup, int steps, OpTimes profile) {
        if (batchSize < 2 || warmup < 0 || steps < 1) {
            throw new IllegalArgumentException(
                    "need batchSize >= 2, warmup >= 0, steps >= 1; got "
                            + batchSize
                            + ", "
                            + warmup
                            + ", "
                            + steps);
        }
        SplittableRandom r = new SplittableRandom(1);
        TrainingBatch batch =
                new TrainingBatch(
                        batchSize,
                        gaussian(r, batchSize * config.audioDim()),
                        gaussian(r, batchSize * config.videoDim()),
                        gaussian(r, batchSize * config.textDim()),
                        gaussian(r, batchSize * config.audioDim()),
                        gaussian(r, batchSize * config.videoDim()),
                        gaussian(r, batchSize * config.textDim()),
                        new int[batchSize],
                        new int[batchSize]);
        double[] millis = new double[steps];
        SameDiffAvcaNetwork.Builder builder =
                SameDiffAvcaNetwork.builder().setConfig(config).optInitSeed(42);
        if (profile != null) {
            builder.optListeners(profile);
        }
        try (SameDiffAvcaNetwork net = builder.build()) {
            for (int i = 0; i < warmup; i++) {
                net.step(batch, 1e-3, i);
            }
            if (profile != null) {
                profile.record(true);
            }
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                net.step(batch, 1e-3, warmup + i);
                millis[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return new Timings(millis);
    }

    private static float[] gaussian(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
