package org.avca4j.sdk;

import java.util.Map;
import org.avca4j.sdk.card.ScoringRule;
import org.avca4j.sdk.evaluation.ScoringKernel;

/**
 * The outputs of one model run over clips for a scoring rule that combines the audio and the video
 * branch ({@link ScoringRule#SUM_OF_DISTANCES}: θa and θv; {@link ScoringRule#GATED}: θa, θv and
 * the hard gate), and the distances they give (docs/model-format.md#scoring-rules). Immutable once
 * made.
 */
final class ClipEmbeddings {

    private final ScoringRule rule;
    private final float[] thetaA;
    private final float[] thetaV;
    private final float[] gate;
    private final int dim;

    /**
     * @param outputs θa, θv and, for GATED, the gate, as the model gave them
     * @throws IllegalArgumentException if the rule does not combine two branches
     */
    ClipEmbeddings(ScoringRule rule, Map<String, float[]> outputs, int dim) {
        if (!rule.combinesBranches()) {
            throw new IllegalArgumentException(rule.label() + " does not combine two branches");
        }
        this.rule = rule;
        this.thetaA = outputs.get(ModelSignature.THETA_A);
        this.thetaV = outputs.get(ModelSignature.THETA_V);
        this.gate = outputs.get(ModelSignature.GATE);
        this.dim = dim;
    }

    /**
     * The distances of the first {@code n} clips to {@code count} classes' θw, {@code [n * count]}
     * row-major, as the trainer's evaluation computes them: {@link ScoringKernel} per branch,
     * combined by the rule.
     */
    float[] distances(int n, float[] thetaW, int count) {
        float[] da = new float[n * count];
        float[] dv = new float[n * count];
        ScoringKernel.distanceMatrix(thetaA, n, thetaW, count, dim, da);
        ScoringKernel.distanceMatrix(thetaV, n, thetaW, count, dim, dv);
        for (int i = 0; i < n; i++) {
            for (int j = i * count; j < (i + 1) * count; j++) {
                da[j] =
                        rule == ScoringRule.GATED
                                ? ScoringKernel.gated(da[j], dv[j], gate[i])
                                : ScoringKernel.sumOfDistances(da[j], dv[j]);
            }
        }
        return da;
    }
}
