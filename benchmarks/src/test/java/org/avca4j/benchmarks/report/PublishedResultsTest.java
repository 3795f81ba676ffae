package org.avca4j.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void holdsTcafFiguresAndMarksTheMainOnesUnverified() {
        assertEquals(
                new Scores(67.14, 40.83, 50.78, 44.64),
                PublishedResults.of("tcaf", DatasetName.UCF, FeatureSet.CLS).orElseThrow());
        assertEquals(
                new Scores(18.70, 7.50, 10.71, 7.91),
                PublishedResults.of("tcaf", DatasetName.ACTIVITYNET, FeatureSet.MAIN)
                        .orElseThrow());
        assertEquals("TCaF", PublishedResults.displayName("tcaf"));
        for (DatasetName d : DatasetName.values()) {
            assertTrue(PublishedResults.unverified("tcaf", d, FeatureSet.MAIN), d.toString());
            assertFalse(PublishedResults.unverified("tcaf", d, FeatureSet.CLS), d.toString());
            assertFalse(PublishedResults.unverified("avca", d, FeatureSet.MAIN), d.toString());
            for (FeatureSet f : FeatureSet.values()) {
                Scores p = PublishedResults.of("tcaf", d, f).orElseThrow();
                double hm = 2 * p.seen() * p.unseen() / (p.seen() + p.unseen());
                assertEquals(p.harmonicMean(), hm, 0.02, d + " " + f);
            }
        }
        assertEquals("avca", PublishedResults.methods().get(PublishedResults.methods().size() - 2));
    }
}
