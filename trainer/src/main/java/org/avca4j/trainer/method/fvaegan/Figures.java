package org.avca4j.trainer.method.fvaegan;

/**
 * S, U, HM and ZSL of one evaluation, as fractions in [0, 1].
 *
 * @param seen S: mean per-class accuracy over the evaluation's seen classes
 * @param unseen U: the same over its unseen classes
 * @param harmonicMean HM = 2SU/(S+U), 0 when both are 0
 * @param zsl the ZSL classifier's mean per-class accuracy on the unseen clips
 */
public record Figures(double seen, double unseen, double harmonicMean, double zsl) {

    /** The figures of a GAN epoch at given classifier epochs. */
    static Figures at(FvaeganEvaluation.EpochFigures f, int gzslEpoch, int zslEpoch) {
        return new Figures(
                f.gzsl().seen()[gzslEpoch],
                f.gzsl().unseen()[gzslEpoch],
                f.gzsl().harmonicMean()[gzslEpoch],
                f.zsl().accuracy()[zslEpoch]);
    }
}
