package org.avca4j.sdk;

import java.util.Map;
import org.avca4j.sdk.evaluation.ScoringKernel;
import org.avca4j.sdk.evaluation.ScoringRule;

/**
 * The outputs of one model run over clips and the card's scoring rule: what a clip's distances to
 * candidate classes are computed from (docs/model-format.md#scoring-rules). For {@link
 * ScoringRule#SINGLE} one embedding per clip; for {@link ScoringRule#SUM_OF_DISTANCES} θa and θv;
 * for {@link ScoringRule#GATED} θa, θv and the hard gate. Immutable once made.
 */
final class ClipEmbeddings {

    private final ScoringRule rule;
    private final float[] single;
    private final float[] thetaA;
    private final float[] thetaV;
    private final float[] gate;
    private final int dim;

    private ClipEmbeddings(
            ScoringRule rule,
            float[] single,
            float[] thetaA,
            float[] thetaV,
            float[] gate,
            int dim) {
        this.rule = rule;
        this.single = single;
        this.thetaA = thetaA;
        this.thetaV = thetaV;
        this.gate = gate;
        this.dim = dim;
    }

    /** One embedding per clip, {@code [n*dim]}. */
    static ClipEmbeddings single(float[] theta, int dim) {
        return new ClipEmbeddings(ScoringRule.SINGLE, theta, null, null, null, dim);
    }

    /**
     * The two-branch outputs of a run.
     *
     * @param outputs θa, θv and, for GATED, the gate
     */
    static ClipEmbeddings branches(ScoringRule rule, Map<String, float[]> outputs, int dim) {
        return new ClipEmbeddings(
                rule,
                null,
                outputs.get(ModelSignature.THETA_A),
                outputs.get(ModelSignature.THETA_V),
                outputs.get(ModelSignature.GATE),
                dim);
    }

    /**
     * The distances of clip {@code clip} to {@code count} classes' θw, as the trainer's evaluation
     * computes them: {@link ScoringKernel} per branch, combined by {@link ScoringRule}.
     */
    void distances(int clip, float[] thetaW, int count, float[] out) {
        int off = clip * dim;
        switch (rule) {
            case SINGLE -> ScoringKernel.distances(single, off, thetaW, count, dim, out, 0);
            case GATED -> {
                // the chosen branch only: equal to ScoringRule.gated of both distances
                float[] branch = gate[clip] >= 0.5f ? thetaV : thetaA;
                ScoringKernel.distances(branch, off, thetaW, count, dim, out, 0);
            }
            case SUM_OF_DISTANCES -> {
                float[] dv = new float[count];
                ScoringKernel.distances(thetaA, off, thetaW, count, dim, out, 0);
                ScoringKernel.distances(thetaV, off, thetaW, count, dim, dv, 0);
                for (int j = 0; j < count; j++) {
                    out[j] = ScoringRule.sum(out[j], dv[j]);
                }
            }
        }
    }
}
