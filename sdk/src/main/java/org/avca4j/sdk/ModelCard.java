package org.avca4j.sdk;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.Precision;
import org.avca4j.sdk.card.ScoringRule;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;

/**
 * What an exported AVCA model was trained on and how well it did, read from the JSON the exporter
 * stores under {@link ModelSignature#CARD_KEY} in the ONNX model's {@code metadata_props}
 * (docs/model-format.md describes every field). Read-only and immutable: every accessor returns a
 * value or an unmodifiable view, so one card can be shared by all threads. Applications get it from
 * {@link ZeroShotClassifier#card()}; only the exporter (module {@code trainer}) writes cards.
 *
 * <p>The free-form objects of the card ({@link #training()}, {@link #validation()}, {@link
 * #test()}) are unmodifiable {@code Map<String, Object>}s in the card's key order, whose values are
 * {@code String}, {@code Boolean}, {@code Integer}, {@code Long}, {@code BigInteger}, {@code
 * Double}, {@code null}, or again such a map or an unmodifiable {@code List} of such values.
 */
public final class ModelCard {

    /** The card format this SDK reads. */
    public static final int FORMAT_VERSION = 1;

    private final int formatVersion;
    private final DatasetName dataset;
    private final FeatureSet featureSet;
    private final SplitName split;
    private final int audioDim;
    private final int videoDim;
    private final int textDim;
    private final int embeddingDim;
    private final List<CardClass> classes;
    private final double beta;
    private final TextOrder textOrder;
    private final long seed;
    private final Map<String, Object> training;
    private final Map<String, Object> validation;
    private final Map<String, Object> test;
    private final String projectVersion;
    private final String created;
    private final ScoringRule scoringRule;
    private final Precision precision;

    /** Called by {@link ModelCardReader} only, with checked and unmodifiable values. */
    ModelCard(
            int formatVersion,
            DatasetName dataset,
            FeatureSet featureSet,
            SplitName split,
            int[] dims,
            List<CardClass> classes,
            double beta,
            TextOrder textOrder,
            long seed,
            List<Map<String, Object>> trainingValidationTest,
            String projectVersion,
            String created,
            ScoringRule scoringRule,
            Precision precision) {
        this.formatVersion = formatVersion;
        this.dataset = dataset;
        this.featureSet = featureSet;
        this.split = split;
        this.audioDim = dims[0];
        this.videoDim = dims[1];
        this.textDim = dims[2];
        this.embeddingDim = dims[3];
        this.classes = List.copyOf(classes);
        this.beta = beta;
        this.textOrder = textOrder;
        this.seed = seed;
        this.training = trainingValidationTest.get(0);
        this.validation = trainingValidationTest.get(1);
        this.test = trainingValidationTest.get(2);
        this.projectVersion = projectVersion;
        this.created = created;
        this.scoringRule = scoringRule;
        this.precision = precision;
    }

    /**
     * Reads a card from the JSON stored under {@link ModelSignature#CARD_KEY}, with every check the
     * SDK makes when it loads a model.
     *
     * @param json the card's JSON
     * @return the card
     * @throws ModelFormatException if the JSON is malformed, misses a field, has another format
     *     version, or a value is not what the format allows (the message names the field, and the
     *     class for a class entry)
     */
    public static ModelCard fromJson(String json) throws ModelFormatException {
        return ModelCardReader.read(json);
    }

    /** The card format version ({@link #FORMAT_VERSION}). Never throws. */
    public int formatVersion() {
        return formatVersion;
    }

    /** The benchmark the model was trained on. Never throws. */
    public DatasetName dataset() {
        return dataset;
    }

    /** The feature set the model was trained on. Never throws. */
    public FeatureSet featureSet() {
        return featureSet;
    }

    /** The class split the model was trained on. Never throws. */
    public SplitName split() {
        return split;
    }

    /** Width of the {@code audio} input (positive). Never throws. */
    public int audioDim() {
        return audioDim;
    }

    /** Width of the {@code video} input (positive). Never throws. */
    public int videoDim() {
        return videoDim;
    }

    /** Width of the {@code text} input and of each class embedding (positive). Never throws. */
    public int textDim() {
        return textDim;
    }

