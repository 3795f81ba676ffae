package org.avca4j.trainer.method;

import java.util.Objects;

/**
 * The settings of a two-branch method (CJME, AVGZSLNet; docs/baselines.md): each has a triplet
 * margin, the widths of its embedding nets and its test β rule, and parses its overrides from
 * {@link #typed()}.
 */
public interface TwoBranchSettings extends TypedSettings {

    /** The test β rule (MEAN_OF_THREE as published; BOTH is the fix). */
    TestBetaRule testBeta();

    /**
     * Checks the settings every two-branch method has.
     *
     * @param method the method's display name, for the message
     * @param dropouts every dropout probability, each in [0, 1)
     * @param margin the triplet margin, positive and finite
     * @param widths every layer width, each at least 1
     * @throws IllegalArgumentException naming the method and the value out of range
     * @throws NullPointerException if the test β rule is null
     */
    static void check(
            String method, double[] dropouts, double margin, int[] widths, TestBetaRule testBeta) {
        for (double p : dropouts) {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException(method + " dropouts must be in [0,1), got " + p);
            }
        }
        if (!(margin > 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException(
                    method + " margin must be positive and finite, got " + margin);
        }
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException(
                        method + " layer widths must be at least 1, got " + w);
            }
        }
        Objects.requireNonNull(testBeta, "testBeta");
    }
}
