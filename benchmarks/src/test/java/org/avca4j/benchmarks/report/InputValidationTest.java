package org.avca4j.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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

class InputValidationTest {

    private static final Scores TEST = new Scores(0.5, 0.2, 0.28, 0.22);

    private static SeedRun seedRun(
            Scores test, double beta, int bestEpoch, Map<String, Object> hp) {
        return new SeedRun(
                DatasetName.UCF,
                FeatureSet.MAIN,
                42,
                TextOrder.OWN,
                test,
                beta,
                bestEpoch,
                Fixtures.hmPerEpoch(0.1),
                Fixtures.hmPerEpoch(0.1),
                Fixtures.curve(),
                1.0,
                hp);
    }

    private static void assertRejected(
            String expectedInMessage, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, e);
        assertTrue(thrown.getMessage().contains(expectedInMessage), thrown.getMessage());
    }

    @Test
    void acceptsAValidRunAndTheTinyBetaThatStandsForZero() {
        assertDoesNotThrow(() -> seedRun(TEST, 1.2, 4, Map.of()));
        assertDoesNotThrow(() -> seedRun(TEST, 1e-10, 0, Map.of()));
    }

    @Test
    void rejectsPercentWhereFractionsAreExpected() {
        assertRejected(
                "test HM = 28.0", () -> seedRun(new Scores(0.5, 0.2, 28, 0.22), 1.2, 4, Map.of()));
    }

    @Test
    void rejectsAnEpochOutsideStageOne() {
        assertRejected("bestEpoch 6", () -> seedRun(TEST, 1.2, Fixtures.EPOCHS, Map.of()));
        assertRejected("bestEpoch -1", () -> seedRun(TEST, 1.2, -1, Map.of()));
    }

    @Test
    void rejectsABetaThatIsNotOnTheCurve() {
        assertRejected(
                "beta 1.3 is not a point of betaCurve", () -> seedRun(TEST, 1.3, 4, Map.of()));
    }

    @Test
    void rejectsHyperparametersThatAreNotPlainValues() {
        assertRejected(
                "hyper-parameter 'layers'",
                () -> seedRun(TEST, 1.2, 4, Map.of("layers", List.of(1, 2))));
    }

    @Test
    void rejectsMixedTextOrdersAndRepeatedSeeds() {
        SeedRun own = seedRun(TEST, 1.2, 4, Map.of());
        SeedRun reference =
                Fixtures.run(
                        DatasetName.UCF, FeatureSet.MAIN, 43, TextOrder.REFERENCE, TEST, Map.of());
        MachineInfo m = MachineInfo.current();
        SoftwareVersions v = new SoftwareVersions("x", "y", "z");
        assertRejected(
                "mix text orders",
                () ->
                        new ReproductionRun(
                                List.of(own, reference), m, v, Instant.EPOCH, Instant.EPOCH));
        assertRejected(
                "UCF/main seed 42 appears twice",
                () -> new ReproductionRun(List.of(own, own), m, v, Instant.EPOCH, Instant.EPOCH));
        assertRejected(
                "is before started",
                () ->
                        new ReproductionRun(
                                List.of(own), m, v, Instant.EPOCH.plusSeconds(1), Instant.EPOCH));
        assertRejected(
                "no runs",
                () -> new ReproductionRun(List.of(), m, v, Instant.EPOCH, Instant.EPOCH));
    }

    @Test
    void featureSetParsesShortAndFolderNames() {
        assertEquals(FeatureSet.MAIN, FeatureSet.parse("main"));
        assertEquals(FeatureSet.CLS, FeatureSet.parse("CLS_features"));
        assertRejected("Unknown feature set 'selavi'", () -> FeatureSet.parse("selavi"));
    }
}