    /**
     * How the model's outputs become a prediction; {@link ScoringRule#EMBEDDING_DISTANCE} when the
     * card does not say. Never throws.
     */
    public ScoringRule scoringRule() {
        return scoringRule;
    }

    /**
     * How the model stores its weight matrices; {@link Precision#FP32} when the card does not say.
     * Never throws.
     */
    public Precision precision() {
        return precision;
    }

    /**
     * Width of θv, θa and θw (positive); for {@link ScoringRule#FIXED_CLASSES}, the number of
     * scores, one per card class. Never throws.
     */
    public int embeddingDim() {
        return embeddingDim;
    }

    /** The vocabulary in candidate order, unmodifiable; names are unique. Never throws. */
    public List<CardClass> classes() {
        return classes;
    }

    /** β* chosen on validation, the calibrated-stacking default (finite, ≥ 0). Never throws. */
    public double beta() {
        return beta;
    }

    /** Which text embedding each class received in training. Never throws. */
    public TextOrder textOrder() {
        return textOrder;
    }

    /** The training seed (0 if the card does not say). Never throws. */
    public long seed() {
        return seed;
    }

    /**
     * The training configuration, free form (the trainer's settings, the architecture under {@code
     * model}); empty if the card has none. Unmodifiable, see the class comment. Never throws.
     */
    public Map<String, Object> training() {
        return training;
    }

    /**
     * The validation figures, free form (e.g. {@code epoch}, {@code beta}, {@code seen}, {@code
     * unseen}, {@code harmonic_mean}, {@code zsl} as fractions); empty if the card has none.
     * Unmodifiable. Never throws.
     */
    public Map<String, Object> validation() {
        return validation;
    }

    /**
     * The test figures, free form, like {@link #validation()}; empty if the card has none.
     * Unmodifiable. Never throws.
     */
    public Map<String, Object> test() {
        return test;
    }

    /** The avca4j version that exported the model, or null if the card does not say. */
    public String projectVersion() {
        return projectVersion;
    }

    /** When the model was exported (ISO-8601), or null if the card does not say. */
    public String created() {
        return created;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelCard c
                && c.formatVersion == formatVersion
                && c.dataset == dataset
                && c.featureSet == featureSet
                && c.split == split
                && c.audioDim == audioDim
                && c.videoDim == videoDim
                && c.textDim == textDim
                && c.embeddingDim == embeddingDim
                && c.classes.equals(classes)
                && Double.compare(c.beta, beta) == 0
                && c.textOrder == textOrder
                && c.seed == seed
                && c.training.equals(training)
                && c.validation.equals(validation)
                && c.test.equals(test)
                && Objects.equals(c.projectVersion, projectVersion)
                && Objects.equals(c.created, created)
                && c.scoringRule == scoringRule
                && c.precision == precision;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataset, featureSet, split, classes, beta, textOrder, seed, created);
    }

    @Override
    public String toString() {
        return "ModelCard["
                + dataset
                + " "
                + featureSet.folder()
                + "/"
                + split
                + ", "
                + classes.size()
                + " classes, beta "
                + beta
                + ", text order "
                + textOrder.label()
                + ", dims "
                + audioDim
                + "/"
                + videoDim
                + "/"
                + textDim
                + "/"
                + embeddingDim
                + "]";
    }

    /** One class of the card's vocabulary. Immutable. */
    public static final class CardClass {
        private final String name;
        private final int id;
        private final ClassRole role;
        private final float[] embedding;

        /** Called by {@link ModelCardReader} only, with checked values. */
        CardClass(String name, int id, ClassRole role, float[] embedding) {
            this.name = name;
            this.id = id;
            this.role = role;
            this.embedding = embedding.clone();
        }

        /** The class name predictions report (non-empty, unique in the card). Never throws. */
        public String name() {
            return name;
        }

        /**
         * The class id in the benchmark (index in the sorted {@code all_class.txt}), or -1. Never
         * throws.
         */
        public int id() {
            return id;
        }

        /** {@link ClassRole#SEEN} or {@link ClassRole#UNSEEN} in training. Never throws. */
        public ClassRole role() {
            return role;
        }

        /**
         * A copy of the text embedding fed to the model for this class ({@code text_dim} finite
         * floats). Never throws.
         */
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
}
