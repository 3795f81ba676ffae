package org.avca4j.trainer.training;

import java.util.List;
import org.avca4j.trainer.method.TestBetaRule;

/**
 * What reports need of a finished protocol of any method ({@link MethodProtocol}): the tested
 * epoch, β and figures, and the validation curves. {@link ProtocolResult} is the shared protocol's.
 */
public interface ProtocolOutcome {

    /** The id of the method that was run. */
    String method();

    /** The tested epoch, 0-based: E* of stage 1, or the method's own choice. */
    int testEpoch();

    /** The test β (0 for a method without calibrated stacking). */
    double testBeta();

    /** How the test β was chosen. */
    TestBetaRule testBetaRule();

    /** The protocol's own test figures (fractions). */
    TestFigures test();

    /** The validation HM after every stage-1 epoch, epoch 0 first. */
    List<Double> stage1ValidationHm();

    /** The HM after every evaluated stage-2 epoch, epoch 0 first. */
    List<Double> stage2ValidationHm();

    /** Seconds of training and validation over every epoch of both stages. */
    double trainingSeconds();

    /**
     * Where the tested epoch was chosen, as reports print it: {@code stage1-validation} (with the
     * shared protocol's best-epoch rule) or a method's own rule, e.g. {@code test-set-reference}.
     */
    String epochSelection();
}
