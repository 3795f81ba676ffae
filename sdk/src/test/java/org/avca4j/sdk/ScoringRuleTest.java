package org.avca4j.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.avca4j.sdk.card.ScoringRule;
import org.junit.jupiter.api.Test;

/**
 * The card's scoring rule on the tiny model (θa = (a0, a1, 0), θv = (v0, v1, v2 + a0), θw = 2·t;
 * classes a = (2,0,0) seen, b = (0,2,0) unseen, c = (0,0,2) seen, β 0.6), against distances worked
 * out by hand.
 */
class ScoringRuleTest {

    private static ZeroShotClassifier classifier(String rule, boolean gate) throws Exception {
        TinyModels.Graph g =
                new TinyModels.Graph().card(TinyModels.withScoringRule(TinyModels.abcCard(), rule));
        return ZeroShotClassifier.builder().setModel((gate ? g.withGate() : g).build()).build();
    }

    /**
     * Clip a = (0,1), v = 0: θa = (0,1,0), θv = 0; d_a = (√5, 1, √5), d_v = (2, 2, 2), so the sums
     * are (2+√5, 3, 2+√5) → b at 3. Clip a = (2,0), v = 0: θa = (2,0,0), θv = (0,0,2); the sums are
     * (√8, 2√8, √8), a and c tie at √8 + β and the first column, a, wins.
     */
    @Test
    void sumOfDistances() throws Exception {
        try (ZeroShotClassifier zsc = classifier("sum_of_distances", false)) {
            assertEquals(ScoringRule.SUM_OF_DISTANCES, zsc.card().scoringRule());
            List<Prediction> p =
                    zsc.classifyBatch(
                            new float[][] {{0, 1}, {2, 0}}, new float[][] {{0, 0, 0}, {0, 0, 0}});
            assertEquals("b", p.get(0).label());
            assertEquals(3.0, p.get(0).distance(), 1e-6);
            assertEquals("a", p.get(1).label());
            assertEquals(Math.sqrt(8), p.get(1).distance(), 1e-6);
            assertEquals(Math.sqrt(8) + 0.6, p.get(1).calibratedDistance(), 1e-6);
        }
    }

    /**
     * The tiny gate is 1 where v0 ≥ 0.5. Clip a = (0,1), v = (1,0,0): gate 1, θv = (1,0,0),
     * distances (1, √5, √5) + β on seen → a at 1. Clip a = (0,1), v = 0: gate 0, θa = (0,1,0),
     * distances (√5, 1, √5) → b at 1. A class d added at run time with embedding (0.6, 0.8, 0, 0)
     * (θw = (1.2, 1.6, 0)) is scored the same way: clip a = (1,2), v = 0 (gate 0, θa = (1,2,0)) is
     * at √0.2 from d, nearer than b (1).
     */
    @Test
    void gatedChoiceIncludingAnAddedClass() throws Exception {
        try (ZeroShotClassifier zsc = classifier("gated", true)) {
            assertEquals(ScoringRule.GATED, zsc.card().scoringRule());
            List<Prediction> p =
                    zsc.classifyBatch(
                            new float[][] {{0, 1}, {0, 1}}, new float[][] {{1, 0, 0}, {0, 0, 0}});
            assertEquals("a", p.get(0).label());
            assertEquals(1.0, p.get(0).distance(), 1e-6);
            assertEquals("b", p.get(1).label());
            assertEquals(1.0, p.get(1).distance(), 1e-6);

            CandidateSet withD =
                    zsc.candidateSetBuilder()
                            .addClasses(List.of("a", "b", "c"))
                            .addClass("d", new float[] {0.6f, 0.8f, 0, 0})
                            .build();
            Prediction d = zsc.classify(new float[] {1, 2}, new float[] {0, 0, 0}, withD);
            assertEquals("d", d.label());
            assertEquals(ClassRole.ADDED, d.role());
            assertEquals(Math.sqrt(0.2), d.distance(), 1e-6);
            zsc.addClass("e", new float[] {0, 0.6f, 0.8f, 0});
            // gate 1, θv = (1,0,0): e's θw = (0, 1.2, 1.6), at √(1 + 1.44 + 2.56) = √5 — a stays
            assertEquals("a", zsc.classify(new float[] {0, 1}, new float[] {1, 0, 0}).label());
        }
    }

    @Test
    void cardsWithoutTheFieldScoreOneEmbedding() throws Exception {
        assertEquals(
                ScoringRule.EMBEDDING_DISTANCE,
                ModelCard.fromJson(TinyModels.abcCard()).scoringRule());
        assertEquals(
                ScoringRule.EMBEDDING_DISTANCE,
                ModelCard.fromJson(
                                TinyModels.withScoringRule(
                                        TinyModels.abcCard(), "embedding_distance"))
                        .scoringRule());
    }

    @Test
    void unknownRuleAndMissingGateAreRefused() {
        ModelFormatException unknown =
                assertThrows(
                        ModelFormatException.class,
                        () ->
                                ModelCard.fromJson(
                                        TinyModels.withScoringRule(TinyModels.abcCard(), "max")));
        assertTrue(unknown.getMessage().contains("'scoring_rule'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("sum_of_distances"), unknown.getMessage());
        ModelFormatException noGate =
                assertThrows(ModelFormatException.class, () -> classifier("gated", false).close());
        assertTrue(noGate.getMessage().contains("gate"), noGate.getMessage());
    }
}
