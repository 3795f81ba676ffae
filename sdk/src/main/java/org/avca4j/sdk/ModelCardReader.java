package org.avca4j.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.Precision;
import org.avca4j.sdk.card.ScoringRule;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;

/**
 * Parses and checks the JSON of a {@link ModelCard} (docs/model-format.md). Jackson stays inside
 * this class: the card it returns holds plain Java values only. Every number the model computes
 * with (β, the class embeddings) must be a finite JSON number: a string such as {@code "NaN"} or a
 * value that overflows a float is refused, since it would make every distance NaN.
 */
final class ModelCardReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModelCardReader() {}

    static ModelCard read(String json) throws ModelFormatException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(
                    "model card is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ModelFormatException("model card must be a JSON object");
        }
        JsonNode version = tree.get("format_version");
        if (version == null
                || !version.isIntegralNumber()
                || !version.canConvertToInt()
                || version.asInt() != ModelCard.FORMAT_VERSION) {
            throw new ModelFormatException(
                    "model card format_version is "
                            + version
                            + ", this SDK reads "
                            + ModelCard.FORMAT_VERSION);
        }
        DatasetName dataset = named(tree, "dataset", DatasetName::parse);
        FeatureSet featureSet = named(tree, "feature_set", FeatureSet::parse);
        SplitName split = named(tree, "split", SplitName::parse);
        int[] dims = {
            positive(tree, "audio_dim"),
            positive(tree, "video_dim"),
            positive(tree, "text_dim"),
            positive(tree, "embedding_dim")
        };
        double beta = required(tree, "beta").asDouble();
        if (!required(tree, "beta").isNumber() || !Double.isFinite(beta) || beta < 0) {
            throw new ModelFormatException(
                    "model card field 'beta' must be a finite number >= 0, got "
                            + tree.get("beta"));
        }
        TextOrder textOrder = named(tree, "text_order", TextOrder::parse);
        long seed = 0;
        JsonNode seedNode = tree.get("seed");
        if (seedNode != null && !seedNode.isNull()) {
            if (!seedNode.isIntegralNumber() || !seedNode.canConvertToLong()) {
                throw new ModelFormatException(
                        "model card field 'seed' must be an integer, got " + seedNode);
            }
            seed = seedNode.asLong();
        }
        ScoringRule rule =
                tree.hasNonNull("scoring_rule")
                        ? named(tree, "scoring_rule", ScoringRule::parse)
                        : ScoringRule.EMBEDDING_DISTANCE;
        Precision precision =
                tree.hasNonNull("precision")
                        ? named(tree, "precision", Precision::parse)
                        : Precision.FP32;
        List<Map<String, Object>> freeForm = new ArrayList<>();
        for (String field : List.of("training", "validation", "test")) {
            freeForm.add(object(tree, field));
        }
        List<ModelCard.CardClass> classes = classes(required(tree, "classes"), dims[2]);
        if (rule == ScoringRule.FIXED_CLASSES && dims[3] != classes.size()) {
            throw new ModelFormatException(
                    "model card: scoring_rule fixed_classes needs embedding_dim = the number of"
                            + " classes (one score per class), got embedding_dim "
                            + dims[3]
                            + " and "
                            + classes.size()
                            + " classes");
        }
        return new ModelCard(
                ModelCard.FORMAT_VERSION,
                dataset,
                featureSet,
                split,
                dims,
                classes,
                beta,
                textOrder,
                seed,
                freeForm,
                optionalText(tree, "project_version"),
                optionalText(tree, "created"),
                rule,
                precision);
    }

    private static JsonNode required(JsonNode tree, String field) throws ModelFormatException {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull()) {
            throw new ModelFormatException("model card has no '" + field + "' field");
        }
        return node;
    }

    private static <T> T named(JsonNode tree, String field, Function<String, T> parse)
            throws ModelFormatException {
        JsonNode node = required(tree, field);
        if (!node.isTextual()) {
            throw new ModelFormatException(
                    "model card field '" + field + "' must be a string, got " + node);
        }
        try {
            return parse.apply(node.asText());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(
                    "model card field '" + field + "': " + e.getMessage(), e);
        }
    }

    private static int positive(JsonNode tree, String field) throws ModelFormatException {
        JsonNode node = required(tree, field);
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() <= 0) {
            throw new ModelFormatException(
                    "model card field '" + field + "' must be a positive integer, got " + node);
        }
        return node.asInt();
    }

    private static String optionalText(JsonNode tree, String field) throws ModelFormatException {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new ModelFormatException(
                    "model card field '" + field + "' must be a string, got " + node);
        }
        return node.asText();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(JsonNode tree, String field)
            throws ModelFormatException {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new ModelFormatException(
                    "model card field '"
                            + field
                            + "' must be a JSON object, got "
                            + node.getNodeType());
        }
        return (Map<String, Object>) plain(node);
    }

    /** A JSON value as unmodifiable plain Java values, see {@link ModelCard}. */
    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                map.put(e.getKey(), plain(e.getValue()));
            }
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonNode element : node) {
                list.add(plain(element));
            }
            return Collections.unmodifiableList(list);
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isLong()) {
            return node.longValue();
        }
        if (node.isBigInteger()) {
            return node.bigIntegerValue();
        }
        return node.doubleValue();
    }

    private static List<ModelCard.CardClass> classes(JsonNode array, int textDim)
            throws ModelFormatException {
        if (!array.isArray()) {
            throw new ModelFormatException(
                    "model card field 'classes' must be an array of class objects, got "
                            + array.getNodeType());
        }
        List<ModelCard.CardClass> classes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            ModelCard.CardClass c = cardClass(array.get(i), i, textDim);
            if (!names.add(c.name())) {
                throw new ModelFormatException(
                        "model card: class name '" + c.name() + "' appears twice");
            }
            classes.add(c);
        }
        return classes;
    }

    private static ModelCard.CardClass cardClass(JsonNode node, int index, int textDim)
            throws ModelFormatException {
        String where = "model card: classes[" + index + "]";
        if (node == null || !node.isObject()) {
            throw new ModelFormatException(
                    where
                            + " must be an object with name, id, role and embedding, got "
                            + (node == null ? "nothing" : node.toString()));
        }
        JsonNode nameNode = node.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isEmpty()) {
            throw new ModelFormatException(
                    where + ": 'name' must be a non-empty string, got " + nameNode);
        }
        String name = nameNode.asText();
        where = "model card: class '" + name + "' (classes[" + index + "])";
        JsonNode idNode = node.get("id");
        if (idNode == null || !idNode.isIntegralNumber() || !idNode.canConvertToInt()) {
            throw new ModelFormatException(
                    where + ": 'id' must be an integer (-1 if none), got " + idNode);
        }
        JsonNode roleNode = node.get("role");
        ClassRole role =
                roleNode != null && roleNode.isTextual()
                        ? switch (roleNode.asText()) {
                            case "SEEN" -> ClassRole.SEEN;
                            case "UNSEEN" -> ClassRole.UNSEEN;
                            default -> null;
                        }
                        : null;
        if (role == null) {
            throw new ModelFormatException(
                    where + ": 'role' must be \"SEEN\" or \"UNSEEN\", got " + roleNode);
        }
        JsonNode embeddingNode = node.get("embedding");
        if (embeddingNode == null || !embeddingNode.isArray()) {
            throw new ModelFormatException(
                    where + ": 'embedding' must be an array of numbers, got " + embeddingNode);
        }
        if (embeddingNode.size() != textDim) {
            throw new ModelFormatException(
                    where
                            + " has an embedding of "
                            + embeddingNode.size()
                            + " floats, expected text_dim "
                            + textDim);
        }
        float[] embedding = new float[textDim];
        for (int j = 0; j < textDim; j++) {
            JsonNode v = embeddingNode.get(j);
            float f = v.isNumber() ? v.floatValue() : Float.NaN;
            if (!Float.isFinite(f)) {
                throw new ModelFormatException(
                        where
                                + ": 'embedding'["
                                + j
                                + "] must be a finite number that fits a float, got "
                                + v);
            }
            embedding[j] = f;
        }
        return new ModelCard.CardClass(name, idNode.asInt(), role, embedding);
    }
}
