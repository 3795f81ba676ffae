package org.avca4j.benchmarks.perf;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaNetwork;
import org.avca4j.trainer.model.FusedAvcaNetwork;
import org.avca4j.trainer.model.SameDiffAvcaNetwork;
import org.avca4j.trainer.model.TrainingBatch;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * Wall-clock time of {@link AvcaNetwork#step} ({@link FusedAvcaNetwork} or {@link
 * SameDiffAvcaNetwork}) on random batches, for comparing with the reference's step timed on the
 * same machine (PyTorch, batch 256, UCF main features, 2 CPU cores). A measurement, not a test: the
 * figure depends on the machine and on what else runs on it.
 *
 * <p>The network sets ND4J's OpenMP threads to wait passively ({@link
 * org.avca4j.trainer.model.NativeThreading}). The first 10–15 steps are slow while SameDiff and the
 * JIT warm up: use a warm-up of at least 15 steps.
 */
public final class TrainingStepBenchmark {

    private TrainingStepBenchmark() {}

    /** Which network to time. */
    public enum Network {
        /** {@link FusedAvcaNetwork}, the default. */
        FAST,
        /** {@link SameDiffAvcaNetwork}. */
        SAMEDIFF;

        /**
         * The network named {@code fast} or {@code samediff} (any case).
         *
         * @throws IllegalArgumentException for any other name
         */
        public static Network of(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "fast" -> FAST;
                case "samediff" -> SAMEDIFF;
                default ->
                        throw new IllegalArgumentException(
                                "--network must be fast or samediff, got '" + name + "'");
            };
        }
    }

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
        return measure(config, batchSize, warmup, steps, Network.FAST, null);
    }

    /**
     * As {@link #measure(AvcaConfig, int, int, int)} for the given network, also recording the op
     * times of the timed steps (null: no profile; recording slows each op a little): SameDiff's
     * through {@code profile}'s listener, the fast network's through ND4J's {@link OpProfiler},
     * whose per-op-class table {@link #fusedProfile()} returns afterwards.
     *
     * @throws IllegalArgumentException as the other overload
     */
    @SuppressWarnings("deprecation") // setProfilingMode: the simplest switch for op timing in M2.1
    static Timings measure(
            AvcaConfig config,
            int batchSize,
            int warmup,
            int steps,
            Network network,
            OpTimes profile) {
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
        try (AvcaNetwork net = create(network, config, profile)) {
            for (int i = 0; i < warmup; i++) {
                net.step(batch, 1e-3, i);
            }
            if (profile != null) {
                profile.record(true);
                if (network == Network.FAST) {
                    OpProfiler.getInstance().reset();
                    Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
                }
            }
            try {
                for (int i = 0; i < steps; i++) {
                    long t0 = System.nanoTime();
                    net.step(batch, 1e-3, warmup + i);
                    millis[i] = (System.nanoTime() - t0) / 1e6;
                }
            } finally {
                if (profile != null && network == Network.FAST) {
                    Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
                }
            }
        }
        return new Timings(millis);
    }

    /**
     * ND4J's time per op class of the last profiled fast-network measurement, as its {@link
     * OpProfiler} prints it (totals over the timed steps).
     */
    static String fusedProfile() {
        return OpProfiler.getInstance().getClassAggergator().asString();
    }

    private static AvcaNetwork create(Network network, AvcaConfig config, OpTimes profile) {
        if (network == Network.FAST) {
            return FusedAvcaNetwork.builder().setConfig(config).optInitSeed(42).build();
        }
        SameDiffAvcaNetwork.Builder builder =
                SameDiffAvcaNetwork.builder().setConfig(config).optInitSeed(42);
        if (profile != null) {
            builder.optListeners(profile);
        }
        return builder.build();
    }

    private static float[] gaussian(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
