package org.avca4j.trainer.data.sequence;

import org.avca4j.sdk.card.FeatureSet;

/**
 * Seconds per row of each modality (SUCCESSORS-SPEC §1.3): the time stamp of row {@code k} is
 * {@code k·rate}.
 *
 * @param audio seconds per audio row (VGGish 0.96, SeLaVi 1)
 * @param video seconds per video row (C3D 16/25 = 0.64, SeLaVi 1)
 */
public record FrameRates(double audio, double video) {

    /** The rates of the cls features (VGGish audio, C3D video). */
    public static final FrameRates CLS = new FrameRates(0.96, 0.64);

    /** The rates of the main features (SeLaVi, one row per second). */
    public static final FrameRates MAIN = new FrameRates(1.0, 1.0);

    /**
     * Checks the rates.
     *
     * @throws IllegalArgumentException if a rate is not a positive finite number
     */
    public FrameRates {
        if (!(audio > 0) || !(video > 0) || Double.isInfinite(audio) || Double.isInfinite(video)) {
            throw new IllegalArgumentException(
                    "frame rates must be positive and finite, got audio "
                            + audio
                            + ", video "
                            + video);
        }
    }

    /** The rates of a feature set. */
    public static FrameRates of(FeatureSet features) {
        return features == FeatureSet.MAIN ? MAIN : CLS;
    }
}
