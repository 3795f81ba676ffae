package org.avca4j.trainer.method.cjme;

/**
 * How CJME weights its audio and video triplet terms by the attention ω (docs/baselines.md#cjme).
 */
public enum TripletWeighting {
    /**
     * The reference's broadcast: {@code mean(1−ω)·mean(l_ta) + mean(ω)·mean(l_tv)}, the product of
     * a [B,1] and a [B] tensor averaged over [B,B]. The default, as published.
     */
    BROADCAST,
    /** The intended per-sample weighting {@code (1/B)·Σ_i[(1−ω_i)·l_ta,i + ω_i·l_tv,i]}. */
    PER_SAMPLE
}
