package org.avca4j.trainer.method;

import java.util.EnumMap;
import java.util.Map;
import org.avca4j.sdk.card.ScoringRule;
import org.avca4j.sdk.evaluation.ScoringKernel;

/**
 * The three-mode distances of the methods with an audio and a video branch (CJME, AVGZSLNet):
 * {@code d_a = ‖θa − θw‖}, {@code d_v = ‖θv − θw‖} and the method's combination of the two as BOTH,
 * computed with the SDK's kernel and rule so that the SDK reproduces them exactly.
 */
public final class BranchDistances {

    private BranchDistances() {}

    /**
     * @param thetaA {@code [n*dim]} audio embeddings
     * @param thetaV {@code [n*dim]} video embeddings
     * @param thetaW {@code [c*dim]} class embeddings
     * @param rule SUM_OF_DISTANCES or GATED
     * @param gate {@code [n]} hard gate per clip for GATED, else ignored (may be null)
     * @throws IllegalArgumentException for a rule that does not combine two branches, or a missing
     *     gate
     */
    public static ModeDistances of(
            float[] thetaA,
            float[] thetaV,
            float[] thetaW,
            int n,
            int c,
            int dim,
            ScoringRule rule,
            float[] gate) {
        if (!rule.combinesBranches() || (rule == ScoringRule.GATED && gate == null)) {
            throw new IllegalArgumentException(
                    "two-branch distances need a combining rule, got "
                            + rule
                            + (gate == null ? " without a gate" : ""));
        }
        float[] da = new float[n * c];
        float[] dv = new float[n * c];
        float[] both = new float[n * c];
        for (int i = 0; i < n; i++) {
            ScoringKernel.distances(thetaA, i * dim, thetaW, c, dim, da, i * c);
            ScoringKernel.distances(thetaV, i * dim, thetaW, c, dim, dv, i * c);
            for (int j = i * c; j < (i + 1) * c; j++) {
                both[j] =
                        rule == ScoringRule.GATED
                                ? ScoringKernel.gated(da[j], dv[j], gate[i])
                                : ScoringKernel.sumOfDistances(da[j], dv[j]);
            }
        }
        Map<EvalMode, float[]> m = new EnumMap<>(EvalMode.class);
        m.put(EvalMode.AUDIO, da);
        m.put(EvalMode.VIDEO, dv);
        m.put(EvalMode.BOTH, both);
        return ModeDistances.of(m, n, c);
    }
}
