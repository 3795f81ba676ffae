package org.avca4j.trainer.export;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.avca4j.sdk.ClassRole;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.ModelFormatException;
import org.avca4j.sdk.ModelSignature;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.Precision;
import org.avca4j.sdk.card.ScoringRule;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.method.MethodNetwork;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.training.EpochRecord;
import org.avca4j.trainer.training.ProtocolResult;
import org.avca4j.trainer.training.RunSpec;
import org.avca4j.trainer.training.Stage;
import org.avca4j.trainer.training.TestFigures;
import org.avca4j.trainer.training.Trainer;

/**
 * Builds and writes model cards (the SDK only reads them): the card of a trained protocol run (spec
 * §5), the export of the model the protocol tested — the stage-2 checkpoint of epoch E* — and a
 * {@link Builder} for other cards.
 *
 * <p>The card of a run lists every class of the benchmark by ascending id (the SDK's tie-break
 * order, as in the protocol), each with its role in training — the stage-2 training classes are
 * {@code SEEN}, all others {@code UNSEEN} — and the text embedding it received under the run's text
 * order (docs/protocol.md#text-order). β* is the SDK's default β. {@code training} holds the
 * training configuration and, under {@code model}, the architecture; {@code validation} the stage-1
 * validation figures at E*; {@code test} the protocol's test figures. Figures are fractions in [0,
 * 1] ({@code "units": "fraction"}).
 *
 * <p>A card is written as JSON in the field order of docs/model-format.md; {@link Builder#build()}
 * reads that JSON back with the SDK's {@link ModelCard#fromJson}, so every card the trainer makes
 * passes exactly the checks the SDK applies when it loads a model.
 */
public final class ModelCards {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The fields {@link #sameRun} ignores: what the exporter fills in. */
    private static final List<String> PROVENANCE = List.of("project_version", "created");

    private ModelCards() {}

    /**
     * The card of a protocol run on a benchmark. Version and creation time are left to the
     * exporter.
     *
     * @param benchmark the benchmark the run trained on, read with the run's text order
     * @param result the run's outcome ({@code run.json})
     * @return the card
     * @throws IllegalArgumentException if the run was not made on this benchmark (dataset, feature
     *     set, split, text order or clip counts differ), or E* is not an epoch of stage 1
     */
    public static ModelCard of(Benchmark benchmark, ProtocolResult result) {
        AvcaConfig model = result.spec().model();
        if (model == null) {
            throw new IllegalArgumentException(
                    "the run of method "
                            + result.method()
                            + " has no AVCA architecture: give the card's embedding width");
        }
        return of(benchmark, result, model.outDim());
    }

    /**
     * The card of a protocol run of any method on a benchmark, its clip and text widths the
     * benchmark's. Version and creation time are left to the exporter. The {@code training} object
     * holds the optimisation settings and AVCA's architecture, or the method's id and settings.
     *
     * @param embeddingDim the width of the exported embeddings ({@link
     *     MethodExporter#embeddingDim})
     * @throws IllegalArgumentException as {@link #of(Benchmark, ProtocolResult)}
     */
    public static ModelCard of(Benchmark benchmark, ProtocolResult result, int embeddingDim) {
        RunSpec spec = result.spec();
        RunSpec expected =
                RunSpec.of(
                        benchmark, spec.model(), spec.training(), spec.method(), spec.settings());
        if (!expected.equals(spec)) {
            throw new IllegalArgumentException(
                    "the run was made on "
                            + describe(spec)
                            + " but the benchmark is "
                            + describe(expected));
        }
        int best = result.testEpoch();
        if (best < 0 || best >= result.stage1().history().size()) {
            throw new IllegalArgumentException(
                    "E* = "
                            + best
                            + " is not an epoch of the run's "
                            + result.stage1().history().size()
                            + " stage-1 epochs");
        }
        Builder card =
                builder()
                        .setDataset(benchmark.dataset(), benchmark.featureSet(), benchmark.split())
                        .setDims(
                                benchmark.stage1Train().audioDim(),
                                benchmark.stage1Train().videoDim(),
                                benchmark.textDim(),
                                embeddingDim)
                        .setBeta(result.testBeta())
                        .optTextOrder(benchmark.textOrder())
                        .optSeed(spec.training().seed())
                        .optTraining(training(spec))
                        .optValidation(validation(result.stage1().history().get(best)))
                        .optTest(test(result, benchmark.test().size()));
        int[] seen = benchmark.stage2Train().seenClasses();
        for (int id = 0; id < benchmark.classCount(); id++) {
            ClassRole role = Arrays.binarySearch(seen, id) >= 0 ? ClassRole.SEEN : ClassRole.UNSEEN;
            card.addClass(benchmark.classNames().get(id), id, role, benchmark.embeddings()[id]);
        }
        return card.build();
    }

