package org.avca4j.trainer.method.devise;

import java.util.Locale;

/**
 * The three ranking losses over one bilinear model (docs/baselines.md#devise-family): each sums or
 * picks the hinge costs {@code max(0, m + s_ic − s_iy)} of a clip's wrong classes.
 */
public enum DeviseLoss {
    /** ALE: the sum of the costs weighted by {@code H(r)/(r + 1e-8)}, r the violating classes. */
    ALE("ALE"),
    /** SJE: the single most violating class's cost. */
    SJE("SJE"),
    /** DEVISE: the sum of the costs. */
    DEVISE("DEVISE");

    private final String displayName;

    DeviseLoss(String displayName) {
        this.displayName = displayName;
    }

    /** The method id: the lower-case name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name as the paper's tables print it. */
    public String displayName() {
        return displayName;
    }
}
