package org.avca4j.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.junit.jupiter.api.Test;

class PublishedResultsTest {

    @Test
    void holdsTheSpecTableRows() {
        assertEquals(
                new Scores(51.53, 18.43, 27.15, 20.01),
                PublishedResults.of(DatasetName.UCF, FeatureSet.MAIN).orElseThrow());
        assertEquals(
                new Scores(16.77, 7.04, 9.92, 7.58),
                PublishedResults.of(DatasetName.ACTIVITYNET, FeatureSet.CLS).orElseThrow());
        assertEquals(
                new Scores(14.90, 4.00, 6.31, 6.00),
                PublishedResults.of(DatasetName.VGGSOUND, FeatureSet.MAIN).orElseThrow());
    }

    @Test
    void everyBenchmarkHasFiguresWhoseHmAgreesWithSAndU() {
        for (DatasetName d : DatasetName.values()) {
            for (FeatureSet f : FeatureSet.values()) {
                Scores p = PublishedResults.of(d, f).orElseThrow();
                double hm = 2 * p.seen() * p.unseen() / (p.seen() + p.unseen());
                // S and U are recalled, HM read from the README: they must agree to rounding
                assertEquals(p.harmonicMean(), hm, 0.02, d + " " + f);
                assertTrue(p.zsl() > 0, d + " " + f);
            }
        }
    }
}