    /**
     * Exports the model the protocol tested — the stage-2 checkpoint of epoch E* in {@code
     * runFolder} — with the card {@link #of(Benchmark, ProtocolResult, int)} to {@code file},
     * atomically, by the method's exporter ({@link org.avca4j.trainer.method.GzslMethod#exporter}).
     *
     * @param trainer a trainer with the run's configurations (it opens the checkpoint)
     * @param benchmark the benchmark the run trained on
     * @param result the run's outcome
     * @param runFolder the run folder holding {@code stage2/}
     * @param file the ONNX file to write
     * @return the card written (before the exporter adds version and time)
     * @throws IllegalArgumentException as {@link #of(Benchmark, ProtocolResult, int)}, if the
     *     method has no exporter, or if the trainer's configurations are not the run's
     * @throws IOException if the checkpoint cannot be read or the file cannot be written
     */
    public static ModelCard export(
            Trainer trainer, Benchmark benchmark, ProtocolResult result, Path runFolder, Path file)
            throws IOException {
        return export(trainer, benchmark, result, runFolder, file, Precision.FP32);
    }

    /**
     * As {@link #export(Trainer, Benchmark, ProtocolResult, Path, Path)}, with the weight matrices
     * stored in the given precision ({@link AvcaOnnxExporter#AvcaOnnxExporter(Precision)}).
     *
     * @throws IllegalArgumentException as the other overload
     * @throws IOException as the other overload
     */
    public static ModelCard export(
            Trainer trainer,
            Benchmark benchmark,
            ProtocolResult result,
            Path runFolder,
            Path file,
            Precision precision)
            throws IOException {
        MethodExporter exporter =
                precision == Precision.FP32
                        ? trainer.method()
                                .exporter()
                                .orElseThrow(
                                        () ->
                                                new IllegalArgumentException(
                                                        "method "
                                                                + trainer.method().id()
                                                                + " has no exporter"))
                        : reducedPrecisionExporter(trainer, precision);
        if (!trainer.runSpec(benchmark).equals(result.spec())) {
            throw new IllegalArgumentException(
                    "the trainer's configuration is not the run's: "
                            + trainer.runSpec(benchmark)
                            + " vs "
                            + result.spec());
        }
        try (MethodNetwork network =
                trainer.openNetwork(benchmark, runFolder, Stage.STAGE_2, result.testEpoch())) {
            ModelCard card = of(benchmark, result, exporter, network);
            exporter.export(network, trainer.settings(), card, file);
            return card;
        }
    }

    /**
     * Reduced precision is offered where its accuracy change was measured (docs/performance.md):
     * AVCA's clip branch.
     */
    private static MethodExporter reducedPrecisionExporter(Trainer trainer, Precision precision) {
        if (!"avca".equals(trainer.method().id())) {
            throw new IllegalArgumentException(
                    "precision "
                            + precision.label()
                            + " is offered for the avca method only, not for "
                            + trainer.method().id()
                            + "; export it in fp32");
        }
        return MethodExporters.avca(precision);
    }

