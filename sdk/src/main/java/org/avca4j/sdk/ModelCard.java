package org.avca4j.sdk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an exported AVCA model was trained on and how well it did: stored as JSON under {@link
 * ModelSignature#CARD_KEY} in the ONNX model's {@code metadata_props}. The exporter writes it and
 * the SDK reads its class vocabulary, β* and input widths from it. docs/model-format.md describes
 * every field.
 *
 * @param formatVersion version of this card format ({@link #FORMAT_VERSION})
 * @param dataset benchmark name, e.g. {@code UCF}
 * @param featureSet {@code main_features} or {@code cls_features}
 * @param split {@code main_split} or {@code cls_split}
 *     <p>Widths may be 0 ("not yet known") in a card handed to the exporter, which sets them from
 *     the weights; a card read from a model has them all positive.
 * @param audioDim width of the {@code audio} input
 * @param videoDim width of the {@code video} input
 * @param textDim width of the {@code text} input and of each class embedding
 * @param embeddingDim width of θv, θa and θw
 * @param classes the vocabulary, in candidate order
 * @param beta β* chosen on validation, the calibrated-stacking default
 * @param textOrder which text embedding each class received in training ({@code own} or {@code
 *     reference})
 * @param training the training configuration, free form (a JSON object)
 * @param seed the training seed
 * @param validation validation figures, free form (a JSON object)
 * @param test test figures, free form (a JSON object)
 * @param projectVersion the avca4j version that exported the model
 * @param created when the model was exported, ISO-8601
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "format_version",
    "dataset",
    "feature_set",
    "split",
    "audio_dim",
    "video_dim",
    "text_dim",
    "embedding_dim",
    "beta",
    "text_order",
    "seed",
    "training",
    "validation",
    "test",
    "project_version",
    "created",
    "classes"
})
public record ModelCard(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("dataset") String dataset,
        @JsonProperty("feature_set") String featureSet,
        @JsonProperty("split") String split,
        @JsonProperty("audio_dim") int audioDim,
        @JsonProperty("video_dim") int videoDim,
        @JsonProperty("text_dim") int textDim,
        @JsonProperty("embedding_dim") int embeddingDim,
        @JsonProperty("classes") List<CardClass> classes,
        @JsonProperty("beta") double beta,
        @JsonProperty("text_order") String textOrder,
        @JsonProperty("training") JsonNode training,
        @JsonProperty("seed") long seed,
        @JsonProperty("validation") JsonNode validation,
        @JsonProperty("test") JsonNode test,
        @JsonProperty("project_version") String projectVersion,
        @JsonProperty("created") String created) {

    /** The card format this SDK writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One class of the vocabulary.
     *
     * @param name the class name predictions report
     * @param id the class id in the benchmark (index in the sorted {@code all_class.txt}), or -1
     * @param role {@link ClassRole#SEEN} or {@link ClassRole#UNSEEN} in training
     * @param embedding the text embedding fed to the model for this class ({@code text_dim} floats)
     */
    @JsonPropertyOrder({"name", "id", "role", "embedding"})
    public record CardClass(
            @JsonProperty("name") String name,
            @JsonProperty("id") int id,
            @JsonProperty("role") ClassRole role,
            @JsonProperty("embedding") float[] embedding) {

        /**
         * @throws IllegalArgumentException if a field is missing or the role is {@link
         *     ClassRole#ADDED}
         */
        public CardClass {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("class name is missing or empty");
            }
            if (role == null || role == ClassRole.ADDED) {
                throw new IllegalArgumentException(
                        "class '" + name + "': role must be SEEN or UNSEEN, got " + role);
            }
            if (embedding == null) {
                throw new IllegalArgumentException("class '" + name + "': embedding is missing");
            }
            embedding = embedding.clone();
        }

        /** A copy of the embedding. */
        @Override
        @JsonProperty("embedding")
        public float[] embedding() {
            return embedding.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CardClass c
                    && c.name.equals(name)
                    && c.id == id
                    && c.role == role
                    && Arrays.equals(c.embedding, embedding);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, id, role, Arrays.hashCode(embedding));
        }

        @Override
        public String toString() {
            return "CardClass["
                    + name
                    + ", id="
                    + id
                    + ", "
                    + role
                    + ", dim="
                    + embedding.length
                    + "]";
        }
    }

    /**
     * Checks the card's own consistency.
     *
     * @throws IllegalArgumentException if a width is negative, β is not finite, a class name
     *     repeats, an embedding is not {@code textDim} wide, or a free-form field is not a JSON
     *     object
     */
    public ModelCard {
        if (audioDim < 0 || videoDim < 0 || textDim < 0 || embeddingDim < 0) {
            throw new IllegalArgumentException(
                    "model card: audio_dim, video_dim, text_dim and embedding_dim must be >= 0, got "
                            + audioDim
                            + ", "
                            + videoDim
                            + ", "
                            + textDim
                            + ", "
                            + embeddingDim);
        }
        if (!Double.isFinite(beta) || beta < 0) {
            throw new IllegalArgumentException(
                    "model card: beta must be finite and >= 0, got " + beta);
        }
        classes = List.copyOf(Objects.requireNonNull(classes, "model card: classes is missing"));
        Set<String> names = new HashSet<>();
        for (CardClass c : classes) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException(
                        "model card: class name '" + c.name() + "' appears twice");
            }
            if (textDim > 0 && c.embedding.length != textDim) {
                throw new IllegalArgumentException(
                        "model card: class '"
                                + c.name()
                                + "' has an embedding of "
                                + c.embedding.length
                                + " floats, expected text_dim "
                                + textDim);
            }
        }
        training = requireObject("training", training);
        validation = requireObject("validation", validation);
        test = requireObject("test", test);
    }

    private static JsonNode requireObject(String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(
                    "model card: '" + field + "' must be a JSON object, got " + node.getNodeType());
        }
        return node.deepCopy();
    }

    /** This card as JSON. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model card cannot be written as JSON", e);
        }
    }

    /**
     * Reads a card written by {@link #toJson()}.
     *
     * @param json the card's JSON
     * @return the card
     * @throws ModelFormatException if the JSON is malformed, misses a field, or has another format
     *     version
     */
    public static ModelCard fromJson(String json) throws ModelFormatException {
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
        if (version == null || !version.canConvertToInt() || version.asInt() != FORMAT_VERSION) {
            throw new ModelFormatException(
                    "model card format_version is "
                            + version
                            + ", this SDK reads "
                            + FORMAT_VERSION);
        }
        for (String required :
                List.of("audio_dim", "video_dim", "text_dim", "embedding_dim", "classes", "beta")) {
            if (!tree.hasNonNull(required)) {
                throw new ModelFormatException("model card has no '" + required + "' field");
            }
            if (required.endsWith("_dim")
                    && !(tree.get(required).canConvertToInt() && tree.get(required).asInt() > 0)) {
                throw new ModelFormatException(
                        "model card field '"
                                + required
                                + "' must be a positive integer, got "
                                + tree.get(required));
            }
        }
        try {
            return MAPPER.treeToValue(tree, ModelCard.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            throw new ModelFormatException("model card is invalid: " + cause.getMessage(), e);
        }
    }

    /**
     * The same card with other input and output widths (the exporter sets them from the weights).
     */
    public ModelCard withDims(int audioDim, int videoDim, int textDim, int embeddingDim) {
        return new ModelCard(
                formatVersion,
                dataset,
                featureSet,
                split,
                audioDim,
                videoDim,
                textDim,
                embeddingDim,
                classes,
                beta,
                textOrder,
                training,
                seed,
                validation,
                test,
                projectVersion,
                created);
    }

    /** The same card with another project version and creation time. */
    public ModelCard withProvenance(String projectVersion, String created) {
        return new ModelCard(
                formatVersion,
                dataset,
                featureSet,
                split,
                audioDim,
                videoDim,
                textDim,
                embeddingDim,
                classes,
                beta,
                textOrder,
                training,
                seed,
                validation,
                test,
                projectVersion,
                created);
    }

    /** A builder. The exporter overwrites the widths with those of the weights it exports. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link ModelCard}; {@code setX} fields are required, {@code optX} fields optional.
     */
    public static final class Builder {
        private String dataset;
        private String featureSet;
        private String split;
        private int audioDim;
        private int videoDim;
        private int textDim;
        private int embeddingDim;
        private final List<CardClass> classes = new ArrayList<>();
        private double beta;
        private String textOrder = "own";
        private JsonNode training;
        private long seed;
        private JsonNode validation;
        private JsonNode test;
        private String projectVersion;
        private String created;

        private Builder() {}

        public Builder setDataset(String dataset, String featureSet, String split) {
            this.dataset = dataset;
            this.featureSet = featureSet;
            this.split = split;
            return this;
        }

        /**
         * Sets the input and output widths (optional for the exporter, which sets them from the
         * weights).
         */
        public Builder optDims(int audioDim, int videoDim, int textDim, int embeddingDim) {
            this.audioDim = audioDim;
            this.videoDim = videoDim;
            this.textDim = textDim;
            this.embeddingDim = embeddingDim;
            return this;
        }

        /** Appends a class; the order of calls is the candidate order. */
        public Builder addClass(String name, int id, ClassRole role, float[] embedding) {
            classes.add(new CardClass(name, id, role, embedding));
            return this;
        }

        public Builder setBeta(double beta) {
            this.beta = beta;
            return this;
        }

        public Builder optTextOrder(String textOrder) {
            this.textOrder = textOrder;
            return this;
        }

        public Builder optTraining(JsonNode training) {
            this.training = training;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optValidation(JsonNode validation) {
            this.validation = validation;
            return this;
        }

        public Builder optTest(JsonNode test) {
            this.test = test;
            return this;
        }

        public Builder optProvenance(String projectVersion, String created) {
            this.projectVersion = projectVersion;
            this.created = created;
            return this;
        }

        /**
         * @return the card
         * @throws IllegalArgumentException if the card is inconsistent (see {@link ModelCard})
         */
        public ModelCard build() {
            ObjectNode empty = JsonNodeFactory.instance.objectNode();
            return new ModelCard(
                    FORMAT_VERSION,
                    dataset,
                    featureSet,
                    split,
                    audioDim,
                    videoDim,
                    textDim,
                    embeddingDim,
                    classes,
                    beta,
                    textOrder,
                    training == null ? empty : training,
                    seed,
                    validation == null ? empty : validation,
                    test == null ? empty : test,
                    projectVersion,
                    created);
        }
    }
}
