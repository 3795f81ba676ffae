package org.avca4j.trainer.export;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.avca4j.sdk.ClassRole;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.ModelFormatException;
import org.avca4j.sdk.ModelSignature;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.model.AvcaNetwork;
import org.avca4j.trainer.training.EpochRecord;
import org.avca4j.trainer.training.ProtocolResult;
import org.avca4j.trainer.training.RunSpec;
import org.avca4j.trainer.training.Stage;
import org.avca4j.trainer.training.TestFigures;
import org.avca4j.trainer.training.Trainer;

/**
 * The model card of a trained protocol run (spec §5), and the export of the model the protocol
 * tested: the stage-2 checkpoint of epoch E*.
 *
 * <p>The card lists every class of the benchmark by ascending id (the SDK's tie-break order, as in
 * the protocol), each with its role in training — the stage-2 training classes are {@code SEEN},
 * all others {@code UNSEEN} — and the text embedding it received under the run's text order (spec
 * §8). β* is the SDK's default β. {@code training} holds the training configuration and, under
 * {@code model}, the architecture; {@code validation} the stage-1 validation figures at E*; {@code
 * test} the protocol's test figures. Figures are fractions in [0, 1] ({@code "units": "fraction"}).
 */
public final class ModelCards {

    private static final ObjectMapper MAPPER = new ObjectMapper();

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
        RunSpec spec = result.spec();
        RunSpec expected = RunSpec.of(benchmark, spec.model(), spec.training());
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
        ModelCard.Builder card =
                ModelCard.builder()
                        .setDataset(
                                benchmark.dataset().folder(),
                                benchmark.featureSet(),
                                benchmark.split())
                        .setBeta(result.testBeta())
                        .optTextOrder(benchmark.textOrder().name().toLowerCase(Locale.ROOT))
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
     * runFolder} — with the card {@link #of} to {@code file}, atomically.
     *
     * @param trainer a trainer with the run's configurations (it opens the checkpoint)
     * @param benchmark the benchmark the run trained on
     * @param result the run's outcome
     * @param runFolder the run folder holding {@code stage2/}
     * @param file the ONNX file to write
     * @return the card written (before the exporter adds widths, version and time)
     * @throws IllegalArgumentException as {@link #of}, or if the trainer's configurations are not
     *     the run's
     * @throws IOException if the checkpoint cannot be read or the file cannot be written
     */
    public static ModelCard export(
            Trainer trainer, Benchmark benchmark, ProtocolResult result, Path runFolder, Path file)
            throws IOException {
        ModelCard card = of(benchmark, result);
        if (!trainer.runSpec(benchmark).equals(result.spec())) {
            throw new IllegalArgumentException(
                    "the trainer's configuration is not the run's: "
                            + trainer.runSpec(benchmark)
                            + " vs "
                            + result.spec());
        }
        try (AvcaNetwork network =
                trainer.openCheckpoint(runFolder, Stage.STAGE_2, result.testEpoch())) {
            new AvcaOnnxExporter().export(network.weights(), card, file);
        }
        return card;
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
     * Whether two cards describe the same run: equal as JSON apart from the input widths (which the
     * exporter fills in), the project version and the creation time.
     */
    public static boolean sameRun(ModelCard a, ModelCard b) {
        return comparable(a).equals(comparable(b));
    }

    private static com.fasterxml.jackson.databind.JsonNode comparable(ModelCard card) {
        try {
            // Read back from text, so that numbers compare by value whatever node type built them.
            ObjectNode tree = (ObjectNode) MAPPER.readTree(card.toJson());
            tree.remove(
                    java.util.List.of(
                            "audio_dim",
                            "video_dim",
                            "text_dim",
                            "embedding_dim",
                            "project_version",
                            "created"));
            return tree;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a model card's own JSON does not parse", e);
        }
    }

    private static String describe(RunSpec s) {
        return s.dataset()
                + " "
                + s.featureSet()
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

    private static ObjectNode training(RunSpec spec) {
        ObjectNode node = MAPPER.valueToTree(spec.training());
        node.set("model", MAPPER.valueToTree(spec.model()));
        return node;
    }

    private static ObjectNode validation(EpochRecord atBest) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("clip_set", "stage1_val");
        node.put("epoch", atBest.epoch());
        node.put("beta", atBest.beta());
        node.put("units", "fraction");
        node.put("seen", atBest.valSeen());
        node.put("unseen", atBest.valUnseen());
        node.put("harmonic_mean", atBest.valHm());
        node.put("zsl", atBest.valZsl());
        return node;
    }

    private static ObjectNode test(ProtocolResult result, int clips) {
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
        return node;
    }
}
