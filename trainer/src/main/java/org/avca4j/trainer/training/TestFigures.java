package org.avca4j.trainer.training;

import java.util.Map;
import java.util.TreeMap;
import org.avca4j.sdk.evaluation.GzslResult;

/**
 * The figures of the final test (docs/protocol.md), as fractions in [0, 1].
 *
 * @param seen S
 * @param unseen U
 * @param harmonicMean HM
 * @param zsl ZSL (only unseen candidates, independent of β)
 * @param beta the β used: β* of stage 1
 * @param perClassAccuracy GZSL accuracy of every test class, by class id
 */
public record TestFigures(
        double seen,
        double unseen,
        double harmonicMean,
        double zsl,
        double beta,
        Map<Integer, Double> perClassAccuracy) {

    public TestFigures {
        perClassAccuracy = java.util.Collections.unmodifiableMap(new TreeMap<>(perClassAccuracy));
    }

    static TestFigures of(GzslResult result) {
        return new TestFigures(
                result.seen(),
                result.unseen(),
                result.harmonicMean(),
                result.zsl(),
                result.beta(),
                result.perClassAccuracy());
    }
}
