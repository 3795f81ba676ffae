package org.avca4j.trainer.method.fvaegan;

import java.util.Map;

/**
 * One GAN epoch of a stage as the run's JSON records it.
 *
 * @param epoch 0-based GAN epoch
 * @param gzslEpoch the GZSL classifier's best epoch ({@code >=})
 * @param zslEpoch the ZSL classifier's best epoch ({@code >})
 * @param best the figures at those classifier epochs
 * @param losses the loss terms of the epoch's last trained batch
 * @param seconds wall time of the epoch, training and evaluation
 */
public record EpochSummary(
        int epoch,
        int gzslEpoch,
        int zslEpoch,
        Figures best,
        Map<String, Double> losses,
        double seconds) {}
