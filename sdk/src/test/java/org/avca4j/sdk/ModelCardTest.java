package org.avca4j.sdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelCardTest {

    /** A card as the exporter writes it (docs/model-format.md), written out by hand. */
    private static final String JSON =
            "{\"format_version\":1,\"dataset\":\"VGGSound\",\"feature_set\":\"cls_features\","
                    + "\"split\":\"cls_split\",\"audio_dim\":128,\"video_dim\":4096,\"text_dim\":3,"
                    + "\"embedding_dim\":64,\"beta\":0.4,\"text_order\":\"reference\",\"seed\":42,"
                    + "\"training\":{\"bs\":256,\"lr\":0.001,\"model\":{\"heads\":3},\"tags\":[\"a\",1]},"
                    + "\"validation\":{\"clip_set\":\"stage1_val\",\"epoch\":12,\"harmonic_mean\":0.27},"
                    + "\"test\":{\"hm\":0.0831},"
                    + "\"project_version\":\"0.1.0\",\"created\":\"2026-01-02T03:04:05Z\","
                    + "\"classes\":["
                    + "{\"name\":\"dog barking\",\"id\":7,\"role\":\"SEEN\",\"embedding\":[0.6,0.8,0.0]},"
                    + "{\"name\":\"car, engine (idling)\",\"id\":2,\"role\":\"UNSEEN\","
                    + "\"embedding\":[0.0,0.0,1.0]}]}";

    @Test
    void everyFieldIsReadAsPlainJavaValues() throws Exception {
        ModelCard c = ModelCard.fromJson(JSON);
        assertEquals(1, c.formatVersion());
        assertEquals(DatasetName.VGGSOUND, c.dataset());
        assertEquals(FeatureSet.CLS, c.featureSet());
        assertEquals(SplitName.CLS, c.split());
        assertEquals(
                List.of(128, 4096, 3, 64),
                List.of(c.audioDim(), c.videoDim(), c.textDim(), c.embeddingDim()));
        assertEquals(0.4, c.beta());
        assertEquals(TextOrder.REFERENCE, c.textOrder());
        assertEquals(42, c.seed());
        assertEquals("0.1.0", c.projectVersion());
        assertEquals("2026-01-02T03:04:05Z", c.created());
        assertEquals(2, c.classes().size());
        ModelCard.CardClass dog = c.classes().get(0);
        assertEquals("dog barking", dog.name());
        assertEquals(7, dog.id());
        assertEquals(ClassRole.SEEN, dog.role());
        assertArrayEquals(new float[] {0.6f, 0.8f, 0}, dog.embedding());
        assertEquals("car, engine (idling)", c.classes().get(1).name());
        assertEquals(ClassRole.UNSEEN, c.classes().get(1).role());
        // Free-form objects: JSON ints as Integer, fractions as Double, nested maps and lists.
        assertEquals(256, c.training().get("bs"));
        assertEquals(0.001, c.training().get("lr"));
        assertEquals(Map.of("heads", 3), c.training().get("model"));
        assertEquals(List.of("a", 1), c.training().get("tags"));
        assertEquals(
                List.of("clip_set", "epoch", "harmonic_mean"),
                List.copyOf(c.validation().keySet()));
        assertEquals(12, c.validation().get("epoch"));
        assertEquals(0.0831, c.test().get("hm"));
        assertEquals(c, ModelCard.fromJson(JSON));
    }

    @Test
    void theCardCannotBeChangedThroughWhatItReturns() throws Exception {
        ModelCard c = ModelCard.fromJson(JSON);
        c.classes().get(0).embedding()[0] = 99;
        assertEquals(0.6f, c.classes().get(0).embedding()[0]);
        assertThrows(UnsupportedOperationException.class, () -> c.classes().clear());
        assertThrows(UnsupportedOperationException.class, () -> c.training().put("x", 1));
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) c.training().get("model");
        assertThrows(UnsupportedOperationException.class, () -> model.put("heads", 4));
        @SuppressWarnings("unchecked")
        List<Object> tags = (List<Object>) c.training().get("tags");
        assertThrows(UnsupportedOperationException.class, () -> tags.add("b"));
        assertThrows(UnsupportedOperationException.class, () -> c.test().remove("hm"));
    }

    @Test
    void optionalFieldsMayBeAbsent() throws Exception {
        String bare =
                JSON.replace("\"seed\":42,", "")
                        .replace(
                                "\"training\":{\"bs\":256,\"lr\":0.001,\"model\":{\"heads\":3},\"tags\":[\"a\",1]},",
                                "")
                        .replace(
                                "\"project_version\":\"0.1.0\",\"created\":\"2026-01-02T03:04:05Z\",",
                                "");
        ModelCard c = ModelCard.fromJson(bare);
        assertEquals(0, c.seed());
        assertEquals(Map.of(), c.training());
        assertNull(c.projectVersion());
        assertNull(c.created());
    }

    @Test
    void textThatIsNotJsonIsRejected() {
        assertThrows(ModelFormatException.class, () -> ModelCard.fromJson("not json"));
    }

    /**
     * Each broken card is the valid one with one edit; its rejection names what is wrong (the
     * field, the class, the value).
     */
    @ParameterizedTest(name = "{1}")
    @MethodSource({"malformedFields", "nonFiniteEmbeddings", "badBetas", "nullClassParts"})
    void aBrokenCardIsRejectedNamingWhatIsWrong(String json, String expected) {
        assertMessage(json, expected);
    }

    static Stream<Arguments> malformedFields() {
        return Stream.of(
                edit("\"format_version\":1", "\"format_version\":2", "format_version"),
                edit("\"beta\":0.4,", "", "has no 'beta' field"),
                edit(
                        "[0.0,0.0,1.0]",
                        "[0.0,1.0]",
                        "class 'car, engine (idling)' (classes[1]) has an embedding of 2 floats, expected text_dim 3"),
                edit("car, engine (idling)", "dog barking", "'dog barking' appears twice"),
                edit(
                        "\"dataset\":\"VGGSound\"",
                        "\"dataset\":\"random\"",
                        "field 'dataset': Unknown dataset 'random': expected one of UCF, ActivityNet, VGGSound"),
                edit(
                        "cls_features",
                        "other_features",
                        "field 'feature_set': Unknown feature set 'other_features'"),
                edit(
                        "\"text_order\":\"reference\"",
                        "\"text_order\":7",
                        "field 'text_order' must be a string, got 7"),
                edit(
                        "\"text_dim\":3",
                        "\"text_dim\":0",
                        "'text_dim' must be a positive integer, got 0"),
                edit(
                        "\"role\":\"UNSEEN\"",
                        "\"role\":\"ADDED\"",
                        "class 'car, engine (idling)' (classes[1]): 'role' must be \"SEEN\" or \"UNSEEN\", got \"ADDED\""),
                Arguments.of(
                        JSON.replace("\"training\":{", "\"training\":[{")
                                .replace("\"tags\":[\"a\",1]}", "\"tags\":[\"a\",1]}]"),
                        "field 'training' must be a JSON object, got ARRAY"));
    }

    static Stream<Arguments> nonFiniteEmbeddings() {
        return Stream.of(
                edit(
                        "[0.6,0.8,0.0]",
                        "[0.6,\"NaN\",0.0]",
                        "class 'dog barking' (classes[0]): 'embedding'[1] must be a finite number that fits a float, got \"NaN\""),
                edit(
                        "[0.6,0.8,0.0]",
                        "[\"Infinity\",0.8,0.0]",
                        "class 'dog barking' (classes[0]): 'embedding'[0] must be a finite number that fits a float, got \"Infinity\""),
                // Finite as a double, but +Infinity as the float the model is fed.
                edit(
                        "[0.0,0.0,1.0]",
                        "[0.0,0.0,1e39]",
                        "class 'car, engine (idling)' (classes[1]): 'embedding'[2] must be a finite number that fits a float, got 1.0E39"),
                // Jackson's non-standard bare NaN is not JSON at all.
                edit("[0.6,0.8,0.0]", "[0.6,NaN,0.0]", "not valid JSON"));
    }

    /** Non-finite and negative betas, each named in the message; 1e400 overflows the double. */
    static Stream<Arguments> badBetas() {
        return Stream.concat(
                Stream.of("\"NaN\"", "\"Infinity\"", "-0.1")
                        .map(
                                bad ->
                                        edit(
                                                "\"beta\":0.4",
                                                "\"beta\":" + bad,
                                                "field 'beta' must be a finite number >= 0, got "
                                                        + bad)),
                Stream.of(
                        edit(
                                "\"beta\":0.4",
                                "\"beta\":1e400",
                                "field 'beta' must be a finite number >= 0")));
    }

    /** A null class, or a class's null part, says what was expected. */
    static Stream<Arguments> nullClassParts() {
        return Stream.of(
                edit(
                        "\"classes\":[",
                        "\"classes\":[null,",
                        "model card: classes[0] must be an object with name, id, role and embedding, got null"),
                edit(
                        "{\"name\":\"dog barking\",",
                        "{\"name\":null,",
                        "model card: classes[0]: 'name' must be a non-empty string, got null"),
                edit(
                        "\"id\":7,",
                        "\"id\":null,",
                        "class 'dog barking' (classes[0]): 'id' must be an integer (-1 if none), got null"),
                edit(
                        "\"embedding\":[0.6,0.8,0.0]",
                        "\"embedding\":null",
                        "class 'dog barking' (classes[0]): 'embedding' must be an array of numbers, got null"),
                Arguments.of(
                        JSON.replace("\"classes\":[", "\"classes\":{\"x\":[")
                                .replace("]}]}", "]}]}}"),
                        "field 'classes' must be an array of class objects, got OBJECT"));
    }

    /**
     * The valid card with {@code from} replaced by {@code to}, and the words its rejection holds.
     */
    private static Arguments edit(String from, String to, String expected) {
        return Arguments.of(JSON.replace(from, to), expected);
    }

    @Test
    void precisionIsFp32WhenAbsentAndReadWhenGiven() throws Exception {
        assertEquals(org.avca4j.sdk.card.Precision.FP32, ModelCard.fromJson(JSON).precision());
        String int8 = JSON.replace("\"beta\":0.4", "\"beta\":0.4,\"precision\":\"int8\"");
        assertEquals(org.avca4j.sdk.card.Precision.INT8, ModelCard.fromJson(int8).precision());
        assertMessage(JSON.replace("\"beta\":0.4", "\"beta\":0.4,\"precision\":\"fp4\""), "fp4");
    }

    private static void assertMessage(String json, String expected) {
        ModelFormatException e =
                assertThrows(ModelFormatException.class, () -> ModelCard.fromJson(json), json);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
