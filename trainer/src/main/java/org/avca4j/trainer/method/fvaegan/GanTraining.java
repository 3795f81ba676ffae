package org.avca4j.trainer.method.fvaegan;

import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.method.LossTerms;
import org.avca4j.trainer.training.ClassBalancedSampler;
import org.avca4j.trainer.training.Seeds;

/**
 * The GAN epochs of one stage (docs/baselines.md#f-vaegan-d2): class-balanced batches of {@code
 * batch_size} clips (their negatives unused), a critic step on each trained batch and a
 * generator/encoder step on every {@code critic_iter}-th, under the {@link GanSchedule}.
 */
final class GanTraining {

    private final FvaeganNetwork network;
    private final ClassBalancedSampler sampler;
    private final FvaeganSettings settings;
    private final long seed;

    GanTraining(FvaeganNetwork network, ClipSet training, float[][] embeddings, long seed) {
        this.network = network;
        this.settings = network.settings();
        this.sampler = new ClassBalancedSampler(training, embeddings, settings.batchSize(), seed);
        this.seed = seed;
    }

    /**
     * Trains one epoch.
     *
     * @return the loss terms of the epoch's last batch
     */
    LossTerms epoch(int epoch) {
        int batches = settings.schedule().batches(settings.batchesPerEpoch());
        LossTerms last = null;
        for (int b = 0; b < batches; b++) {
            last =
                    network.trainBatch(
                            sampler.batch(epoch, b),
                            b % settings.criticIter() == 0,
                            settings.learningRate(),
                            Seeds.stepSeed(seed, epoch, b));
        }
        return last;
    }
}
