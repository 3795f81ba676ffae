package org.avca4j.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The best-epoch rules on scripted HM histories (docs/protocol.md#best-epoch). */
class BestEpochRuleTest {

    /** The best epoch of a history of validation HMs under a rule. */
    private static int best(BestEpochRule rule, double... hm) {
        int best = -1;
        double bestHm = 0;
        for (int e = 0; e < hm.length; e++) {
            if (rule.replaces(hm[e], bestHm, best < 0)) {
                best = e;
                bestHm = hm[e];
            }
        }
        return best;
    }

    @Test
    void whileEveryHmIsZeroTheReferenceTakesTheLatestEpoch() {
        assertEquals(3, best(BestEpochRule.REFERENCE, 0, 0, 0, 0));
        assertEquals(0, best(BestEpochRule.FIRST_MAXIMUM, 0, 0, 0, 0));
    }

    @Test
    void zerosBeforeTheFirstPositiveHmDoNotMatterAfterIt() {
        // 0, 0 (latest zero wins: 1), .3 (beats 0: 2), .3 (tie: kept), 0 (no: best is not 0), .5.
        assertEquals(5, best(BestEpochRule.REFERENCE, 0, 0, 0.3, 0.3, 0, 0.5, 0.5));
        assertEquals(5, best(BestEpochRule.FIRST_MAXIMUM, 0, 0, 0.3, 0.3, 0, 0.5, 0.5));
        assertEquals(1, best(BestEpochRule.REFERENCE, 0.2, 0.4, 0, 0.4, 0.1));
        assertEquals(1, best(BestEpochRule.FIRST_MAXIMUM, 0.2, 0.4, 0, 0.4, 0.1));
    }

    @Test
    void aZeroAfterZerosMovesTheReferenceButNotTheFix() {
        // HM 0 at epochs 0..2 then 0.25: both take 3; with a trailing 0 the reference stays at 3.
        assertEquals(3, best(BestEpochRule.REFERENCE, 0, 0, 0, 0.25, 0));
        assertEquals(3, best(BestEpochRule.FIRST_MAXIMUM, 0, 0, 0, 0.25, 0));
        assertEquals(2, best(BestEpochRule.REFERENCE, 0, 0, 0));
        assertEquals(0, best(BestEpochRule.FIRST_MAXIMUM, 0, 0, 0));
    }

    @Test
    void testBetaRules() {
        EpochRecord single =
                new EpochRecord(Stage.STAGE_1, 0, 1, 0, 0, 0, 0, 0, 1e-3, 1, 1, 1, 1, 0.4, 0);
        assertEquals(0.4, TestBeta.of(org.avca4j.trainer.method.TestBetaRule.BOTH, single));
        // A single-mode method: (0.4 + 0.4 + 0.4) / 3.
        assertEquals(
                0.4,
                TestBeta.of(org.avca4j.trainer.method.TestBetaRule.MEAN_OF_THREE, single),
                1e-15);
        assertEquals(1.6 / 3, TestBeta.meanOfThree(0.2, 0.4, 1.0), 1e-15);
        assertEquals(0.2, TestBeta.meanOfThree(0, 0, 0.6), 1e-15);
        assertEquals(1e-10, TestBeta.meanOfThree(0, 0, 0));
    }
}
