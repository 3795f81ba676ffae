package org.avca4j.trainer.training;

import org.avca4j.trainer.method.EvalMode;
import org.avca4j.trainer.method.TestBetaRule;

/** The test β from stage 1's epoch E* by a method's rule (docs/protocol.md#test-beta). */
final class TestBeta {

    /** What the reference uses when the mean of the three βs is 0. */
    static final double INSTEAD_OF_ZERO = 1e-10;

    private TestBeta() {}

    /**
     * The test β.
     *
     * @param rule the method's rule
     * @param best stage 1's record of E*
     */
    static double of(TestBetaRule rule, EpochRecord best) {
        return switch (rule) {
            case BOTH -> best.beta();
            case MEAN_OF_THREE ->
                    meanOfThree(
                            best.beta(EvalMode.AUDIO),
                            best.beta(EvalMode.VIDEO),
                            best.beta(EvalMode.BOTH));
        };
    }

    /** (β_audio + β_video + β_both) / 3, or {@value #INSTEAD_OF_ZERO} if that is 0. */
    static double meanOfThree(double audio, double video, double both) {
        double mean = (audio + video + both) / 3;
        return mean == 0 ? INSTEAD_OF_ZERO : mean;
    }
}
