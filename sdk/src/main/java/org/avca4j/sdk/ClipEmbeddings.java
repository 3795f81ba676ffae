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
     * The distances of clip {@code clip} to {@code count} classes' θw, as the trainer's evaluation
     * computes them: {@link ScoringKernel} per branch, combined by the rule.
     */
    void distances(int clip, float[] thetaW, int count, float[] out) {
        int off = clip * dim;
        if (rule == ScoringRule.GATED) {
            // the chosen branch only: equal to ScoringKernel.gated of both distances
            float[] branch = gate[clip] >= 0.5f ? thetaV : thetaA;
            ScoringKernel.distances(branch, off, thetaW, count, dim, out, 0);
            return;
        }
        float[] dv = new float[count];
        ScoringKernel.distances(thetaA, off, thetaW, count, dim, out, 0);
        ScoringKernel.distances(thetaV, off, thetaW, count, dim, dv, 0);
        for (int j = 0; j < count; j++) {
            out[j] = ScoringKernel.sumOfDistances(out[j], dv[j]);
        }
    }
}
