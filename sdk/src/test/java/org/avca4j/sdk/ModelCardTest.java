package org.avca4j.sdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class ModelCardTest {

    private static ModelCard card() {
        return ModelCard.builder()
                .setDataset("VGGSound", "cls_features", "cls_split")
                .optDims(128, 4096, 3, 64)
                .addClass("dog barking", 7, ClassRole.SEEN, new float[] {0.6f, 0.8f, 0})
                .addClass("car, engine (idling)", 2, ClassRole.UNSEEN, new float[] {0, 0, 1})
                .setBeta(0.4)
                .optTextOrder("reference")
                .optSeed(42)
                .optTraining(JsonNodeFactory.instance.objectNode().put("bs", 256).put("lr", 1e-3))
                .optTest(JsonNodeFactory.instance.objectNode().put("hm", 0.0831))
                .optProvenance("0.1.0", "2026-01-02T03:04:05Z")
                .build();
    }

    @Test
    void jsonRoundTripsEveryField() throws Exception {
        ModelCard c = card();
        String json = c.toJson();
        assertTrue(json.contains("\"format_version\":1"), json);
        assertTrue(json.contains("\"text_order\":\"reference\""), json);
        assertTrue(json.contains("\"role\":\"UNSEEN\""), json);
        ModelCard back = ModelCard.fromJson(json);
        assertEquals(c, back);
        assertArrayEquals(new float[] {0.6f, 0.8f, 0}, back.classes().get(0).embedding());
        assertEquals(256, back.training().get("bs").asInt());
        assertEquals("car, engine (idling)", back.classes().get(1).name());
    }

    @Test
    void malformedCardsAreRejectedWithTheField() {
        String json = card().toJson();
        assertThrows(ModelFormatException.class, () -> ModelCard.fromJson("not json"));
        ModelFormatException v =
                assertThrows(
                        ModelFormatException.class,
                        () ->
                                ModelCard.fromJson(
                                        json.replace(
                                                "\"format_version\":1", "\"format_version\":2")));
        assertTrue(v.getMessage().contains("format_version"), v.getMessage());
        ModelFormatException m =
                assertThrows(
                        ModelFormatException.class,
                        () -> ModelCard.fromJson(json.replace("\"beta\":0.4,", "")));
        assertTrue(m.getMessage().contains("beta"), m.getMessage());
        ModelFormatException w =
                assertThrows(
                        ModelFormatException.class,
                        () -> ModelCard.fromJson(json.replace("[0.0,0.0,1.0]", "[0.0,1.0]")));
        assertTrue(
                w.getMessage().contains("car, engine (idling)")
                        && w.getMessage().contains("text_dim 3"),
                w.getMessage());
        ModelFormatException d =
                assertThrows(
                        ModelFormatException.class,
                        () ->
                                ModelCard.fromJson(
                                        json.replace("car, engine (idling)", "dog barking")));
        assertTrue(d.getMessage().contains("appears twice"), d.getMessage());
    }

    @Test
    void addedIsNotATrainingRole() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new ModelCard.CardClass("x", 0, ClassRole.ADDED, new float[] {1}));
    }
}
