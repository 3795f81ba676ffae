package org.avca4j.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.junit.jupiter.api.Test;

class DatasetSummaryTest {

    private static void assertScores(Scores expected, Scores actual, double tolerance) {
        assertEquals(expected.seen(), actual.seen(), tolerance, "S");
        assertEquals(expected.unseen(), actual.unseen(), tolerance, "U");
        assertEquals(expected.harmonicMean(), actual.harmonicMean(), tolerance, "HM");
        assertEquals(expected.zsl(), actual.zsl(), tolerance, "ZSL");
    }

    @Test
    void groupsSortsAndSummarisesInPercent() {
        List<DatasetSummary> summaries = DatasetSummary.of(Fixtures.reproduction());
        assertEquals(2, summaries.size());
        DatasetSummary ucf = summaries.get(0);
        assertEquals(DatasetName.UCF, ucf.dataset());
        assertEquals(FeatureSet.MAIN, ucf.features());
        assertEquals(List.of(1L, 2L), ucf.seeds());
        // S 50, 52 -> mean 51, sample std sqrt(((50-51)^2 + (52-51)^2) / 1) = sqrt(2)
        assertScores(new Scores(51, 19, 27, 23), ucf.mean(), 1e-9);
        double r2 = Math.sqrt(2);
        assertScores(new Scores(r2, r2, r2, r2), ucf.std(), 1e-9);
        assertEquals("ucf-main", ucf.fileStem());
    }

    @Test
    void differenceIsMeanMinusPublished() {
        DatasetSummary ucf = DatasetSummary.of(Fixtures.reproduction()).get(0);
        // published UCF main: 51.53, 18.43, 27.15, 20.01
        assertScores(
                new Scores(51 - 51.53, 19 - 18.43, 27 - 27.15, 23 - 20.01),
                ucf.difference().orElseThrow(),
                1e-9);
        DatasetSummary vgg = DatasetSummary.of(Fixtures.reproduction()).get(1);
        assertEquals(DatasetName.VGGSOUND, vgg.dataset());
        // one seed: std 0; published VGGSound cls: 12.63, 6.19, 8.31, 6.91
        assertScores(new Scores(0, 0, 0, 0), vgg.std(), 0);
        assertScores(new Scores(-0.63, -0.19, -0.31, 0.09), vgg.difference().orElseThrow(), 1e-9);
    }

    @Test
    void seedsOfOneBenchmarkMustShareHyperparameters() {
        Scores t = new Scores(0.5, 0.2, 0.28, 0.22);
        ReproductionRun run =
                new ReproductionRun(
                        List.of(
                                Fixtures.run(
                                        DatasetName.UCF,
                                        FeatureSet.CLS,
                                        1,
                                        TextOrder.OWN,
                                        t,
                                        Map.of("bs", 256)),
                                Fixtures.run(
                                        DatasetName.UCF,
                                        FeatureSet.CLS,
                                        2,
                                        TextOrder.OWN,
                                        t,
                                        Map.of("bs", 64))),
                        Fixtures.reproduction().machine(),
                        Fixtures.reproduction().versions(),
                        Instant.EPOCH,
                        Instant.EPOCH);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DatasetSummary.of(run));
        assertTrue(
                e.getMessage().contains("UCF/cls") && e.getMessage().contains("seed 2"),
                e.getMessage());
    }
}