    /**
     * The card {@link #export} writes for a network of the run: {@link #of(Benchmark,
     * ProtocolResult, int)} with the exporter's embedding width and scoring rule.
     *
     * @throws IllegalArgumentException as {@link #of(Benchmark, ProtocolResult, int)}, or if the
     *     network is not one of the exporter's method
     */
    public static ModelCard of(
            Benchmark benchmark,
            ProtocolResult result,
            MethodExporter exporter,
            MethodNetwork network) {
        return toBuilder(of(benchmark, result, exporter.embeddingDim(network)))
                .optScoringRule(exporter.scoringRule(network))
                .build();
    }

    /**
     * Reads the card of an exported model without starting ONNX Runtime.
     *
     * @throws NoSuchFileException if the file does not exist
     * @throws ModelFormatException if the file is not an ONNX model or has no valid card
     * @throws IOException if the file cannot be read
     */
    public static ModelCard read(Path model) throws IOException {
        if (!Files.isRegularFile(model)) {
            throw new NoSuchFileException(model.toString(), null, "model file not found");
        }
        OnnxMl.ModelProto proto;
        try (InputStream in = Files.newInputStream(model)) {
            proto = OnnxMl.ModelProto.parseFrom(in);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new ModelFormatException(model + ": not an ONNX model: " + e.getMessage(), e);
        }
        for (OnnxMl.StringStringEntryProto entry : proto.getMetadataPropsList()) {
            if (entry.getKey().equals(ModelSignature.CARD_KEY)) {
                return ModelCard.fromJson(entry.getValue());
            }
        }
        throw new ModelFormatException(
                model + ": no '" + ModelSignature.CARD_KEY + "' entry in metadata_props");
    }

    /**
     * Whether two cards describe the same run: equal in every field apart from the project version
     * and the creation time (which the exporter fills in).
     */
    public static boolean sameRun(ModelCard a, ModelCard b) {
        ObjectNode x = toBuilder(a).tree();
        ObjectNode y = toBuilder(b).tree();
        x.remove(PROVENANCE);
        y.remove(PROVENANCE);
        return x.equals(y);
    }

    /** A builder; {@code setX} fields are required, {@code optX} fields optional. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of {@code card}, e.g. to change its provenance. */
    public static Builder toBuilder(ModelCard card) {
        Builder b =
                builder()
                        .setDataset(card.dataset(), card.featureSet(), card.split())
                        .setDims(
                                card.audioDim(),
                                card.videoDim(),
                                card.textDim(),
                                card.embeddingDim())
                        .setBeta(card.beta())
                        .optTextOrder(card.textOrder())
                        .optSeed(card.seed())
                        .optTraining(card.training())
                        .optValidation(card.validation())
                        .optTest(card.test())
                        .optProvenance(card.projectVersion(), card.created())
                        .optScoringRule(card.scoringRule())
                        .optPrecision(card.precision());
        for (ModelCard.CardClass c : card.classes()) {
            b.addClass(c.name(), c.id(), c.role(), c.embedding());
        }
        return b;
    }

    private static String describe(RunSpec s) {
        return s.dataset()
                + " "
                + s.featureSet().folder()
                + "/"
                + s.split()
                + " (text order "
                + s.textOrder()
                + ", "
                + s.classes()
                + " classes, clips "
                + s.stage1TrainClips()
                + "/"
                + s.stage1ValClips()
                + "/"
                + s.stage2TrainClips()
                + "/"
                + s.testClips()
                + ")";
    }

    private static Map<String, Object> training(RunSpec spec) {
        ObjectNode node = MAPPER.valueToTree(spec.training());
        if (spec.model() != null) {
            node.set("model", MAPPER.valueToTree(spec.model()));
        } else {
            node.put(SingleEmbeddingOnnxExporter.METHOD_KEY, spec.method());
            node.set(SingleEmbeddingOnnxExporter.SETTINGS_KEY, MAPPER.valueToTree(spec.settings()));
        }
        return plain(node);
    }

