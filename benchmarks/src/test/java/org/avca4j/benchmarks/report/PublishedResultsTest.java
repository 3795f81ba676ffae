package org.avca4j.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
        List<String> methods = PublishedResults.methods();
        assertEquals(
                List.of("avca", "tcaf", "clipclap"),
                methods.subList(methods.size() - 3, methods.size()));
    }

    @Test
    void holdsClipClapFigures() {
        assertEquals(
                new Scores(77.14, 43.91, 55.97, 46.96),
                PublishedResults.of("clipclap", DatasetName.UCF, FeatureSet.CLS).orElseThrow());
        assertEquals("ClipClap-GZSL", PublishedResults.displayName("clipclap"));
        for (DatasetName d : DatasetName.values()) {
            Scores p = PublishedResults.of("clipclap", d, FeatureSet.CLS).orElseThrow();
            double hm = 2 * p.seen() * p.unseen() / (p.seen() + p.unseen());
            assertEquals(p.harmonicMean(), hm, 0.02, d.toString());
            assertTrue(PublishedResults.of("clipclap", d, FeatureSet.MAIN).isEmpty(), d.toString());
            assertFalse(PublishedResults.unverified("clipclap", d, FeatureSet.CLS), d.toString());
        }
    }
}
