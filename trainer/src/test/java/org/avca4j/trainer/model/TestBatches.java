package org.avca4j.trainer.model;

import java.util.SplittableRandom;

/** Small configurations and seeded random batches for the model tests. */
final class TestBatches {

    private TestBatches() {}

    /** A tiny architecture: every block present, attention with 3 heads of 2. */
    static AvcaConfig tiny(double enc, double proj, double dec, double momentum) {
        return new AvcaConfig(5, 4, 6, 7, 5, 4, 3, 2, 3, enc, proj, dec, momentum);
    }

    static AvcaConfig tiny() {
        return tiny(0, 0, 0, 0.1);
    }

    static TrainingBatch batch(AvcaConfig c, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new TrainingBatch(
                n,
                gaussian(r, n * c.audioDim()),
                gaussian(r, n * c.videoDim()),
                gaussian(r, n * c.textDim()),
                gaussian(r, n * c.audioDim()),
                gaussian(r, n * c.videoDim()),
                gaussian(r, n * c.textDim()),
                new int[n],
                new int[n]);
    }

    static float[] gaussian(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
