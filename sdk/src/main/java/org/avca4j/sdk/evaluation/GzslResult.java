package org.avca4j.sdk.evaluation;

import java.util.List;
import java.util.Map;

/**
 * The GZSL figures of one evaluation (docs/protocol.md), as fractions in [0, 1].
 *
 * @param seen S: mean per-class accuracy over the seen classes, all candidates competing
 * @param unseen U: the same over the unseen classes
 * @param harmonicMean HM = 2SU/(S+U), 0 when S = U = 0
 * @param zsl mean per-class accuracy over the unseen classes with only unseen candidates
 *     (independent of β); NaN when the set has no unseen clip
 * @param beta the calibration β these figures were computed with
 * @param perClassAccuracy GZSL accuracy of every class that has clips, by class id
 * @param curve S, U and HM for every β tried, in the order tried (one point when β was given)
 */
public record GzslResult(
        double seen,
        double unseen,
        double harmonicMean,
        double zsl,
        double beta,
        Map<Integer, Double> perClassAccuracy,
        List<BetaPoint> curve) {

    /** The figures at one β of a search. */
    public record BetaPoint(double beta, double seen, double unseen, double harmonicMean) {}

    /** 2SU/(S+U), defined as 0 when both are 0. */
    public static double harmonicMean(double s, double u) {
        return s + u == 0 ? 0 : 2 * s * u / (s + u);
    }
}
