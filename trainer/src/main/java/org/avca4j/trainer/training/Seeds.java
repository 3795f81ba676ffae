package org.avca4j.trainer.training;

/**
 * Every random number of a run derives from the run's seed and the position in the run (epoch,
 * batch), never from a generator carried across steps. A run resumed from a checkpoint therefore
 * draws exactly what an uninterrupted run draws.
 */
public final class Seeds {

    private static final long SAMPLER_STREAM = 0x53414D504C455231L;
    private static final long STEP_STREAM = 0x5354455053454544L;

    private Seeds() {}

    /** Seed of the sampler's draws for one batch. */
    public static long samplerSeed(long seed, int epoch, int batch) {
        return derive(seed, SAMPLER_STREAM, epoch, batch);
    }

    /** The {@code stepSeed} handed to the network for one batch (dropout masks). */
    public static long stepSeed(long seed, int epoch, int batch) {
        return derive(seed, STEP_STREAM, epoch, batch);
    }

    private static long derive(long seed, long stream, int epoch, int batch) {
        long h = mix(seed);
        h = mix(h ^ stream);
        h = mix(h ^ epoch);
        return mix(h ^ batch);
    }

    /** SplitMix64's finaliser: a bijection that spreads every input bit over the output. */
    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
