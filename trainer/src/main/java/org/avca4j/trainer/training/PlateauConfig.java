package org.avca4j.trainer.training;

/**
 * Settings of {@link ReduceLrOnPlateau}: PyTorch's {@code ReduceLROnPlateau} in mode {@code max}
 * with a relative threshold ({@code threshold_mode='rel'}), the only mode the protocol uses (spec
 * §4).
 *
 * @param factor the learning rate is multiplied by this on a plateau, in (0, 1)
 * @param patience epochs without improvement that are tolerated before reducing
 * @param threshold relative improvement that counts: a metric {@code a} improves on {@code best}
 *     iff {@code a > best·(1 + threshold)}
 * @param cooldown epochs after a reduction during which bad epochs are not counted
 * @param minLr the learning rate never goes below this
 * @param eps a reduction smaller than this is skipped
 */
public record PlateauConfig(
        double factor, int patience, double threshold, int cooldown, double minLr, double eps) {

    /**
     * The protocol's schedule: factor 0.1, patience 3, threshold 1e-4, cooldown 0, min_lr 0, eps
     * 1e-8.
     */
    public static final PlateauConfig DEFAULT = new PlateauConfig(0.1, 3, 1e-4, 0, 0.0, 1e-8);

    /**
     * @throws IllegalArgumentException if a value is out of its range (named in the message)
     */
    public PlateauConfig {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("plateau.factor must be in (0, 1), got " + factor);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("plateau.patience must be >= 0, got " + patience);
        }
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException(
                    "plateau.threshold must be finite and >= 0, got " + threshold);
        }
        if (cooldown < 0) {
            throw new IllegalArgumentException("plateau.cooldown must be >= 0, got " + cooldown);
        }
        if (!(minLr >= 0) || Double.isInfinite(minLr)) {
            throw new IllegalArgumentException(
                    "plateau.minLr must be finite and >= 0, got " + minLr);
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("plateau.eps must be finite and >= 0, got " + eps);
        }
    }
}