    private static Map<String, Object> validation(EpochRecord atBest) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("clip_set", "stage1_val");
        node.put("epoch", atBest.epoch());
        node.put("beta", atBest.beta());
        node.put("units", "fraction");
        node.put("seen", atBest.valSeen());
        node.put("unseen", atBest.valUnseen());
        node.put("harmonic_mean", atBest.valHm());
        node.put("zsl", atBest.valZsl());
        return plain(node);
    }

    private static Map<String, Object> test(ProtocolResult result, int clips) {
        TestFigures t = result.test();
        ObjectNode node = MAPPER.createObjectNode();
        node.put("clip_set", "test");
        node.put("stage2_epoch", result.testEpoch());
        node.put("beta", t.beta());
        node.put("clips", clips);
        node.put("units", "fraction");
        node.put("seen", t.seen());
        node.put("unseen", t.unseen());
        node.put("harmonic_mean", t.harmonicMean());
        node.put("zsl", t.zsl());
        return plain(node);
    }

    /**
     * A JSON object as the plain map the SDK's card holds, read back from its text so that a number
     * is held as the SDK reads it (a float field as the double of its printed form).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> plain(ObjectNode node) {
        try {
            return MAPPER.readValue(MAPPER.writeValueAsString(node), LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON object of the trainer does not parse", e);
        }
    }

    /**
     * Builds a {@link ModelCard}. {@code setDataset}, {@code setDims}, {@code setBeta} and at least
     * one {@code addClass} are required; {@code optTextOrder} defaults to {@link TextOrder#OWN},
     * {@code optSeed} to 0, the free-form objects to empty, the provenance to absent (the exporter
     * fills it in).
     */
    public static final class Builder {
        private DatasetName dataset;
        private FeatureSet featureSet;
        private SplitName split;
        private int[] dims;
        private Double beta;
        private final List<Entry> classes = new ArrayList<>();
        private TextOrder textOrder = TextOrder.OWN;
        private long seed;
        private Map<String, ?> training = Map.of();
        private Map<String, ?> validation = Map.of();
        private Map<String, ?> test = Map.of();
        private String projectVersion;
        private String created;
        private ScoringRule scoringRule = ScoringRule.EMBEDDING_DISTANCE;
        private Precision precision = Precision.FP32;

        private Builder() {}

        /** A class as {@link #addClass} received it. */
        private record Entry(String name, int id, ClassRole role, float[] embedding) {}

        /** What the model was trained on. Required. */
        public Builder setDataset(DatasetName dataset, FeatureSet featureSet, SplitName split) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
            this.featureSet = Objects.requireNonNull(featureSet, "featureSet");
            this.split = Objects.requireNonNull(split, "split");
            return this;
        }

        /**
         * The widths of the inputs {@code audio}, {@code video}, {@code text} and of the outputs.
         * Required; the exporter checks them against the weights.
         */
        public Builder setDims(int audioDim, int videoDim, int textDim, int embeddingDim) {
            this.dims = new int[] {audioDim, videoDim, textDim, embeddingDim};
            return this;
        }

        /** β*, the SDK's default calibrated-stacking β (finite, ≥ 0). Required. */
        public Builder setBeta(double beta) {
            this.beta = beta;
            return this;
        }

        /**
         * Appends a class; the order of calls is the candidate order. At least one is required.
         *
         * @param role {@link ClassRole#SEEN} or {@link ClassRole#UNSEEN}
         * @param embedding the text embedding fed to the model for the class (copied)
         */
        public Builder addClass(String name, int id, ClassRole role, float[] embedding) {
            classes.add(
                    new Entry(
                            Objects.requireNonNull(name, "name"),
                            id,
                            Objects.requireNonNull(role, "role"),
                            Objects.requireNonNull(embedding, "embedding").clone()));
            return this;
        }

        /**
         * How the model's outputs become a prediction; default {@link
         * ScoringRule#EMBEDDING_DISTANCE}, which the card then leaves out.
         */
        public Builder optScoringRule(ScoringRule scoringRule) {
            this.scoringRule = Objects.requireNonNull(scoringRule, "scoringRule");
            return this;
        }

