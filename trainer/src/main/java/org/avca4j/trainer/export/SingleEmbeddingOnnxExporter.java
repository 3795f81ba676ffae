package org.avca4j.trainer.export;

import static org.avca4j.trainer.export.OnnxGraph.attr;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.ModelSignature;
import org.avca4j.trainer.io.AtomicFiles;
import org.avca4j.trainer.method.ClipInputs;
import org.avca4j.trainer.method.LinearEmbedding;
import org.avca4j.trainer.method.MethodSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the inference path of a single-embedding method (ALE, SJE, DEVISE, APN; docs/baselines.md)
 * as an ONNX model with the same signature as AVCA's (docs/model-format.md), so that the SDK's
 * classifier scores it unchanged: {@code theta_v = theta_a = e(x) = x·W} with {@code x = [video ‖
 * audio]} (L2-normalised if the method was trained so), and {@code theta_w} the raw text embedding
 * (Identity), which the method compares with e(x) by Euclidean distance. The card's {@code
 * training} object names the method and its settings.
 */
public final class SingleEmbeddingOnnxExporter {

    /** The key of the method id in the card's {@code training} object. */
    public static final String METHOD_KEY = "method";

    /** The key of the method's settings in the card's {@code training} object. */
    public static final String SETTINGS_KEY = "method_settings";

    private static final Logger LOG = LoggerFactory.getLogger(SingleEmbeddingOnnxExporter.class);

    /**
     * Builds the ONNX model with the card (its {@code training} object extended by the method id
     * and settings) and the digest in {@code metadata_props}.
     *
     * @param methodId the method's id, e.g. "devise"
     * @param settings the settings it was trained with
     * @param model its inference path
     * @param card what it was trained on; {@code embedding_dim} must be {@code text_dim}
     * @throws IllegalArgumentException if the card's widths are not those of the model
     */
    public OnnxMl.ModelProto toModel(
            String methodId, MethodSettings settings, LinearEmbedding model, ModelCard card) {
        Objects.requireNonNull(methodId, "methodId");
        int t = model.textDim();
        ModelCards.Builder filled =
                AvcaOnnxExporter.complete(
                        card, new int[] {model.audioDim(), model.videoDim(), t, t});
        Map<String, Object> training = new LinkedHashMap<>(card.training());
        training.put(METHOD_KEY, methodId);
        training.put(SETTINGS_KEY, settings.asMap());
        filled.optTraining(training);

        OnnxGraph g = new OnnxGraph(methodId);
        g.input(ModelSignature.AUDIO, ModelSignature.CLIP_DIM, model.audioDim());
        g.input(ModelSignature.VIDEO, ModelSignature.CLIP_DIM, model.videoDim());
        g.input(ModelSignature.TEXT, ModelSignature.CLASS_DIM, t);
        String x =
                g.op(
                        "Concat",
                        new String[] {ModelSignature.VIDEO, ModelSignature.AUDIO},
                        attr("axis", 1L));
        if (model.normInputs()) {
            x = g.unitRows(x, (float) ClipInputs.NORM_FLOOR);
        }
        g.opNamed(
                "MatMul",
                ModelSignature.THETA_V,
                new String[] {x, g.floats("W", model.weight(), model.inputDim(), t)});
        g.opNamed("Identity", ModelSignature.THETA_A, new String[] {ModelSignature.THETA_V});
        g.opNamed("Identity", ModelSignature.THETA_W, new String[] {ModelSignature.TEXT});
        g.output(ModelSignature.THETA_V, ModelSignature.CLIP_DIM, t);
        g.output(ModelSignature.THETA_A, ModelSignature.CLIP_DIM, t);
        g.output(ModelSignature.THETA_W, ModelSignature.CLASS_DIM, t);
        return AvcaOnnxExporter.model(
                g,
                filled,
                methodId
                        + " inference: theta_v = theta_a = e([video, audio]), theta_w = the raw"
                        + " class text embeddings, scored by Euclidean distance");
    }

    /**
     * Writes the model to a file atomically.
     *
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException as {@link #toModel}
     */
    public void export(
            String methodId,
            MethodSettings settings,
            LinearEmbedding model,
            ModelCard card,
            Path file)
            throws IOException {
        byte[] bytes = toModel(methodId, settings, model, card).toByteArray();
        AtomicFiles.write(file, bytes);
        LOG.info(
                "Exported {} model to {} ({} bytes, {} classes)",
                methodId,
                file,
                bytes.length,
                card.classes().size());
    }
}
