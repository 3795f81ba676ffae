package org.avca4j.trainer.export;

import static org.avca4j.trainer.export.OnnxGraph.attr;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Path;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.ModelSignature;
import org.avca4j.sdk.card.ScoringRule;
import org.avca4j.trainer.io.AtomicFiles;
import org.avca4j.trainer.method.fvaegan.FixedClassClassifier;
import org.avca4j.trainer.method.fvaegan.LinearWeights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports a fixed-class classifier (f-VAEGAN-D2's GZSL softmax classifier) to ONNX
 * (docs/model-format.md): inputs {@code audio [N, audio_dim]} and {@code video [N, video_dim]},
 * output {@code scores [N, classes]} = L2n([audio ‖ video])·W + b, one column per card class in
 * card order. The card's scoring rule is {@link ScoringRule#FIXED_CLASSES}; the card and the digest
 * sit in {@code metadata_props} as for AVCA models.
 */
public final class FixedClassOnnxExporter {

    private static final Logger LOG = LoggerFactory.getLogger(FixedClassOnnxExporter.class);

    /** The floor of the L2 norm, as in the trainer's L2n. */
    private static final float NORM_FLOOR = 1e-12f;

    /**
     * Builds the ONNX model.
     *
     * @param card the card (scoring rule fixed_classes, one class per output column in order,
     *     embedding_dim = classes); a missing project version or creation time is filled in
     * @throws IllegalArgumentException if the card's scoring rule, widths or classes do not match
     *     the classifier
     */
    public OnnxMl.ModelProto toModel(FixedClassClassifier classifier, ModelCard card) {
        LinearWeights w = classifier.weights();
        int classes = w.outputs();
        if (card.scoringRule() != ScoringRule.FIXED_CLASSES
                || card.audioDim() != classifier.audioDim()
                || card.videoDim() != classifier.videoDim()
                || card.embeddingDim() != classes
                || card.classes().size() != classes) {
            throw new IllegalArgumentException(
                    "the model card ("
                            + card
                            + ", scoring rule "
                            + card.scoringRule().label()
                            + ") does not describe a fixed_classes classifier of audio "
                            + classifier.audioDim()
                            + ", video "
                            + classifier.videoDim()
                            + " and "
                            + classes
                            + " classes");
        }
        int[] ids = classifier.classIds();
        for (int j = 0; j < classes; j++) {
            if (card.classes().get(j).id() != ids[j]) {
                throw new IllegalArgumentException(
                        "card class "
                                + j
                                + " ('"
                                + card.classes().get(j).name()
                                + "') has id "
                                + card.classes().get(j).id()
                                + ", the classifier's column "
                                + j
                                + " is class "
                                + ids[j]);
            }
        }
        ModelCards.Builder filled = AvcaOnnxExporter.withProvenance(card);
        OnnxGraph g = new OnnxGraph("fixed_class_classifier");
        g.input(ModelSignature.AUDIO, ModelSignature.CLIP_DIM, classifier.audioDim());
        g.input(ModelSignature.VIDEO, ModelSignature.CLIP_DIM, classifier.videoDim());
        String x =
                g.op(
                        "Concat",
                        new String[] {ModelSignature.AUDIO, ModelSignature.VIDEO},
                        attr("axis", 1L));
        String unit = g.unitRows(x, NORM_FLOOR);
        String weight = g.floats("classifier.weight", w.weight(), w.inputs(), classes);
        String bias = g.floats("classifier.bias", w.bias(), classes);
        g.opNamed(
                "Add",
                ModelSignature.SCORES,
                new String[] {g.op("MatMul", new String[] {unit, weight}), bias});
        g.output(ModelSignature.SCORES, ModelSignature.CLIP_DIM, classes);
        ModelCard written = filled.build();
        OnnxMl.ModelProto.Builder model =
                OnnxMl.ModelProto.newBuilder()
                        .setIrVersion(AvcaOnnxExporter.IR_VERSION)
                        .addOpsetImport(
                                OnnxMl.OperatorSetIdProto.newBuilder()
                                        .setDomain("")
                                        .setVersion(AvcaOnnxExporter.OPSET))
                        .setProducerName("avca4j")
                        .setProducerVersion(written.projectVersion())
                        .setDocString(
                                "Fixed-class GZSL classifier: scores of L2n([audio, video]), one per card class")
                        .setGraph(g.build())
                        .addMetadataProps(
                                OnnxMl.StringStringEntryProto.newBuilder()
                                        .setKey(ModelSignature.CARD_KEY)
                                        .setValue(filled.toJson()));
        return AvcaOnnxExporter.withDigest(model);
    }

    /**
     * Writes the model to a file atomically.
     *
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException as {@link #toModel}
     */
    public void export(FixedClassClassifier classifier, ModelCard card, Path file)
            throws IOException {
        byte[] bytes = toModel(classifier, card).toByteArray();
        AtomicFiles.write(file, bytes);
        LOG.info(
                "Exported fixed-class classifier to {} ({} bytes, {} classes)",
                file,
                bytes.length,
                card.classes().size());
    }
}