        /**
         * How the model stores its weight matrices; default {@link Precision#FP32}, which the card
         * then leaves out. The exporter sets it from its own option.
         */
        public Builder optPrecision(Precision precision) {
            this.precision = Objects.requireNonNull(precision, "precision");
            return this;
        }

        /** Which text embedding each class received; default {@link TextOrder#OWN}. */
        public Builder optTextOrder(TextOrder textOrder) {
            this.textOrder = Objects.requireNonNull(textOrder, "textOrder");
            return this;
        }

        /** The training seed; default 0. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The training configuration, free form (JSON-writable values); default empty. */
        public Builder optTraining(Map<String, ?> training) {
            this.training = Objects.requireNonNull(training, "training");
            return this;
        }

        /** The validation figures, free form; default empty. */
        public Builder optValidation(Map<String, ?> validation) {
            this.validation = Objects.requireNonNull(validation, "validation");
            return this;
        }

        /** The test figures, free form; default empty. */
        public Builder optTest(Map<String, ?> test) {
            this.test = Objects.requireNonNull(test, "test");
            return this;
        }

        /**
         * The avca4j version and the export time (ISO-8601); null leaves a field absent. The
         * exporter fills in absent ones.
         */
        public Builder optProvenance(String projectVersion, String created) {
            this.projectVersion = projectVersion;
            this.created = created;
            return this;
        }

        /**
         * @return the card, as the SDK reads it
         * @throws IllegalStateException if {@code setDataset}, {@code setDims}, {@code setBeta} or
         *     every {@code addClass} is missing
         * @throws IllegalArgumentException if the SDK would refuse the card (a width not positive,
         *     β not finite or negative, a class name repeated or empty, a role {@code ADDED}, an
         *     embedding not {@code text_dim} wide or not finite); the message names the field
         */
        public ModelCard build() {
            try {
                return ModelCard.fromJson(toJson());
            } catch (ModelFormatException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        /** The card's JSON, as the exporter stores it. */
        String toJson() {
            try {
                return MAPPER.writeValueAsString(tree());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        "model card cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
        }

        /** The card as a JSON tree, fields in the order of docs/model-format.md. */
        ObjectNode tree() {
            List<String> missing = new ArrayList<>();
            if (dataset == null) {
                missing.add("setDataset");
            }
            if (dims == null) {
                missing.add("setDims");
            }
            if (beta == null) {
                missing.add("setBeta");
            }
            if (classes.isEmpty()) {
                missing.add("addClass");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException(
                        "model card builder: " + String.join(", ", missing) + " not called");
            }
            ObjectNode card = MAPPER.createObjectNode();
            card.put("format_version", ModelCard.FORMAT_VERSION);
            card.put("dataset", dataset.folder());
            card.put("feature_set", featureSet.folder());
            card.put("split", split.folder());
            card.put("audio_dim", dims[0]);
            card.put("video_dim", dims[1]);
            card.put("text_dim", dims[2]);
            card.put("embedding_dim", dims[3]);
            card.put("beta", beta);
            if (scoringRule != ScoringRule.EMBEDDING_DISTANCE) {
                card.put("scoring_rule", scoringRule.label());
            }
            if (precision != Precision.FP32) {
                card.put("precision", precision.label());
            }
            card.put("text_order", textOrder.label());
            card.put("seed", seed);
            card.set("training", MAPPER.valueToTree(training));
            card.set("validation", MAPPER.valueToTree(validation));
            card.set("test", MAPPER.valueToTree(test));
            if (projectVersion != null) {
                card.put("project_version", projectVersion);
            }
            if (created != null) {
                card.put("created", created);
            }
            ArrayNode list = card.putArray("classes");
            for (Entry c : classes) {
                ObjectNode entry = list.addObject();
                entry.put("name", c.name());
                entry.put("id", c.id());
                entry.put("role", c.role().name());
                ArrayNode embedding = entry.putArray("embedding");
                for (float v : c.embedding()) {
                    embedding.add(v);
                }
            }
            return card;
        }
    }
}
