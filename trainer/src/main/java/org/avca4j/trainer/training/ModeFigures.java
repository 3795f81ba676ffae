package org.avca4j.trainer.training;

import org.avca4j.sdk.evaluation.GzslResult;

/**
 * The validation figures of one evaluation mode at its own best β (docs/protocol.md#modes), as
 * fractions in [0, 1].
 *
 * @param seen S
 * @param unseen U
 * @param harmonicMean HM
 * @param zsl ZSL
 * @param beta the β with the best HM of this mode
 */
public record ModeFigures(
        double seen, double unseen, double harmonicMean, double zsl, double beta) {

    static ModeFigures of(GzslResult r) {
        return new ModeFigures(r.seen(), r.unseen(), r.harmonicMean(), r.zsl(), r.beta());
    }
}
