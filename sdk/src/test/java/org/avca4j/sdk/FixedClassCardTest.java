package org.avca4j.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.avca4j.sdk.card.ScoringRule;
import org.junit.jupiter.api.Test;

/** The card's optional {@code scoring_rule} (docs/model-format.md#fixed-class-models). */
class FixedClassCardTest {

    private static String card(String rule, int embeddingDim) {
        return "{\"format_version\":1,\"dataset\":\"UCF\",\"feature_set\":\"main_features\","
                + "\"split\":\"main_split\",\"audio_dim\":2,\"video_dim\":2,\"text_dim\":2,"
                + "\"embedding_dim\":"
                + embeddingDim
                + ",\"beta\":0,\"text_order\":\"own\","
                + (rule == null ? "" : "\"scoring_rule\":\"" + rule + "\",")
                + "\"classes\":["
                + "{\"name\":\"a\",\"id\":0,\"role\":\"SEEN\",\"embedding\":[1,0]},"
                + "{\"name\":\"b\",\"id\":3,\"role\":\"UNSEEN\",\"embedding\":[0,1]}]}";
    }

    @Test
    void aCardWithoutTheFieldScoresByEmbeddingDistance() throws Exception {
        assertEquals(
                ScoringRule.EMBEDDING_DISTANCE, ModelCard.fromJson(card(null, 64)).scoringRule());
    }

    @Test
    void fixedClassesNeedsOneScorePerClass() throws Exception {
        assertEquals(
                ScoringRule.FIXED_CLASSES,
                ModelCard.fromJson(card("fixed_classes", 2)).scoringRule());
        ModelFormatException e =
                assertThrows(
                        ModelFormatException.class,
                        () -> ModelCard.fromJson(card("fixed_classes", 64)));
        assertTrue(e.getMessage().contains("embedding_dim 64 and 2 classes"), e.getMessage());
    }

    @Test
    void anUnknownRuleIsRefusedNamingTheField() {
        ModelFormatException e =
                assertThrows(
                        ModelFormatException.class, () -> ModelCard.fromJson(card("nearest", 2)));
        assertTrue(e.getMessage().contains("scoring_rule"), e.getMessage());
        assertTrue(e.getMessage().contains("fixed_classes"), e.getMessage());
    }
}
